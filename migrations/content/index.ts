import { CreateContentSchema1763888400000 } from './1763888400000-create-content-schema';
import { EnableContentRowLevelSecurity1795433087358 } from './1795433087358-enable-row-level-security';
import { LessonKindsFeedbackAndListenFor1795433087461 } from './1795433087461-lesson-kinds-feedback-and-listen-for';
import { TrackVersions1795433596865 } from './1795433596865-track-versions';
import { LessonTags1795434499100 } from './1795434499100-lesson-tags';
import { TrackLocales1795435013439 } from './1795435013439-track-locales';
import { RepublishLessonTexts1795670000000 } from './1795670000000-republish-lesson-texts';
import { RepublishLessonCompetencies1795750000000 } from './1795750000000-republish-lesson-competencies';

/** In order; the content data source loads exactly these. */
export const contentMigrations = [
  CreateContentSchema1763888400000,
  EnableContentRowLevelSecurity1795433087358,
  LessonKindsFeedbackAndListenFor1795433087461,
  TrackVersions1795433596865,
  LessonTags1795434499100,
  TrackLocales1795435013439,
  RepublishLessonTexts1795670000000,
  RepublishLessonCompetencies1795750000000,
];
