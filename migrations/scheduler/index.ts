import { CreateSchedulerSchema1763888400000 } from './1763888400000-create-scheduler-schema';

/** In order; the scheduler data source loads exactly these. */
export const schedulerMigrations = [CreateSchedulerSchema1763888400000];
