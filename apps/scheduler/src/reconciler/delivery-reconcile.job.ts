import type { JobsOptions } from 'bullmq';

export const RECONCILE_JOB = 'deliveries.reconcile';

export const RECONCILE_JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: 100 };
