import type { JobsOptions } from 'bullmq';

export const LTI_SCORE_SEND_JOB = 'lti.scores.send';
export const LTI_SCORE_SWEEP_JOB = 'lti.scores.sweep';

/** Sends one kept score to its LMS line item. */
export interface LtiScoreSendJobData {
  organizationId: string;
  scoreId: string;
}

/**
 * The job id names the score, so adding it while it waits, runs or backs off adds nothing. A
 * refused attempt fails the job and BullMQ tries it again with exponential backoff; after the
 * last, the sweep starts a new round: nothing is dropped.
 */
export function ltiScoreSendJob(
  data: LtiScoreSendJobData,
  attempts: number,
  backoffMs: number,
): { name: string; data: LtiScoreSendJobData; opts: JobsOptions } {
  return {
    name: LTI_SCORE_SEND_JOB,
    data,
    opts: {
      jobId: ltiScoreSendJobId(data.scoreId),
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      removeOnComplete: true,
      // Kept, so the sweep knows the round ended and starts another.
      removeOnFail: 1000,
    },
  };
}

export function ltiScoreSendJobId(scoreId: string): string {
  return `${LTI_SCORE_SEND_JOB}.${scoreId}`;
}
