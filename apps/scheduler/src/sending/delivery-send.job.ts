import { DeliverySendJobData, JobNameOf, JobSpec, QueueName } from '@tend/queue';

export const SEND_JOB = 'deliveries.send' satisfies JobNameOf<QueueName.DeliveriesSend>;

/** How a job's failure reason begins when the message went out but Postgres never heard of it. */
export const SENT_NOT_RECORDED = 'sent, but not recorded';

/** How a failed send is retried: `attempts` tries in all, exponential backoff from `backoffMs`. */
export interface SendRetry {
  attempts: number;
  backoffMs: number;
}

/** The delivery id is the job id, so re-adding the job of a delivery already queued adds nothing. */
export function deliverySendJob(data: DeliverySendJobData, retry: SendRetry): JobSpec<QueueName.DeliveriesSend> {
  return {
    name: SEND_JOB,
    data,
    opts: {
      jobId: data.deliveryId,
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      removeOnComplete: true,
      removeOnFail: 1000,
    },
  };
}
