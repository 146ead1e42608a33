import type { JobsOptions } from 'bullmq';
import type { JobNameOf, QueueName } from '@tend/queue';

export const PLAN_JOB = 'deliveries.plan' satisfies JobNameOf<QueueName.DeliveriesPlan>;

export const PLAN_JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: 100 };
