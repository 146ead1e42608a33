import type { JobsOptions } from 'bullmq';

export const SEND_JOB = 'deliveries.send';

export interface DeliverySendJobData {
  organizationId: string;
  deliveryId: string;
}

/** The delivery id is the job id, so re-adding the job of a delivery already queued adds nothing. */
export function deliverySendJob(data: DeliverySendJobData): {
  name: string;
  data: DeliverySendJobData;
  opts: JobsOptions;
} {
  return {
    name: SEND_JOB,
    data,
    opts: {
      jobId: data.deliveryId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 15_000 },
      removeOnComplete: true,
      removeOnFail: 1000,
    },
  };
}
