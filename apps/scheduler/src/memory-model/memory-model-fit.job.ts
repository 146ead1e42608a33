import type { JobsOptions } from 'bullmq';

/** The weekly sweep: one fit job for each organization whose learners rated reviews since the last. */
export const MEMORY_MODEL_SWEEP_JOB = 'memory-model.sweep';
export const MEMORY_MODEL_FIT_JOB = 'memory-model.fit';

/** Fits one organization's FSRS parameters for one period of `MEMORY_MODEL_FIT_EVERY_MS`. */
export interface MemoryModelFitJobData {
  organizationId: string;
  /** When the period began: an attempt at or after it makes the job a no-op, so a retry fits once. */
  periodStartedAt: string;
}

export function memoryModelFitJob(data: MemoryModelFitJobData): {
  name: string;
  data: MemoryModelFitJobData;
  opts: JobsOptions;
} {
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
