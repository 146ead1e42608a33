/**
 * `npm run bench -- fanout [--learners N]`: plans and enqueues one day of lessons for N learners
 * (100,000 by default) spread over 24 time zones, one in five by email (a BullMQ job each; the
 * rest are in-app rows), with the scheduler's own planner. Beside it, in the same run, issue 5's
 * baseline: a bare `COPY ... FROM STDIN` of the same number of delivery-shaped rows plus BullMQ
 * `addBulk` of the same number of empty jobs, one per learner. The planner enqueues jobs only for
 * what must be sent, so the bench also prints a stricter baseline: the `COPY` plus only as many
 * jobs as the planner enqueued.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AdjustableClock } from '@tend/clock';
import { runAcrossTenants, runServiceMigrations } from '@tend/database';
import { JobQueue, QueueName, redisOptionsFromUrl } from '@tend/queue';
import { DeliveryPlanner } from '../apps/scheduler/src/planner/delivery-planner';
import { LeaderPromptPlanner } from '../apps/scheduler/src/leader-prompts/leader-prompt-planner';
import { CareerConversationPlanner } from '../apps/scheduler/src/career-conversations/career-conversation-planner';
import { SchedulerConfig } from '../apps/scheduler/src/scheduler.config';
import { schedulerDataSourceOptions } from '../apps/scheduler/src/scheduler.data-source';
import { EmailChannel } from '../apps/scheduler/src/sending/email.channel';

const ZONES = [
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Halifax',
  'America/Sao_Paulo',
  'Atlantic/South_Georgia',
  'Atlantic/Azores',
  'Europe/London',
  'Europe/Paris',
  'Europe/Athens',
  'Europe/Moscow',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Noumea',
  'Pacific/Auckland',
];
const CHUNK = 10_000;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One organization, one track of one lesson, one cohort per zone, every learner due at `dueAt`. */
async function seed(url: string, learners: number, dueAt: Date): Promise<void> {
  const organizationId = randomUUID();
  const trackId = randomUUID();
  await withClient(url, async (client) => {
    await client.query(
      `INSERT INTO scheduler.track_lessons (track_id, version, position, lesson_id, organization_id, title, kind, minutes)
       VALUES ($1, 1, 1, $2, $3, 'Listen first', 'READ', 3), ($1, 1, 2, $4, $3, 'Then answer', 'READ', 3)`,
      [trackId, randomUUID(), organizationId, randomUUID()],
    );
    const cohorts = ZONES.map((timezone) => ({ cohortId: randomUUID(), enrollmentId: randomUUID(), timezone }));
    for (const cohort of cohorts) {
      await client.query(
        `INSERT INTO scheduler.cohorts (cohort_id, organization_id, timezone, days_of_week, lesson_time, prompt_day, prompt_time)
         VALUES ($1, $2, $3, '{1,2,3,4,5,6,7}', '09:00', 1, '08:30')`,
        [cohort.cohortId, organizationId, cohort.timezone],
      );
      await client.query(
        `INSERT INTO scheduler.enrollments (enrollment_id, organization_id, cohort_id, track_id, track_version, starts_on)
         VALUES ($1, $2, $3, $4, 1, '2026-03-01')`,
        [cohort.enrollmentId, organizationId, cohort.cohortId, trackId],
      );
    }
    for (let start = 0; start < learners; start += CHUNK) {
      const size = Math.min(CHUNK, learners - start);
      const people = Array.from({ length: size }, (_, index) => ({
        personId: randomUUID(),
        cohort: cohorts[(start + index) % cohorts.length],
        email: (start + index) % 5 === 0,
      }));
      await client.query(
        `INSERT INTO scheduler.people (person_id, organization_id, role, timezone, email, channels)
         SELECT person_id, $1, 'LEARNER', timezone, 'learner@example.com',
                CASE WHEN by_email THEN '{IN_APP,EMAIL}'::text[] ELSE '{IN_APP}'::text[] END
         FROM unnest($2::uuid[], $3::text[], $4::bool[]) AS p(person_id, timezone, by_email)`,
        [
          organizationId,
          people.map((person) => person.personId),
          people.map((person) => person.cohort.timezone),
          people.map((person) => person.email),
        ],
      );
      await client.query(
        `INSERT INTO scheduler.cohort_members (cohort_id, person_id, organization_id)
         SELECT cohort_id, person_id, $1 FROM unnest($2::uuid[], $3::uuid[]) AS m(cohort_id, person_id)`,
        [organizationId, people.map((person) => person.cohort.cohortId), people.map((person) => person.personId)],
      );
      await client.query(
        `INSERT INTO scheduler.learner_enrollments (organization_id, enrollment_id, person_id, next_position, next_at)
         SELECT $1, enrollment_id, person_id, 1, $4 FROM unnest($2::uuid[], $3::uuid[]) AS l(enrollment_id, person_id)`,
        [
          organizationId,
          people.map((person) => person.cohort.enrollmentId),
          people.map((person) => person.personId),
          dueAt.toISOString(),
        ],
      );
    }
    await client.query('ANALYZE');
  });
}

/** Tab-separated COPY text of `rows` delivery-shaped rows, one chunk at a time, so a million never sit in memory at once. */
function* deliveryRows(rows: number): Generator<string> {
  const organizationId = randomUUID();
  const lessonId = randomUUID();
  const enrollmentId = randomUUID();
  const dueAt = new Date().toISOString();
  for (let start = 0; start < rows; start += CHUNK) {
    const size = Math.min(CHUNK, rows - start);
    let chunk = '';
    for (let index = 0; index < size; index++) {
      chunk += `${organizationId}\t${randomUUID()}\tLESSON\t${lessonId}\t${enrollmentId}\t2026-03-04\t${dueAt}\tSENT\tIN_APP\n`;
    }
    yield chunk;
  }
}

