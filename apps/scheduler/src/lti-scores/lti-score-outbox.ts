import type { EntityManager } from 'typeorm';

/** Marks a transaction that kept scores, with their ids, so their sends start once it commits. */
export const LTI_SCORES_WRITTEN = 'tend.ltiScoresWritten';

/** A lesson's score out of 100, as the deep link's line item declares (README "LTI 1.3 Advantage"). */
export const SCORE_MAXIMUM = 100;

/** A lesson's score on the line item's scale; a lesson without questions scores full marks for being done. */
export function ltiScoreGiven(correct: number, total: number): number {
  return total > 0 ? Math.round((SCORE_MAXIMUM * correct * 100) / total) / 100 : SCORE_MAXIMUM;
}

/**
 * Keeps the score of a completed lesson for the LMS the learner launched its track from, as a
 * table expression of the completion's own statement (so everyone else pays no round trip):
 * `completed` is the completed delivery, and the parameters are the score, its maximum and the track.
 */
export function ltiScoreKeptSql(scoreGiven: string, scoreMaximum: string, trackId: string): string {
  return `
    INSERT INTO scheduler.lti_scores (organization_id, delivery_id, line_item_id, score_given, score_maximum, scored_at)
    SELECT completed.organization_id, completed.id, item.id, ${scoreGiven}, ${scoreMaximum}, completed.completed_at
      FROM completed
      JOIN scheduler.lti_line_items item
        ON item.organization_id = completed.organization_id AND item.person_id = completed.person_id
       AND item.track_id = ${trackId}
    ON CONFLICT (delivery_id) DO NOTHING
    RETURNING id`;
}

/** Marks the completion's transaction with the scores it kept, so their sends start once it commits. */
export function markLtiScoresWritten(manager: EntityManager, organizationId: string, scoreIds: string[]): void {
  const queryRunner = manager.queryRunner;
  if (scoreIds.length === 0 || !queryRunner) return;
  const written = new Map<string, string>(queryRunner.data?.[LTI_SCORES_WRITTEN] ?? []);
  for (const id of scoreIds) written.set(id, organizationId);
  queryRunner.data = { ...queryRunner.data, [LTI_SCORES_WRITTEN]: written };
}
