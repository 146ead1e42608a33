import { JobNameOf, JobSpec, QueueName, XapiSendJobData } from '@tend/queue';

export const XAPI_SEND_JOB = 'xapi.send' satisfies JobNameOf<QueueName.XapiSend>;
export const XAPI_SWEEP_JOB = 'xapi.sweep' satisfies JobNameOf<QueueName.XapiSend>;

/**
 * One job per organization: its id names the organization, so adding it while one waits,
 * runs or backs off adds nothing, and an organization's statements never go in two
 * requests at once. A failed batch fails the job, and BullMQ tries it again with
 * exponential backoff; the batch is read again, so it carries the same statement ids.
 */
export function xapiSendJob(data: XapiSendJobData, attempts: number, backoffMs: number): JobSpec<QueueName.XapiSend> {
  return {
    name: XAPI_SEND_JOB,
    data,
    opts: {
      jobId: xapiSendJobId(data.organizationId),
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      removeOnComplete: true,
      // Kept, so the sweep knows the round ended and starts another.
      removeOnFail: 1000,
    },
  };
}

export function xapiSendJobId(organizationId: string): string {
  return `${XAPI_SEND_JOB}.${organizationId}`;
}
