import { JobNameOf, JobSpec, QueueName, WebhookSendJobData } from '@tend/queue';

export const WEBHOOK_SEND_JOB = 'webhooks.send' satisfies JobNameOf<QueueName.WebhooksSend>;
export const WEBHOOK_FANOUT_JOB = 'webhooks.fanout' satisfies JobNameOf<QueueName.WebhooksFanout>;
export const WEBHOOK_RECONCILE_JOB = 'webhooks.reconcile' satisfies JobNameOf<QueueName.WebhooksFanout>;

/**
 * The job id names the message and its generation, so adding the job of an attempt
 * already queued adds nothing, and a job left from before a retry or replay does nothing
 * when it runs. A job fails (and BullMQ tries it again) only when Postgres cannot be
 * reached; the endpoint's failures are retried on the subscription's schedule instead.
 */
export function webhookSendJob(data: WebhookSendJobData, delayMs = 0): JobSpec<QueueName.WebhooksSend> {
  return {
    name: WEBHOOK_SEND_JOB,
    data,
    opts: {
      jobId: `${data.messageId}.${data.generation}`,
      delay: Math.max(0, delayMs),
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: 1000,
    },
  };
}
