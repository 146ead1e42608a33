import { Card, createEmptyCard, FSRS, fsrs, Grade, Rating, State } from 'ts-fsrs';
import { registerEnumType } from '@nestjs/graphql';

export enum ReviewRating {
  AGAIN = 'AGAIN',
  HARD = 'HARD',
  GOOD = 'GOOD',
  EASY = 'EASY',
}
registerEnumType(ReviewRating, { name: 'ReviewRating' });

const GRADES: Record<ReviewRating, Grade> = {
  [ReviewRating.AGAIN]: Rating.Again,
  [ReviewRating.HARD]: Rating.Hard,
  [ReviewRating.GOOD]: Rating.Good,
  [ReviewRating.EASY]: Rating.Easy,
};

/** A card's memory state as the scheduler stores it (`scheduler.card_states`). */
export interface CardMemory {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
}

/**
 * FSRS for one organization's desired retention and model parameters (FSRS's
 * defaults until the organization's own are fitted from its reviews). Reviews
 * come at most once a day, inside the daily bundle, so FSRS's minute-scale
 * learning steps are off (a first GOOD schedules days ahead, not ten minutes),
 * and so is fuzz: the planner spreads load by its daily cap, and a
 * deterministic schedule is testable.
 */
export class ReviewScheduler {
  private readonly fsrs: FSRS;

  constructor(
    private readonly desiredRetention: number,
    parameters: readonly number[] | null = null,
  ) {
    this.fsrs = fsrs({
      request_retention: desiredRetention,
      enable_fuzz: false,
      enable_short_term: false,
      ...(parameters ? { w: [...parameters] } : {}),
    });
  }

  /** A card the learner has just met: due at once, so it joins their next daily bundle. */
  static newCard(metAt: Date): CardMemory {
    return fromFsrs(createEmptyCard(metAt));
  }

  /**
   * The card after a review. Its `due` is the day the model's recall falls to the
   * desired retention, not FSRS's rounded interval: the planner
   * brings a card into the last daily bundle before that instant, so a review
   * never waits past it for rounding, a weekend or a day off.
   */
  review(memory: CardMemory, at: Date, rating: ReviewRating): CardMemory {
    const next = fromFsrs(this.fsrs.next(toFsrs(memory), at, GRADES[rating]).card);
    return { ...next, due: this.retentionReachedAt(next, at) };
  }

  /**
   * The first whole day after the review on which the model's recall is at or
   * below the desired retention (ts-fsrs reads elapsed time in whole days):
   * doubled, then halved, as recall only falls with time.
   */
  private retentionReachedAt(memory: CardMemory, reviewedAt: Date): Date {
    const fallen = (days: number) => this.fsrs.forgetting_curve(days, memory.stability) <= this.desiredRetention;
    let low = 0;
    let high = 1;
    while (!fallen(high) && high < MAX_DAYS) [low, high] = [high, high * 2];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (fallen(middle)) high = middle;
      else low = middle;
    }
    return new Date(reviewedAt.getTime() + high * DAY_MS);
  }

  /** The model's probability that the learner recalls the card at `at`. */
  recallProbability(memory: CardMemory, at: Date): number {
    if (memory.state === State.New) return 0;
    return this.fsrs.get_retrievability(toFsrs(memory), at, false);
  }
}

/** A `card_states` row as SQL returns it (snake_case; instants as Dates, or as strings from JSON). */
export interface CardStateRow {
  due: Date | string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: Date | string | null;
}

export function cardMemoryOfRow(row: CardStateRow): CardMemory {
  return {
    due: new Date(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.last_review === null ? null : new Date(row.last_review),
  };
}

const DAY_MS = 24 * 60 * 60_000;
/** FSRS's own longest interval, a hundred years. */
const MAX_DAYS = 36_500;

function toFsrs(memory: CardMemory): Card {
  return {
    due: memory.due,
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: memory.elapsedDays,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: memory.state as State,
    last_review: memory.lastReview ?? undefined,
  };
}

function fromFsrs(card: Card): CardMemory {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}
