import type { JobsOptions } from 'bullmq';
import type { JobNameOf, QueueName } from '@tend/queue';

export const RECONCILE_JOB = 'deliveries.reconcile' satisfies JobNameOf<QueueName.DeliveriesReconcile>;

export const RECONCILE_JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: 100 };
