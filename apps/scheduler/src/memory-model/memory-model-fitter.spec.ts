import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { default_w } from 'ts-fsrs';
import { AdjustableClock } from '@tend/clock';
import { JobQueue, QueueName, redisOptionsFromUrl } from '@tend/queue';
import { testRedisUrl, uniqueSuffix } from '@tend/testing';
import { createSchedulerTestDatabase, SchedulerTestDatabase } from '../../test/scheduler-test-database';
import { seededRandom, syntheticCard, syntheticLearner, TrueMemory } from '../learning-simulation/synthetic-memory';
import { CardMemory, ReviewRating, ReviewScheduler } from '../reviews/review-scheduler';
import { CareerConversationSchedules } from '../career-conversations/career-conversation-schedules';
import { ReviewService } from '../reviews/review.service';
import { SchedulerConfig } from '../scheduler.config';
import { MemoryModelFitOutcome } from './memory-model-fit.entity';
import { MemoryModelFitter } from './memory-model-fitter';
import { MemoryModelFits } from './memory-model.processors';
import { MemoryModelService } from './memory-model.service';

const DAY_MS = 24 * 60 * 60_000;
const FIRST_DAY = Date.parse('2026-09-07T09:00:00Z');

interface RatedRow {
  personId: string;
  cardId: string;
  rating: ReviewRating;
  at: Date;
}

/** A uuid from the seeded generator: the same learners are held out on every run. */
function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * Forty days of reviews by synthetic learners whose memory is not FSRS's (the learning
 * simulation's), each card scheduled by FSRS's defaults, as an organization's log would hold them.
 */
function reviewLog(learners: number, cardsEach: number, seed: number): RatedRow[] {
  const random = seededRandom(seed);
  const scheduler = new ReviewScheduler(0.9);
  const rows: RatedRow[] = [];
  for (let l = 0; l < learners; l++) {
    const learner = syntheticLearner(random);
    const personId = seededUuid(random);
    for (let c = 0; c < cardsEach; c++) {
      const card = syntheticCard(random);
      const cardId = seededUuid(random);
      const truth = TrueMemory.learnedAt(0, learner, card, random);
      let memory: CardMemory = ReviewScheduler.newCard(new Date(FIRST_DAY));
      for (let day = 1; day < 40; day = Math.max(day + 1, Math.floor((memory.due.getTime() - FIRST_DAY) / DAY_MS))) {
        const { correct } = truth.review(day, learner, card, random);
        const rating = correct ? ReviewRating.GOOD : ReviewRating.AGAIN;
        const at = new Date(FIRST_DAY + day * DAY_MS);
        memory = scheduler.review(memory, at, rating);
        rows.push({ personId, cardId, rating, at });
      }
    }
  }
  return rows;
}

