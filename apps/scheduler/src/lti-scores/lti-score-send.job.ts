import { JobNameOf, JobSpec, LtiScoreSendJobData, QueueName } from '@tend/queue';

export const LTI_SCORE_SEND_JOB = 'lti.scores.send' satisfies JobNameOf<QueueName.LtiScores>;
export const LTI_SCORE_SWEEP_JOB = 'lti.scores.sweep' satisfies JobNameOf<QueueName.LtiScores>;

/**
 * The job id names the score, so adding it while it waits, runs or backs off adds nothing. A
 * refused attempt fails the job and BullMQ tries it again with exponential backoff; after the
 * last, the sweep starts a new round: nothing is dropped.
 */
export function ltiScoreSendJob(
  data: LtiScoreSendJobData,
  attempts: number,
  backoffMs: number,
): JobSpec<QueueName.LtiScores> {
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
