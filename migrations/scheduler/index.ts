import { CreateSchedulerSchema1763888400000 } from './1763888400000-create-scheduler-schema';
import { EnableSchedulerRowLevelSecurity1795433087358 } from './1795433087358-enable-row-level-security';

/** In order; the scheduler data source loads exactly these. */
export const schedulerMigrations = [CreateSchedulerSchema1763888400000, EnableSchedulerRowLevelSecurity1795433087358];
