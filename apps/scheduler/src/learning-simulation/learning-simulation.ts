import { computeParameters } from '@open-spaced-repetition/binding';
import { fsrsTrainingItems, RatedReview } from '../reviews/fsrs-training-items';
import { ReviewRating } from '../reviews/review-scheduler';
import { FsrsPolicy, LeitnerPolicy, ReviewPolicy, Sm2Policy } from './review-policies';
import {
  normal,
  seededRandom,
  SyntheticCard,
  syntheticCard,
  SyntheticLearner,
  syntheticLearner,
  TrueMemory,
} from './synthetic-memory';

export interface LearningSimulationOptions {
  learners: number;
  /** Days simulated; retention is read on the last one. */
  days: number;
  /** Lessons come on the workdays before this day. */
  lessonDays: number;
  /** Review cards a lesson teaches; a fraction is a chance (0.5: half the lessons teach one). */
  cardsPerLesson: number;
  /** The organization's daily cap: at most this many reviews join a learner's day, earliest due first. */
  reviewsPerDay: number;
  desiredRetention: number;
  /** `fsrs-fitted` is fitted on the reviews before this day, and every prediction is measured from it on. */
  fitAfterDays: number;
  seed: number;
}

export const LEARNING_SIMULATION: LearningSimulationOptions = {
  learners: 500,
  days: 90,
  lessonDays: 60,
  cardsPerLesson: 1,
  reviewsPerDay: Number.POSITIVE_INFINITY,
  desiredRetention: 0.9,
  fitAfterDays: 30,
  seed: 20261207,
};

export interface SchedulerOutcome {
  name: string;
  /** Of the scheduler's own recall predictions at review, against the answers (from `fitAfterDays` on). */
  logLoss: number;
  /** Calibration: the count-weighted RMSE between predicted and answered recall over 20 bins of prediction. */
  rmseBins: number;
  /** Share of reviews answered right (from `fitAfterDays` on). */
  recallAtReview: number;
  reviewsPerLearnerDay: number;
  /** Share of the cards taught whose true recall on the last day is at least 0.9. */
  retainedAtEnd: number;
  reviews: number;
  retained: number;
}

interface CardInMind {
  card: SyntheticCard;
  learnedOn: number;
  truth: TrueMemory;
  state: unknown;
  history: RatedReview[];
}

const isWorkday = (day: number) => day % 7 < 5;
const nextWorkday = (day: number) => {
  let next = day + 1;
  while (!isWorkday(next)) next++;
  return next;
};

/** What the learner presses: how hard the recall felt, seen through a little noise. */
function selfRating(correct: boolean, recall: number, random: () => number): ReviewRating {
  if (!correct) return ReviewRating.AGAIN;
  const felt = recall + 0.05 * normal(random);
  return felt >= 0.93 ? ReviewRating.EASY : felt >= 0.75 ? ReviewRating.GOOD : ReviewRating.HARD;
}

class PredictionScore {
  private loss = 0;
  private count = 0;
  private correct = 0;
  private readonly bins = Array.from({ length: 20 }, () => ({ predicted: 0, answered: 0, count: 0 }));

  add(predicted: number, correct: boolean): void {
    const p = Math.min(Math.max(predicted, 1e-6), 1 - 1e-6);
    this.loss -= correct ? Math.log(p) : Math.log(1 - p);
    this.count++;
    if (correct) this.correct++;
    const bin = this.bins[Math.min(19, Math.floor(p * 20))];
    bin.predicted += p;
    bin.answered += correct ? 1 : 0;
    bin.count++;
  }

  get logLoss(): number {
    return this.loss / this.count;
  }

  get recall(): number {
    return this.correct / this.count;
  }

  get rmseBins(): number {
    const squares = this.bins.reduce(
      (sum, bin) => (bin.count === 0 ? sum : sum + (bin.predicted - bin.answered) ** 2 / bin.count),
      0,
    );
    return Math.sqrt(squares / this.count);
  }
}

/** Replaces a policy part-way through, from what it has seen: the weekly fit, at `fitAfterDays`. */
type Refit = (histories: RatedReview[][]) => Promise<ReviewPolicy<unknown>>;