describe("an organization's FSRS parameters, fitted weekly to its own reviews", () => {
  let database: SchedulerTestDatabase;
  let fitter: MemoryModelFitter;
  let fits: MemoryModelFits;
  let queue: JobQueue<QueueName.MemoryModelFit>;
  let reviews: ReviewService;
  let models: MemoryModelService;
  const clock = new AdjustableClock();
  const config = Object.assign(new SchedulerConfig(), { MEMORY_MODEL_FIT_MIN_REVIEWS: 1000 });
  const acme = randomUUID();
  const globex = randomUUID();
  const newcomer = randomUUID();
  let acmeReviews: number;

  async function insertReviews(organizationId: string, rows: RatedRow[]): Promise<void> {
    await database.dataSource.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, card_id, review_of, local_date, due_at, status, channel, rating, completed_at)
       SELECT $1::uuid, person_id, 'REVIEW', card_id, 'CARD', at::date, at, 'COMPLETED', 'IN_APP', rating, at + interval '5 minutes'
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[]) AS r(person_id, card_id, rating, at)`,
      [
        organizationId,
        rows.map((row) => row.personId),
        rows.map((row) => row.cardId),
        rows.map((row) => row.rating),
        rows.map((row) => row.at),
      ],
    );
  }

  beforeAll(async () => {
    database = await createSchedulerTestDatabase();
    reviews = new ReviewService(database.dataSource, clock, new CareerConversationSchedules(clock));
    fitter = new MemoryModelFitter(database.dataSource, clock, reviews, config);
    models = new MemoryModelService(database.dataSource);
    queue = new Queue(QueueName.MemoryModelFit, {
      connection: redisOptionsFromUrl(testRedisUrl()),
      prefix: `memory-model-spec-${uniqueSuffix()}`,
    });
    fits = new MemoryModelFits(database.dataSource, queue, clock, fitter, config);
    clock.setNow(new Date('2026-10-19T03:00:00Z'));
    const acmeLog = reviewLog(250, 4, 1);
    acmeReviews = acmeLog.length;
    await insertReviews(acme, acmeLog);
    await insertReviews(globex, reviewLog(80, 4, 2));
    await insertReviews(newcomer, reviewLog(10, 3, 3));
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await database?.drop();
  });

  it("keeps FSRS's defaults for an organization with fewer reviews than a fit needs, and says why", async () => {
    const attempt = await fitter.fit(newcomer);
    expect(attempt.outcome).toBe(MemoryModelFitOutcome.TOO_FEW_REVIEWS);
    expect(attempt.detail).toMatch(/rated reviews; a fit needs 1000/);
    const model = await models.of(await reviews.settings(newcomer));
    expect(model.parameters).toEqual([...default_w]);
    expect(model.fittedBy).toBeNull();
    expect(model.lastAttempt?.id).toBe(attempt.id);
  });

  it('adopts parameters fitted to the organization’s own reviews when they predict its held-out learners better', async () => {
    const attempt = await fitter.fit(acme);
    expect(attempt.reviewCount).toBe(acmeReviews);
    expect(attempt.outcome).toBe(MemoryModelFitOutcome.ADOPTED);
    expect(attempt.heldOutLogLoss).toBeLessThan(attempt.previousHeldOutLogLoss as number);
    expect(attempt.parameters).toHaveLength(default_w.length);
    expect(attempt.parameters).not.toEqual([...default_w]);

    const settings = await reviews.settings(acme);
    expect(settings.memoryParameters).toEqual(attempt.parameters);
    const model = await models.of(settings);
    expect(model).toMatchObject({ parameters: attempt.parameters, fittedBy: { id: attempt.id } });
    // Another organization's reviews were not read, and its model did not change.
    expect((await reviews.settings(globex)).memoryParameters).toBeNull();
  });

  it('keeps the parameters in use when a new fit predicts no better, and an admin’s settings change leaves them alone', async () => {
    const adopted = (await reviews.settings(acme)).memoryParameters;
    const again = await fitter.fit(acme);
    expect(again.outcome).toBe(MemoryModelFitOutcome.KEPT_PREVIOUS);
    expect(again.detail).toMatch(/no better/);
    await reviews.updateSettings(acme, { reviewsPerDay: 5 });
    const settings = await reviews.settings(acme);
    expect(settings.memoryParameters).toEqual(adopted);
    expect((await models.of(settings)).lastAttempt?.id).toBe(again.id);
  });

  it("schedules a learner's next review with the organization's fitted parameters", async () => {
    const personId = randomUUID();
    const cardId = randomUUID();
    const [{ id }] = await database.dataSource.query(
      `INSERT INTO scheduler.deliveries (organization_id, person_id, kind, card_id, review_of, lesson_id, local_date, due_at, status, channel)
       VALUES ($1, $2, 'REVIEW', $3, 'CARD', gen_random_uuid(), '2026-10-19', '2026-10-19T09:00:00Z', 'SENT', 'IN_APP') RETURNING id`,
      [acme, personId, cardId],
    );
    clock.setNow(new Date('2026-10-19T09:05:00Z'));
    await reviews.reviewCard(acme, personId, id, ReviewRating.GOOD);
    const [stored] = await database.dataSource.query(
      'SELECT stability FROM scheduler.card_states WHERE organization_id = $1 AND card_id = $2',
      [acme, cardId],
    );
    const { memoryParameters } = await reviews.settings(acme);
    const met = new Date('2026-10-19T09:00:00Z');
    const withFitted = new ReviewScheduler(0.9, memoryParameters).review(
      ReviewScheduler.newCard(met),
      clock.now(),
      ReviewRating.GOOD,
    );
    const withDefaults = new ReviewScheduler(0.9).review(ReviewScheduler.newCard(met), clock.now(), ReviewRating.GOOD);
    expect(stored.stability).toBeCloseTo(withFitted.stability, 6);
    expect(withFitted.stability).not.toBeCloseTo(withDefaults.stability, 2);
  });

  it('fits an organization once a period, however often its job is retried', async () => {
    clock.setNow(new Date('2026-10-26T03:00:00Z'));
    const periodStartedAt = '2026-10-26T00:00:00.000Z';
    const first = await fits.fitOnce({ organizationId: globex, periodStartedAt });
    expect(first?.reviewCount).toBeGreaterThan(1000);
    expect(await fits.fitOnce({ organizationId: globex, periodStartedAt })).toBeNull();
  });

  it('sweeps once a week: one fit job per organization whose learners rated a review that week, added once', async () => {
    const card = (organizationId: string, lastReview: string) =>
      database.dataSource.query(
        `INSERT INTO scheduler.card_states (organization_id, person_id, card_id, lesson_id, due, stability, difficulty,
           elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
         VALUES ($1, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), now(), 3, 5, 0, 3, 0, 1, 0, 2, $2)`,
        [organizationId, lastReview],
      );
    await card(acme, '2026-10-30T09:00:00Z');
    await card(globex, '2026-10-02T09:00:00Z');
    clock.setNow(new Date('2026-11-02T03:00:00Z'));
    expect(await fits.sweep()).toBe(1);
    expect(await fits.sweep()).toBe(1);
    const jobs = await queue.getJobs(['waiting']);
    // Periods are whole weeks from the Unix epoch, a Thursday: this one began on 29 October.
    expect(jobs.map((job) => job.data)).toEqual([
      { organizationId: acme, periodStartedAt: '2026-10-29T00:00:00.000Z' },
    ]);
  });
});
