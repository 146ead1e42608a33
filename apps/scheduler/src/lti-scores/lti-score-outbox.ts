import type { EntityManager } from 'typeorm';

/** Marks a transaction that kept scores, with their ids, so their sends start once it commits. */
export const LTI_SCORES_WRITTEN = 'tend.ltiScoresWritten';

/** A lesson's score out of 100, as the deep link's line item declares (README "LTI 1.3 Advantage"). */
export const SCORE_MAXIMUM = 100;

export interface LessonScore {
  personId: string;
  trackId: string | null;
  deliveryId: string;
  correct: number;
  total: number;
  completedAt: Date;
}

/**
 * Keeps the score of a completed lesson for the LMS the learner launched the track from, in
 * the completion's transaction: one indexed look-up for everyone else. A lesson without
 * questions scores full marks for being done.
 */
export async function recordLtiScore(
  manager: EntityManager,
  organizationId: string,
  score: LessonScore,
): Promise<void> {
  if (!score.trackId) return;
  const scoreGiven =
    score.total > 0 ? Math.round((SCORE_MAXIMUM * score.correct * 100) / score.total) / 100 : SCORE_MAXIMUM;
  const kept: { id: string }[] = await manager.query(
    `INSERT INTO scheduler.lti_scores (organization_id, delivery_id, line_item_id, score_given, score_maximum, scored_at)
     SELECT $1, $3, id, $5, $6, $7 FROM scheduler.lti_line_items
      WHERE organization_id = $1 AND person_id = $2 AND track_id = $4
     ON CONFLICT (delivery_id) DO NOTHING
     RETURNING id`,
    [organizationId, score.personId, score.deliveryId, score.trackId, scoreGiven, SCORE_MAXIMUM, score.completedAt],
  );
  const queryRunner = manager.queryRunner;
  if (kept.length > 0 && queryRunner) {
    const written = new Map<string, string>(queryRunner.data?.[LTI_SCORES_WRITTEN] ?? []);
    for (const { id } of kept) written.set(id, organizationId);
    queryRunner.data = { ...queryRunner.data, [LTI_SCORES_WRITTEN]: written };
  }
}
