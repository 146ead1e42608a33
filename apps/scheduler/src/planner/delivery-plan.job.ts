import type { JobsOptions } from 'bullmq';

export const PLAN_JOB = 'deliveries.plan';

export interface DeliveryPlanJobData {
  /** Why the pass runs: the repeatable tick, or learners whose first lesson may be due now. */
  reason: 'schedule' | 'learners-scheduled';
}

export const PLAN_JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: 100 };
