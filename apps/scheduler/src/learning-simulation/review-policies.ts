import { CardMemory, ReviewRating, ReviewScheduler } from '../reviews/review-scheduler';

/**
 * A way to schedule reviews, as the learning simulation compares them. Time is in days from the
 * simulation's first Monday, with every lesson and review at the same hour; `predictedRecall` is
 * the policy's own belief, which log loss and calibration measure against what learners did.
 */
export interface ReviewPolicy<State> {
  readonly name: string;
  learn(day: number): State;
  /** The instant (in days, possibly fractional) the card should be reviewed by. */
  dueDay(state: State): number;
  predictedRecall(state: State, day: number): number;
  review(state: State, day: number, rating: ReviewRating): State;
}

const DAY_MS = 24 * 60 * 60_000;
/** A Monday at 09:00 UTC, the simulation's day 0. */
const FIRST_DAY = Date.parse('2026-01-05T09:00:00Z');
const dateOf = (day: number) => new Date(FIRST_DAY + day * DAY_MS);
const dayOf = (date: Date) => (date.getTime() - FIRST_DAY) / DAY_MS;

/** Tend's own scheduler, as `reviewCard` runs it: FSRS at a desired retention, with given parameters. */
export class FsrsPolicy implements ReviewPolicy<CardMemory> {
  private readonly scheduler: ReviewScheduler;

  constructor(
    readonly name: string,
    desiredRetention: number,
    parameters: readonly number[] | null,
  ) {
    this.scheduler = new ReviewScheduler(desiredRetention, parameters);
  }

  learn(day: number): CardMemory {
    return ReviewScheduler.newCard(dateOf(day));
  }

  dueDay(memory: CardMemory): number {
    return dayOf(memory.due);
  }

  predictedRecall(memory: CardMemory, day: number): number {
    return this.scheduler.recallProbability(memory, dateOf(day));
  }

  review(memory: CardMemory, day: number, rating: ReviewRating): CardMemory {
    return this.scheduler.review(memory, dateOf(day), rating);
  }
}

/**
 * SM-2 and Leitner state no probability; the convention for comparing them with FSRS (as the
 * open-spaced-repetition benchmark does) reads each interval as the time recall falls to 90%, on
 * an exponential curve.
 */
const intervalRecall = (elapsedDays: number, intervalDays: number) => Math.pow(0.9, elapsedDays / intervalDays);

interface Sm2State {
  repetitions: number;
  easiness: number;
  interval: number;
  lastReview: number;
}

const SM2_QUALITY: Record<ReviewRating, number> = {
  [ReviewRating.AGAIN]: 1,
  [ReviewRating.HARD]: 3,
  [ReviewRating.GOOD]: 4,
  [ReviewRating.EASY]: 5,
};

/**
 * SuperMemo 2 (Wozniak, 1990): intervals of 1 and 6 days, then multiplied by the card's easiness.
 * The lesson counts as the first repetition, so the review the next day is the second.
 */
export class Sm2Policy implements ReviewPolicy<Sm2State> {
  readonly name = 'sm2';

  learn(day: number): Sm2State {
    return { repetitions: 1, easiness: 2.5, interval: 1, lastReview: day };
  }

  dueDay(state: Sm2State): number {
    return state.lastReview + state.interval;
  }

  predictedRecall(state: Sm2State, day: number): number {
    return intervalRecall(day - state.lastReview, state.interval);
  }

  review(state: Sm2State, day: number, rating: ReviewRating): Sm2State {
    const quality = SM2_QUALITY[rating];
    const easiness = Math.max(1.3, state.easiness + 0.1 - (5 - quality) * (0.08 + (5 - quality) * 0.02));
    if (quality < 3) return { repetitions: 0, easiness, interval: 1, lastReview: day };
    const interval =
      state.repetitions === 0 ? 1 : state.repetitions === 1 ? 6 : Math.round(state.interval * state.easiness);
    return { repetitions: state.repetitions + 1, easiness, interval, lastReview: day };
  }
}

interface LeitnerState {
  box: number;
  lastReview: number;
}

const LEITNER_BOXES = [1, 2, 4, 8, 16, 32, 64];

/** Fixed Leitner boxes: a right answer moves the card up a box, a wrong one back to the first. */
export class LeitnerPolicy implements ReviewPolicy<LeitnerState> {
  readonly name = 'leitner';

  learn(day: number): LeitnerState {
    return { box: 0, lastReview: day };
  }

  dueDay(state: LeitnerState): number {
    return state.lastReview + LEITNER_BOXES[state.box];
  }

  predictedRecall(state: LeitnerState, day: number): number {
    return intervalRecall(day - state.lastReview, LEITNER_BOXES[state.box]);
  }

  review(state: LeitnerState, day: number, rating: ReviewRating): LeitnerState {
    const box = rating === ReviewRating.AGAIN ? 0 : Math.min(state.box + 1, LEITNER_BOXES.length - 1);
    return { box, lastReview: day };
  }
}
