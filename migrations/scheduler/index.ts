import { CreateSchedulerSchema1763888400000 } from './1763888400000-create-scheduler-schema';
import { EnableSchedulerRowLevelSecurity1795433087358 } from './1795433087358-enable-row-level-security';
import { AddSpacedReviews1795433108975 } from './1795433108975-add-spaced-reviews';
import { CreateCoachingMoments1795434317169 } from './1795434317169-create-coaching-moments';
import { AddWebhookEndpoints1795434338918 } from './1795434338918-add-webhook-endpoints';
import { CreatePulse1795434773956 } from './1795434773956-create-pulse';
import { PeopleActivityAndLocale1795480000000 } from './1795480000000-people-activity-and-locale';
import { LearnerEnrollmentStatus1795500000000 } from './1795500000000-learner-enrollment-status';
import { LeaderPrompts1795600000000 } from './1795600000000-leader-prompts';
import { LessonNudges1795610000000 } from './1795610000000-lesson-nudges';
import { PersonErasure1795620000000 } from './1795620000000-person-erasure';
import { CohortQuietHoursAndHolidays1795630000000 } from './1795630000000-cohort-quiet-hours-and-holidays';
import { CohortPriority1795650000000 } from './1795650000000-cohort-priority';
import { LearnerEnrollmentsDueOrder1795660000000 } from './1795660000000-learner-enrollments-due-order';
import { LessonTexts1795670000000 } from './1795670000000-lesson-texts';
import { EventWebhooks1795700000000 } from './1795700000000-event-webhooks';
import { XapiStatements1795710000000 } from './1795710000000-xapi-statements';
import { StreakRepair1795720000000 } from './1795720000000-streak-repair';
import { MemoryModelFits1795730000000 } from './1795730000000-memory-model-fits';
import { QuestionReviews1795740000000 } from './1795740000000-question-reviews';
import { LessonCompetencies1795750000000 } from './1795750000000-lesson-competencies';
import { LtiScores1795760000000 } from './1795760000000-lti-scores';
import { CareerConversations1795780000000 } from './1795780000000-career-conversations';
import { PeopleTeam1795790000000 } from './1795790000000-people-team';
import { SendClaims1795800000000 } from './1795800000000-send-claims';

/** In order; the scheduler data source loads exactly these. */
export const schedulerMigrations = [
  CreateSchedulerSchema1763888400000,
  EnableSchedulerRowLevelSecurity1795433087358,
  AddSpacedReviews1795433108975,
  CreateCoachingMoments1795434317169,
  AddWebhookEndpoints1795434338918,
  CreatePulse1795434773956,
  PeopleActivityAndLocale1795480000000,
  LearnerEnrollmentStatus1795500000000,
  LeaderPrompts1795600000000,
  LessonNudges1795610000000,
  PersonErasure1795620000000,
  CohortQuietHoursAndHolidays1795630000000,
  CohortPriority1795650000000,
  LearnerEnrollmentsDueOrder1795660000000,
  LessonTexts1795670000000,
  EventWebhooks1795700000000,
  XapiStatements1795710000000,
  StreakRepair1795720000000,
  MemoryModelFits1795730000000,
  QuestionReviews1795740000000,
  LessonCompetencies1795750000000,
  LtiScores1795760000000,
  CareerConversations1795780000000,
  PeopleTeam1795790000000,
  SendClaims1795800000000,
];
