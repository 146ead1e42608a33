// `npm run bench -- learning [--learners N]`: the honest simulation of spaced reviews. Synthetic
// learners whose memory is not FSRS's model (apps/scheduler/src/learning-simulation) meet the same
// lessons under four schedulers; each prints its log loss and calibration against what learners
// answered, the recall at review, the reviews it asked for and the cards retained at the end. The
// first block is the comparison the goals read; the two after it change one assumption each.
import {
  LEARNING_SIMULATION,
  LearningSimulationOptions,
  SchedulerName,
  SchedulerOutcome,
  simulateLearning,
} from '../apps/scheduler/src/learning-simulation/learning-simulation';
import { DEFAULT_REVIEWS_PER_DAY } from '../apps/scheduler/src/reviews/review-bundle';

function option(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

const line = (label: string, days: number, outcome: SchedulerOutcome) =>
  `${label}: ${outcome.name} log-loss=${outcome.logLoss.toFixed(4)} rmse-bins=${outcome.rmseBins.toFixed(4)} ` +
  `recall-at-review=${outcome.recallAtReview.toFixed(3)} reviews-per-learner-day=${outcome.reviewsPerLearnerDay.toFixed(3)} ` +
  `retained-at-day-${days}=${outcome.retainedAtEnd.toFixed(3)}`;

const retainedPerReview = (outcome: SchedulerOutcome) => outcome.retained / outcome.reviews;

async function scenario(
  label: string,
  options: LearningSimulationOptions,
): Promise<Record<SchedulerName, SchedulerOutcome>> {
  const cap = Number.isFinite(options.reviewsPerDay)
    ? `at most ${options.reviewsPerDay} reviews a day`
    : 'no daily cap';
  console.log(
    `${label}: ${options.learners} learners, ${options.days} days, a lesson each workday of the first ${options.lessonDays} ` +
      `teaching ${options.cardsPerLesson} card(s), ${cap}, desired retention ${options.desiredRetention}, ` +
      `fsrs-fitted fitted on the first ${options.fitAfterDays} days; predictions and recall measured from day ${options.fitAfterDays} on`,
  );
  const outcomes = await simulateLearning(options);
  Object.values(outcomes).forEach((outcome) => console.log(line(label, options.days, outcome)));
  return outcomes;
}

async function main(): Promise<void> {
  const options = { ...LEARNING_SIMULATION, learners: option('learners') ?? LEARNING_SIMULATION.learners };
  const outcomes = await scenario('learning', options);
  const { 'fsrs-fitted': fitted, sm2 } = outcomes;
  const lowest = Object.values(outcomes).every((outcome) => outcome === fitted || fitted.logLoss < outcome.logLoss);
  console.log(`learning: goal fsrs-fitted has the lowest log loss of the four: ${lowest ? 'met' : 'not met'}`);
  const perReview = retainedPerReview(fitted) >= retainedPerReview(sm2);
  console.log(
    `learning: goal fsrs-fitted retains at least as many cards per review as sm2: ` +
      `${retainedPerReview(fitted).toFixed(4)} vs ${retainedPerReview(sm2).toFixed(4)}, ${perReview ? 'met' : 'not met'}`,
  );
  const off = Math.abs(fitted.recallAtReview - options.desiredRetention) * 100;
  console.log(
    `learning: goal fsrs-fitted's recall at review within 3 points of ${options.desiredRetention}: ` +
      `${off.toFixed(1)} points, ${off <= 3 ? 'met' : 'not met'}`,
  );
  await scenario('learning (half the lessons teach a card)', { ...options, cardsPerLesson: 0.5 });
  await scenario(`learning (Tend's default cap)`, { ...options, reviewsPerDay: DEFAULT_REVIEWS_PER_DAY });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