interface BaselineTimes {
  copyMs: number;
  /** addBulk of as many empty jobs as the planner enqueued. */
  enqueuedJobsMs: number;
  /** addBulk of the rest, up to one job per row. */
  otherJobsMs: number;
}

async function addEmptyJobs(queue: Queue, jobs: number): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < jobs; start += 1000) {
    const size = Math.min(1000, jobs - start);
    await queue.addBulk(Array.from({ length: size }, () => ({ name: 'baseline', data: {} })));
  }
  return performance.now() - started;
}

/**
 * `rows` delivery-shaped rows by a bare `COPY ... FROM STDIN` into a table shaped like
 * `deliveries` (its defaults, no indexes or constraints), then one empty job per row by addBulk,
 * timed in two parts: the first `enqueued` jobs, and the rest.
 */
async function baseline(url: string, rows: number, enqueued: number, queue: Queue): Promise<BaselineTimes> {
  await withClient(url, (client) =>
    client.query(`CREATE TABLE bench_deliveries (LIKE scheduler.deliveries INCLUDING DEFAULTS)`),
  );
  const started = performance.now();
  await withClient(url, (client) =>
    pipeline(
      Readable.from(deliveryRows(rows)),
      client.query(
        copyFrom(
          `COPY bench_deliveries (organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel) FROM STDIN`,
        ),
      ),
    ),
  );
  const copyMs = performance.now() - started;
  const enqueuedJobsMs = await addEmptyJobs(queue, enqueued);
  const otherJobsMs = await addEmptyJobs(queue, rows - enqueued);
  return { copyMs, enqueuedJobsMs, otherJobsMs };
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const learners = option('learners', 100_000);
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!adminUrl || !redisUrl) throw new Error('BENCH_DATABASE_URL and BENCH_REDIS_URL are needed');
  const name = `tend_bench_fanout_${Date.now()}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const prefix = `tend-bench-${Date.now()}`;
  const sendQueue: JobQueue<QueueName.DeliveriesSend> = new Queue(QueueName.DeliveriesSend, {
    connection: redisOptionsFromUrl(redisUrl),
    prefix,
  });
  const baselineQueue = new Queue('bench-baseline', { connection: redisOptionsFromUrl(redisUrl), prefix });
  let dataSource: DataSource | undefined;
  try {
    await runServiceMigrations(schedulerDataSourceOptions(url.toString()));
    // Wednesday 4 March 2026, 23:30 UTC: every zone's 09:00 of some day has passed, so every learner is due.
    const now = new Date('2026-03-04T23:30:00Z');
    await seed(url.toString(), learners, new Date(now.getTime() - 60_000));
    dataSource = await new DataSource(schedulerDataSourceOptions(url.toString())).initialize();
    const config = Object.assign(new SchedulerConfig(), { SMTP_URL: 'smtp://127.0.0.1:9', PLANNER_BATCH_SIZE: 5000 });
    const clock = new AdjustableClock();
    clock.setNow(now);
    const email = new EmailChannel(config);
    const planner = new DeliveryPlanner(
      dataSource,
      clock,
      config,
      email,
      new LeaderPromptPlanner(email),
      new CareerConversationPlanner(email),
      sendQueue,
    );

    const started = performance.now();
    const pass = await runAcrossTenants('bench fan-out', () => planner.runPass());
    const plannerMs = performance.now() - started;
    email.onModuleDestroy();
    const times = await baseline(url.toString(), pass.planned, pass.enqueued, baselineQueue);

    const count = (n: number) => n.toLocaleString('en-US');
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const rate = (ms: number) => `${count(Math.round((pass.planned / ms) * 1000))}/s`;
    const share = (ms: number) => `planner at ${Math.round((ms / plannerMs) * 100)}% of its rate`;
    const issueBaselineMs = times.copyMs + times.enqueuedJobsMs + times.otherJobsMs;
    const stricterBaselineMs = times.copyMs + times.enqueuedJobsMs;
    console.log(`learners planned: ${count(pass.planned)} (${count(pass.enqueued)} send jobs, the rest in-app rows)`);
    console.log(`planner fan-out: ${seconds(plannerMs)}, ${rate(plannerMs)} learners`);
    console.log(
      `baseline, COPY of ${count(pass.planned)} rows + addBulk of as many empty jobs: ${seconds(issueBaselineMs)}, ${rate(issueBaselineMs)} | ${share(issueBaselineMs)}`,
    );
    console.log(
      `stricter baseline, the same COPY + addBulk of only the ${count(pass.enqueued)} jobs the planner enqueued: ${seconds(stricterBaselineMs)}, ${rate(stricterBaselineMs)} | ${share(stricterBaselineMs)}`,
    );
    console.log(
      `  (COPY ${seconds(times.copyMs)}, the first ${count(pass.enqueued)} jobs ${seconds(times.enqueuedJobsMs)}, the other ${count(pass.planned - pass.enqueued)} ${seconds(times.otherJobsMs)})`,
    );
  } finally {
    await dataSource?.destroy();
    await sendQueue.obliterate({ force: true }).catch(() => undefined);
    await baselineQueue.obliterate({ force: true }).catch(() => undefined);
    await sendQueue.close();
    await baselineQueue.close();
    await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
