import { JobNameOf, JobSpec, MemoryModelFitJobData, QueueName } from '@tend/queue';

/** The weekly sweep: one fit job for each organization whose learners rated reviews since the last. */
export const MEMORY_MODEL_SWEEP_JOB = 'memory-model.sweep' satisfies JobNameOf<QueueName.MemoryModelFit>;
export const MEMORY_MODEL_FIT_JOB = 'memory-model.fit' satisfies JobNameOf<QueueName.MemoryModelFit>;

export function memoryModelFitJob(data: MemoryModelFitJobData): JobSpec<QueueName.MemoryModelFit> {
  return {
    name: MEMORY_MODEL_FIT_JOB,
    data,
    opts: {
      jobId: `${MEMORY_MODEL_FIT_JOB}.${data.organizationId}.${Date.parse(data.periodStartedAt)}`,
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: 1000,
      removeOnFail: 1000,
    },
  };
}
