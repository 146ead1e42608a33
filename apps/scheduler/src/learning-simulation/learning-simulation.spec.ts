import { LEARNING_SIMULATION, SchedulerName, SchedulerOutcome, simulateLearning } from './learning-simulation';
import { seededRandom, syntheticCard, syntheticLearner, TrueMemory } from './synthetic-memory';

describe('the learning simulation (a small npm run bench -- learning)', () => {
  let outcomes: Record<SchedulerName, SchedulerOutcome>;

  beforeAll(async () => {
    outcomes = await simulateLearning({ ...LEARNING_SIMULATION, learners: 120 });
  });

  it('runs the four schedulers on the same learners and lessons', () => {
    expect(Object.values(outcomes).map((outcome) => outcome.name)).toEqual([
      'fsrs-default',
      'fsrs-fitted',
      'sm2',
      'leitner',
    ]);
    for (const outcome of Object.values(outcomes)) {
      expect(outcome.reviews).toBeGreaterThan(120 * 30);
      expect(outcome.logLoss).toBeGreaterThan(0);
      expect(outcome.retainedAtEnd).toBeGreaterThan(0);
      expect(outcome.retainedAtEnd).toBeLessThanOrEqual(1);
    }
  });

  it("predicts an organization's learners better with FSRS fitted to their own reviews than with the defaults or SM-2", () => {
    const fitted = outcomes['fsrs-fitted'];
    expect(fitted.logLoss).toBeLessThan(outcomes['fsrs-default'].logLoss);
    expect(fitted.logLoss).toBeLessThan(outcomes.sm2.logLoss);
    expect(fitted.rmseBins).toBeLessThan(outcomes['fsrs-default'].rmseBins);
  });

  it('keeps the recall at review of fitted FSRS near the desired retention, and more cards retained than the defaults', () => {
    const fitted = outcomes['fsrs-fitted'];
    expect(Math.abs(fitted.recallAtReview - LEARNING_SIMULATION.desiredRetention)).toBeLessThanOrEqual(0.04);
    expect(fitted.retainedAtEnd).toBeGreaterThan(outcomes['fsrs-default'].retainedAtEnd);
  });
});

describe('the synthetic memory', () => {
  const random = seededRandom(7);
  const learner = { ...syntheticLearner(random), ability: 0, forgetting: 0.6 };
  const card = { ...syntheticCard(random), difficulty: 0 };

  it('forgets with time', () => {
    const memory = TrueMemory.learnedAt(0, learner, card, random);
    expect(memory.recallProbability(1, learner)).toBeGreaterThan(memory.recallProbability(7, learner));
    expect(memory.recallProbability(7, learner)).toBeGreaterThan(memory.recallProbability(30, learner));
  });

  it('remembers longer after a hard recall than after an easy one (the spacing effect)', () => {
    const recalledAfter = (days: number) => {
      const answers = seededRandom(11);
      for (;;) {
        const memory = TrueMemory.learnedAt(0, learner, card, seededRandom(3));
        if (memory.review(days, learner, card, answers).correct) return memory.recallProbability(days + 30, learner);
      }
    };
    expect(recalledAfter(20)).toBeGreaterThan(recalledAfter(1));
  });
});