/**
 * One scheduler over the whole population: on each workday each learner reviews the cards whose
 * due instant comes before their next workday (the planner's rule: a card joins the last daily
 * bundle before it is due), at most `reviewsPerDay` of them earliest due first, then takes the
 * day's lesson. Without a cap every scheduler gets the reviews it asks for, and
 * `reviews-per-learner-day` shows what it asked.
 */
async function run(
  initial: ReviewPolicy<unknown>,
  options: LearningSimulationOptions,
  refit?: Refit,
): Promise<SchedulerOutcome> {
  const population = seededRandom(options.seed);
  const learners: SyntheticLearner[] = Array.from({ length: options.learners }, () => syntheticLearner(population));
  const lessons = Array.from({ length: options.lessonDays }, () =>
    Array.from(
      { length: Math.floor(options.cardsPerLesson) + (population() < options.cardsPerLesson % 1 ? 1 : 0) },
      () => syntheticCard(population),
    ),
  );
  const random = seededRandom(options.seed + 1);
  const minds: CardInMind[][] = learners.map(() => []);
  const score = new PredictionScore();
  let policy = initial;
  let reviews = 0;
  let lessonIndex = 0;

  for (let day = 0; day < options.days; day++) {
    if (!isWorkday(day)) continue;
    if (refit && day === options.fitAfterDays) {
      policy = await refit(minds.flat().map((mind) => mind.history));
      for (const mind of minds.flat()) {
        mind.state = mind.history.reduce(
          (state, review) => policy.review(state, review.day, review.rating),
          policy.learn(mind.learnedOn),
        );
      }
    }
    const reviewBefore = nextWorkday(day);
    learners.forEach((learner, index) => {
      const due = minds[index]
        .map((mind) => ({ mind, dueDay: policy.dueDay(mind.state) }))
        .filter((card) => card.dueDay < reviewBefore)
        .sort((a, b) => a.dueDay - b.dueDay)
        .slice(0, options.reviewsPerDay);
      for (const { mind } of due) {
        const predicted = policy.predictedRecall(mind.state, day);
        const { correct, recall } = mind.truth.review(day, learner, mind.card, random);
        const rating = selfRating(correct, recall, random);
        if (day >= options.fitAfterDays && mind.history.length > 0) score.add(predicted, correct);
        mind.state = policy.review(mind.state, day, rating);
        mind.history.push({ rating, day });
        reviews++;
      }
    });
    if (day < options.lessonDays) {
      const lesson = lessons[lessonIndex++];
      learners.forEach((learner, index) => {
        for (const card of lesson) {
          minds[index].push({
            card,
            learnedOn: day,
            truth: TrueMemory.learnedAt(day, learner, card, random),
            state: policy.learn(day),
            history: [],
          });
        }
      });
    }
  }

  const taught = minds.flat().length;
  const retained = learners.reduce(
    (sum, learner, index) =>
      sum + minds[index].filter((mind) => mind.truth.recallProbability(options.days, learner) >= 0.9).length,
    0,
  );
  return {
    name: initial.name,
    logLoss: score.logLoss,
    rmseBins: score.rmseBins,
    recallAtReview: score.recall,
    reviewsPerLearnerDay: reviews / (options.learners * options.days),
    retainedAtEnd: retained / taught,
    reviews,
    retained,
  };
}

export type SchedulerName = 'fsrs-default' | 'fsrs-fitted' | 'sm2' | 'leitner';

/**
 * The four schedulers on the same synthetic population and the same lessons: FSRS with its
 * default parameters, FSRS refitted by the FSRS optimizer on the first `fitAfterDays` of its own
 * logs (as the weekly fit does for an organization), SM-2, and fixed Leitner boxes.
 */
export async function simulateLearning(
  options: LearningSimulationOptions,
): Promise<Record<SchedulerName, SchedulerOutcome>> {
  const fsrs = (name: SchedulerName, parameters: number[] | null) =>
    new FsrsPolicy(name, options.desiredRetention, parameters) as ReviewPolicy<unknown>;
  return {
    'fsrs-default': await run(fsrs('fsrs-default', null), options),
    'fsrs-fitted': await run(fsrs('fsrs-fitted', null), options, async (histories) =>
      fsrs('fsrs-fitted', await computeParameters(fsrsTrainingItems(histories), { enableShortTerm: false })),
    ),
    sm2: await run(new Sm2Policy() as ReviewPolicy<unknown>, options),
    leitner: await run(new LeitnerPolicy() as ReviewPolicy<unknown>, options),
  };
}
