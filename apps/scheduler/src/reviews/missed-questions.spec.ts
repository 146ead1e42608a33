import type { PublishedQuestion } from '@tend/events';
import { questionReviewsAfter, StoredQuestionState } from './missed-questions';

const DAY_MS = 24 * 60 * 60_000;
const question = (questionId: string): PublishedQuestion => ({
  questionId,
  prompt: 'Which first?',
  choices: ['Listen', 'Talk'],
  correctIndex: 0,
  explanation: null,
});
const at = new Date('2026-03-02T09:05:00Z');

describe('mistakes come back', () => {
  it('puts a missed question into the deck, due the next day, and leaves one answered right out', () => {
    const reviews = questionReviewsAfter([question('q-missed'), question('q-right')], [1, 0], [], null, at);
    expect(reviews.map((review) => review.questionId)).toEqual(['q-missed']);
    expect(reviews[0].memory.due.getTime() - at.getTime()).toBe(DAY_MS);
  });

  it('schedules a question of the deck answered right later than one missed again, by FSRS', () => {
    const [missed] = questionReviewsAfter([question('q')], [1], [], null, at);
    const stored: StoredQuestionState = {
      card_id: 'q',
      due: missed.memory.due.toISOString(),
      stability: missed.memory.stability,
      difficulty: missed.memory.difficulty,
      elapsed_days: missed.memory.elapsedDays,
      scheduled_days: missed.memory.scheduledDays,
      learning_steps: missed.memory.learningSteps,
      reps: missed.memory.reps,
      lapses: missed.memory.lapses,
      state: missed.memory.state,
      last_review: missed.memory.lastReview?.toISOString() ?? null,
    };
    const later = new Date(at.getTime() + 3 * DAY_MS);
    const [right] = questionReviewsAfter([question('q')], [0], [stored], null, later);
    const [wrong] = questionReviewsAfter([question('q')], [1], [stored], null, later);
    expect(right.memory.due.getTime()).toBeGreaterThan(wrong.memory.due.getTime());
    expect(right.memory.reps).toBe(missed.memory.reps + 1);
  });

  it("schedules with the organization's fitted parameters, whose first stability after a lapse is theirs", () => {
    const parameters = [2, 1.29, 2.3, 8.3, 6.4, 0.83, 3.0, 0.001, 1.87, 0.17, 0.8, 1.48, 0.06, 0.26, 1.65, 0.6, 1.87];
    const settings = { desired_retention: '0.900', memory_parameters: [...parameters, 0.54, 0.09, 0.07, 0.15] };
    const [fitted] = questionReviewsAfter([question('q')], [1], [], settings, at);
    const [defaults] = questionReviewsAfter([question('q')], [1], [], null, at);
    expect(fitted.memory.stability).toBeCloseTo(2, 5);
    expect(defaults.memory.stability).not.toBeCloseTo(2, 1);
  });
});
