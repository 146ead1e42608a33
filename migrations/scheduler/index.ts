import { CreateSchedulerSchema1763888400000 } from './1763888400000-create-scheduler-schema';
import { PeopleActivityAndLocale1795480000000 } from './1795480000000-people-activity-and-locale';
import { LearnerEnrollmentStatus1795500000000 } from './1795500000000-learner-enrollment-status';

/** In order; the scheduler data source loads exactly these. */
export const schedulerMigrations = [
  CreateSchedulerSchema1763888400000,
  PeopleActivityAndLocale1795480000000,
  LearnerEnrollmentStatus1795500000000,
];
