import { CreateContentSchema1763888400000 } from './1763888400000-create-content-schema';
import { LessonKindsFeedbackAndListenFor1795433087461 } from './1795433087461-lesson-kinds-feedback-and-listen-for';

/** In order; the content data source loads exactly these. */
export const contentMigrations = [CreateContentSchema1763888400000, LessonKindsFeedbackAndListenFor1795433087461];
