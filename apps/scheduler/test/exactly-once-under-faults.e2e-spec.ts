import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { redisOptionsFromUrl, QueueName } from '@tend/queue';
import {
  eventually,
  givenOrganization,
  givenPublishedTrack,
  Organization,
  OwnRedis,
  PublishedTrack,
  SmtpInbox,
  startOwnRedis,
  startSmtpInbox,
  startTcpProxy,
  startTestStack,
  TcpProxy,
  testDatabaseAdminUrl,
  TestStack,
  uniqueSuffix,
  untilSchedulerKnowsEnrollment,
  WEEKDAYS_AT_NINE,
  withClient,
} from '@tend/testing';

/** Enough email learners that a fault lands while part of the day's batch is sent and part is not. */
const LEARNERS = 200;

/**
 * Issue #5: whatever fails on the way (a process, Redis, Postgres), every due
 * delivery exists once and is sent once. The scheduler reaches Postgres through
 * a proxy the test can cut, and every service uses a Redis of the test's own,
 * so the faults touch nothing another test file uses.
 */
describe('exactly once under faults', () => {
  let redis: OwnRedis;
  let postgresProxy: TcpProxy;
  let inbox: SmtpInbox;
  let stack: TestStack;
  let sendQueue: Queue;
  let acme: Organization;
  let track: PublishedTrack;
  // Monday 7 December 2026 on: each story takes the next workday, so no two share a day's batch.
  const workdays = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14'];

  interface DayOfLessons {
    day: string;
    enrollmentId: string;
    emails: string[];
  }

  const scheduler = <T>(sql: string, params: unknown[]) =>
    withClient(stack.databaseUrl, async (client) => (await client.query(sql, params)).rows as T[]);

  /** `LEARNERS` people who take lessons by email, enrolled before the day's 09:00 lesson on a day of their own. */
  async function givenEmailLearnersDueToday(): Promise<DayOfLessons> {
    const day = workdays.shift();
    if (!day) throw new Error('no workday left for another story');
    await stack.setClock(`${day}T08:00:00Z`);
    const domain = `${uniqueSuffix()}.acme.example`;
    const emails = Array.from({ length: LEARNERS }, (_, index) => `learner-${index}@${domain}`);
    const csv = [
      'email,name,role,timezone,channels',
      ...emails.map((email, index) => `${email},Learner ${index},LEARNER,UTC,IN_APP;EMAIL`),
    ];
    await acme.admin.ok('mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created } }', {
      input: { csv: csv.join('\n'), dryRun: false },
    });
    const people = await withClient(stack.databaseUrl, async (client) =>
      (await client.query('SELECT id FROM cohorts.people WHERE email LIKE $1', [`%@${domain}`])).rows.map(
        (row: { id: string }) => row.id,
      ),
    );
    const { createCohort } = await acme.admin.ok<{ createCohort: { id: string } }>(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      { input: { name: `Front desk ${day}`, timezone: 'UTC', cadence: WEEKDAYS_AT_NINE } },
    );
    await acme.admin.ok(
      'mutation($id: ID!, $people: [ID!]!) { addCohortMembers(cohortId: $id, personIds: $people) { id } }',
      {
        id: createCohort.id,
        people,
      },
    );
    const { enrollCohort } = await acme.admin.ok<{ enrollCohort: { id: string } }>(
      'mutation($cohortId: ID!, $trackId: ID!) { enrollCohort(cohortId: $cohortId, trackId: $trackId) { id } }',
      { cohortId: createCohort.id, trackId: track.trackId },
    );
    await untilSchedulerKnowsEnrollment(stack, enrollCohort.id, LEARNERS);
    await eventually(async () => {
      const [{ n }] = await scheduler<{ n: number }>(
        `SELECT count(*)::int AS n FROM scheduler.people WHERE email LIKE $1 AND 'EMAIL' = ANY(channels)`,
        [`%@${domain}`],
      );
      expect(n).toBe(LEARNERS);
    });
    await stack.setClock(`${day}T09:00:30Z`);
    return { day, enrollmentId: enrollCohort.id, emails };
  }

  const lessonsOf = (today: DayOfLessons) =>
    scheduler<{ person_id: string; lesson_id: string; local_date: string; status: string; copies: number }>(
      `SELECT person_id, lesson_id, local_date::text, min(status) AS status, count(*)::int AS copies
       FROM scheduler.deliveries WHERE enrollment_id = $1 AND kind = 'LESSON'
       GROUP BY person_id, lesson_id, local_date`,
      [today.enrollmentId],
    );

  const sentCount = async (today: DayOfLessons) =>
    (await lessonsOf(today)).filter((lesson) => lesson.status === 'SENT').length;

  const acceptedFor = (today: DayOfLessons) => {
    const ours = new Set(today.emails);
    return inbox.accepted().filter((recipient) => ours.has(recipient));
  };

  /**
   * Lets part of the batch go out, then has the SMTP server hold its answers
   * until every job the workers hold waits on it: no send is between the
   * server's answer and its SENT row when the fault strikes.
   */
  async function midBatch(today: DayOfLessons): Promise<void> {
    await eventually(async () => expect(acceptedFor(today).length).toBeGreaterThanOrEqual(LEARNERS / 10));
    inbox.holdAnswers();
    await eventually(async () => {
      const active = await sendQueue.getActiveCount();
      expect(active).toBeGreaterThan(0);
      expect(inbox.held()).toBe(active);
    });
    const sent = await sentCount(today);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(LEARNERS);
  }

  /** The day's lessons planned, and their emails part sent, part held, when the fault strikes. */
  async function givenABatchUnderWay(): Promise<DayOfLessons> {
    const today = await givenEmailLearnersDueToday();
    expect(await stack.runPlanner()).toBe(LEARNERS);
    await midBatch(today);
    return today;
  }

  /** One lesson row per learner and day, SENT, and one accepted email per learner. */
  async function expectEachLessonSentOnce(today: DayOfLessons): Promise<void> {
    await eventually(async () => expect(await sentCount(today)).toBe(LEARNERS), 90_000, 250);
    const lessons = await lessonsOf(today);
    expect(lessons).toHaveLength(LEARNERS);
    expect(new Set(lessons.map((lesson) => lesson.person_id)).size).toBe(LEARNERS);
    expect(lessons.every((lesson) => lesson.copies === 1 && lesson.local_date === today.day)).toBe(true);
    const accepted = acceptedFor(today);
    expect(accepted).toHaveLength(LEARNERS);
    expect(new Set(accepted)).toEqual(new Set(today.emails));
  }

  beforeAll(async () => {
    redis = await startOwnRedis();
    const postgres = new URL(testDatabaseAdminUrl());
    postgresProxy = await startTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
    inbox = await startSmtpInbox();
    stack = await startTestStack({
      redisUrl: redis.url,
      schedulerDatabaseAddress: postgresProxy,
      serviceEnv: {
        SMTP_URL: inbox.url,
        // A worker that died gives its jobs up within seconds, not the production half minute.
        SEND_JOB_LOCK_MS: '2000',
        SEND_STALLED_CHECK_EVERY_MS: '1000',
        // A killed worker's claims on its deliveries lapse as soon, so the next worker may send them.
        SEND_CLAIM_MS: '2000',
        RECONCILER_EVERY_MS: '500',
        // Retries outlast the test's database outage, as the production ones (15 s, doubling) outlast a minute.
        SEND_BACKOFF_MS: '2000',
        // Small batches, so two planners running at once each claim some.
        PLANNER_BATCH_SIZE: '20',
      },
    });
    sendQueue = new Queue(QueueName.DeliveriesSend, {
      connection: redisOptionsFromUrl(redis.url),
      prefix: stack.redisPrefix,
    });
    acme = await givenOrganization(stack);
    // One lesson, so a day's learners get nothing (no next lesson, no reminder) on a later story's day.
    track = await givenPublishedTrack(acme.admin, [{ title: 'Listen first', kind: 'READ' }]);
  }, 180_000);

  afterAll(async () => {
    await sendQueue?.close();
    await stack?.stop();
    await inbox?.close();
    await postgresProxy?.close();
    await redis?.stop();
  });

  it('a worker killed mid-batch: every email arrives exactly once', async () => {
    const today = await givenABatchUnderWay();

    await stack.scheduler.stop('SIGKILL');
    // Meanwhile a caller of the API is told to come back in a moment, not that Tend failed.
    const refusal = await acme.admin.error('{ today { date } }');
    expect([refusal.code, refusal.extensions?.retryAfter]).toEqual(['SERVICE_UNAVAILABLE', 5]);
    // The killed worker's connections are gone before the server answers: those messages were never taken on.
    await eventually(async () => expect(inbox.connections()).toBe(0));
    inbox.answerHeld();
    await stack.scheduler.start();

    await expectEachLessonSentOnce(today);
  });

  it('Redis flushed while deliveries are pending: the reconciler sends the rest from Postgres, each once', async () => {
    const today = await givenABatchUnderWay();

    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();
    inbox.answerHeld();
    // Past the reconciler's grace: the lessons due at 09:00 are overdue and have no job.
    await stack.setClock(`${today.day}T09:02:00Z`);

    await expectEachLessonSentOnce(today);
  });

  it('Redis restarted: the workers resume by themselves and every email arrives exactly once', async () => {
    const today = await givenABatchUnderWay();

    await redis.stop();
    inbox.answerHeld();
    await redis.start();
    await stack.setClock(`${today.day}T09:02:00Z`);

    await expectEachLessonSentOnce(today);
  });

  it('SIGTERM during a batch: the worker finishes the sends it holds, nothing is half-sent, the next one sends the rest', async () => {
    const today = await givenABatchUnderWay();
    const held = inbox.held();

    const stopped = stack.scheduler.stop('SIGTERM');
    // Shutting down: it no longer answers HTTP, and still waits on each message it was sending.
    await eventually(() => expect(fetch(`${stack.scheduler.url}/health`)).rejects.toThrow());
    expect(inbox.held()).toBe(held);
    inbox.answerHeld();
    await stopped;

    const sentTo = await scheduler<{ email: string }>(
      `SELECT p.email FROM scheduler.deliveries d JOIN scheduler.people p ON p.person_id = d.person_id
       WHERE d.enrollment_id = $1 AND d.status = 'SENT'`,
      [today.enrollmentId],
    );
    expect(sentTo.length).toBeLessThan(LEARNERS);
    expect(new Set(acceptedFor(today))).toEqual(new Set(sentTo.map((row) => row.email)));
    expect(acceptedFor(today)).toHaveLength(sentTo.length);
    expect(await sendQueue.getActiveCount()).toBe(0);

    await stack.scheduler.start();
    await expectEachLessonSentOnce(today);
  });

  it('two planners at once, in two scheduler processes: every learner gets one lesson, sent once', async () => {
    const today = await givenEmailLearnersDueToday();
    const replica = await stack.startSchedulerReplica();

    const [first, second] = await Promise.all([stack.runPlanner(), replica.runPlanner()]);
    expect(first + second).toBe(LEARNERS);

    await expectEachLessonSentOnce(today);
    await replica.stop('SIGTERM');
  });

  it('the database unreachable for a while, then back: every email arrives exactly once', async () => {
    const today = await givenABatchUnderWay();

    postgresProxy.cut();
    // The server takes the held messages on while the scheduler cannot record them.
    inbox.answerHeld();
    // The issue says a minute; what is under test is that the scheduler reconnects by itself and
    // neither loses nor doubles a send, not how long it waited, so 15 s keep the suite short.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    expect(await sentCount(today)).toBeLessThan(LEARNERS);
    postgresProxy.restore();

    await expectEachLessonSentOnce(today);
  });
});
