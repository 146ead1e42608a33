import type { EntityManager } from 'typeorm';
import type { PublishedQuestion } from '@tend/events';
import { ReviewItemKind } from './card-state.entity';
import { CardMemory, cardMemoryOfRow, CardStateRow, ReviewRating, ReviewScheduler } from './review-scheduler';
import { DEFAULT_DESIRED_RETENTION } from './scheduler-settings.entity';

/** A question review's FSRS state as `card_states` stores it (JSON of the row, snake_case). */
export interface StoredQuestionState extends CardStateRow {
  card_id: string;
}

/** What the organization's reviews are scheduled with, as its settings row holds it (or none). */
export interface StoredMemorySettings {
  desired_retention: number | string;
  memory_parameters: number[] | null;
}

/**
 * The `card_states` of a person's missed questions of one lesson, and the organization's
 * scheduling settings, as JSON columns of a statement that reads `delivery` (so a completion
 * needs no statement of its own to read them).
 */
export const QUESTION_STATES_JSON = `
  (SELECT coalesce(json_agg(row_to_json(qs)), '[]') FROM scheduler.card_states qs
    WHERE qs.organization_id = delivery.organization_id AND qs.person_id = delivery.person_id
      AND qs.lesson_id = delivery.lesson_id AND qs.kind = '${ReviewItemKind.QUESTION}') AS question_states,
  (SELECT json_build_object('desired_retention', s.desired_retention, 'memory_parameters', s.memory_parameters)
     FROM scheduler.scheduler_settings s WHERE s.organization_id = delivery.organization_id) AS memory_settings`;

export interface QuestionReview {
  questionId: string;
  memory: CardMemory;
}

/**
 * Mistakes come back: a question answered wrong joins (or rejoins) the learner's review deck,
 * scheduled by FSRS as a lapse; one answered right that is in the deck already is scheduled later,
 * as recalled. A question answered right the first time stays out of the deck.
 */
export function questionReviewsAfter(
  questions: PublishedQuestion[],
  answers: number[],
  stored: StoredQuestionState[],
  settings: StoredMemorySettings | null,
  at: Date,
): QuestionReview[] {
  const scheduler = new ReviewScheduler(
    settings ? Number(settings.desired_retention) : DEFAULT_DESIRED_RETENTION,
    settings?.memory_parameters ?? null,
  );
  const byQuestion = new Map(stored.map((state) => [state.card_id, cardMemoryOfRow(state)]));
  return questions.flatMap((question, index) => {
    const missed = answers[index] !== question.correctIndex;
    const known = byQuestion.get(question.questionId);
    if (!missed && !known) return [];
    const memory = scheduler.review(
      known ?? ReviewScheduler.newCard(at),
      at,
      missed ? ReviewRating.AGAIN : ReviewRating.GOOD,
    );
    return [{ questionId: question.questionId, memory }];
  });
}

const UPSERT_QUESTION_STATES = `
  INSERT INTO scheduler.card_states
    (organization_id, person_id, card_id, kind, lesson_id, due, stability, difficulty, elapsed_days, scheduled_days,
     learning_steps, reps, lapses, state, last_review)
  SELECT $1, $2, q.card_id, '${ReviewItemKind.QUESTION}', $3, q.due, q.stability, q.difficulty, q.elapsed_days,
         q.scheduled_days, q.learning_steps, q.reps, q.lapses, q.state, q.last_review
    FROM unnest($4::uuid[], $5::timestamptz[], $6::float8[], $7::float8[], $8::int[], $9::int[], $10::int[], $11::int[],
                $12::int[], $13::int[], $14::timestamptz[])
      AS q(card_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
  ON CONFLICT (person_id, card_id) DO UPDATE
    SET due = EXCLUDED.due, stability = EXCLUDED.stability, difficulty = EXCLUDED.difficulty,
        elapsed_days = EXCLUDED.elapsed_days, scheduled_days = EXCLUDED.scheduled_days,
        learning_steps = EXCLUDED.learning_steps, reps = EXCLUDED.reps, lapses = EXCLUDED.lapses,
        state = EXCLUDED.state, last_review = EXCLUDED.last_review, updated_at = now()`;

/** Writes the question reviews of one completion, in its transaction: one statement, none when there are none. */
export async function recordQuestionReviews(
  manager: EntityManager,
  organizationId: string,
  personId: string,
  lessonId: string,
  reviews: QuestionReview[],
): Promise<void> {
  if (reviews.length === 0) return;
  const column = <T>(pick: (memory: CardMemory) => T) => reviews.map((review) => pick(review.memory));
  await manager.query(UPSERT_QUESTION_STATES, [
    organizationId,
    personId,
    lessonId,
    reviews.map((review) => review.questionId),
    column((memory) => memory.due),
    column((memory) => memory.stability),
    column((memory) => memory.difficulty),
    column((memory) => memory.elapsedDays),
    column((memory) => memory.scheduledDays),
    column((memory) => memory.learningSteps),
    column((memory) => memory.reps),
    column((memory) => memory.lapses),
    column((memory) => memory.state),
    column((memory) => memory.lastReview),
  ]);
}
