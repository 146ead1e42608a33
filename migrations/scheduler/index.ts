import { CreateSchedulerSchema1763888400000 } from './1763888400000-create-scheduler-schema';
import { EnableSchedulerRowLevelSecurity1795433087358 } from './1795433087358-enable-row-level-security';
import { CreateCoachingMoments1795434317169 } from './1795434317169-create-coaching-moments';
import { CreatePulse1795434773956 } from './1795434773956-create-pulse';

/** In order; the scheduler data source loads exactly these. */
export const schedulerMigrations = [
  CreateSchedulerSchema1763888400000,
  EnableSchedulerRowLevelSecurity1795433087358,
  CreateCoachingMoments1795434317169,
  CreatePulse1795434773956,
];
