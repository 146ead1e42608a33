/**
 * `npm run bench -- analytics`: the admin's leader report on an organization of
 * 100,000 learners under 5,000 leaders, with four weeks of daily lessons, coaching
 * moments and pulse answers. Prints the report's time through the gateway beside
 * the same figures computed by one plain SQL statement in the same run.
 *
 * Options: --learners N (default 100000), --runs N (default 15).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const tendStack = require(resolve(__dirname, '../../tools/local-infra/tend-stack.cjs')) as {
  ROOT: string;
  migrateAll(databaseUrl: string): Promise<void>;
  ensureServiceLogin(ownerUrl: string): Promise<string>;
  runServiceCommand(app: string, args: string[], env: Record<string, string>): Promise<string>;
  startStack(options: Record<string, unknown>): Promise<{ graphqlUrl: string; stop(): Promise<void> }>;
};

const REPORTS_PER_LEADER = 20;
const WEEKS = 4;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)],
    p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)],
  };
}

/** The organization's people, four weeks of weekday lessons, coaching moments and pulse answers, written by SQL. */
async function seed(ownerUrl: string, organizationId: string, learners: number): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const leaders = Math.ceil(learners / REPORTS_PER_LEADER);
    await client.query(
      `INSERT INTO scheduler.people (person_id, organization_id, role, timezone, leader_id, email, channels)
       SELECT md5('leader' || i)::uuid, $1, 'LEADER', 'UTC', NULL, 'leader' || i || '@bench.example', '{IN_APP}'
       FROM generate_series(1, $2) i`,
      [organizationId, leaders],
    );
    await client.query(
      `INSERT INTO scheduler.people (person_id, organization_id, role, timezone, leader_id, email, channels)
       SELECT md5('learner' || i)::uuid, $1, 'LEARNER', 'UTC', md5('leader' || (1 + i % $3))::uuid,
              'learner' || i || '@bench.example', '{IN_APP}'
       FROM generate_series(1, $2) i`,
      [organizationId, learners, leaders],
    );
    // Weekdays of the last four weeks; about two in three lessons completed.
    await client.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel)
       SELECT $1, md5('learner' || i)::uuid, 'LESSON', md5('lesson' || day)::uuid, md5('enrollment')::uuid,
              day::date, day + interval '9 hours', CASE WHEN (i + extract(doy FROM day)::int) % 3 = 0 THEN 'SENT' ELSE 'COMPLETED' END,
              'IN_APP'
       FROM generate_series(1, $2) i,
            generate_series(date_trunc('week', now()) - interval '3 weeks', now(), interval '1 day') day
       WHERE extract(isodow FROM day) < 6`,
      [organizationId, learners],
    );
    await client.query(
      `INSERT INTO scheduler.coaching_moments (organization_id, leader_id, person_id, kind, what_happened, created_at)
       SELECT $1, md5('leader' || (1 + i % $3))::uuid, md5('learner' || i)::uuid,
              CASE WHEN i % 2 = 0 THEN 'RECOGNITION' ELSE 'REDIRECTION' END, 'Noticed something.',
              now() - (i % 28) * interval '1 day'
       FROM generate_series(1, $2 / 5) i`,
      [organizationId, learners, leaders],
    );
    await client.query(
      `INSERT INTO scheduler.pulse_answers (organization_id, week, leader_id, score)
       SELECT $1, to_char(now() - w * interval '1 week', 'IYYY-"W"IW'), md5('leader' || (1 + i % $3))::uuid, 1 + (i * 7 + w) % 5
       FROM generate_series(1, $2) i, generate_series(0, 3) w
       WHERE (i + w) % 10 < 7`,
      [organizationId, learners, leaders],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** The same figures as the report's first page, in one statement over the same tables: the floor for the report. */
const PLAIN_SQL = `
  WITH team AS (
    SELECT leader_id, count(*) AS team_size FROM scheduler.people
    WHERE organization_id = $1 AND leader_id IS NOT NULL GROUP BY leader_id ORDER BY leader_id LIMIT $2)
  SELECT team.leader_id, team.team_size,
    (SELECT count(*) FROM scheduler.coaching_moments m
      WHERE m.organization_id = $1 AND m.leader_id = team.leader_id AND m.created_at >= $3::date) AS moments,
    (SELECT count(*) FILTER (WHERE d.status = 'COMPLETED')::float / nullif(count(*), 0)
       FROM scheduler.deliveries d JOIN scheduler.people p ON p.person_id = d.person_id
      WHERE d.organization_id = $1 AND d.kind = 'LESSON' AND d.local_date >= $3::date AND p.leader_id = team.leader_id)
       AS completion,
    (SELECT avg(score) FROM scheduler.pulse_answers a WHERE a.organization_id = $1 AND a.leader_id = team.leader_id)
       AS pulse
  FROM team`;

async function main(): Promise<void> {
  const learners = option('learners', 100_000);
  const runs = option('runs', 15);
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error('BENCH_DATABASE_URL is not set (run through npm run bench)');
  const databaseName = `tend_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${databaseName}`;
  const keyDir = mkdtempSync(join(tmpdir(), 'tend-bench-key-'));
  let stack: { graphqlUrl: string; stop(): Promise<void> } | undefined;
  try {
    await tendStack.migrateAll(ownerUrl.toString());
    const serviceUrl = await tendStack.ensureServiceLogin(ownerUrl.toString());
    const env = { DATABASE_URL: ownerUrl.toString(), TEND_LOCAL_KEY_FILE: join(keyDir, 'key.json') };
    const created = await tendStack.runServiceCommand(
      'cohorts',
      ['org', 'create', '--name', 'Bench', '--admin-email', 'hr@bench.example'],
      env,
    );
    const organizationId = /^organization: (\S+)$/m.exec(created)?.[1] ?? '';
    const token = /^token: (\S+)$/m.exec(created)?.[1] ?? '';

    const started = Date.now();
    await seed(ownerUrl.toString(), organizationId, learners);
    console.log(
      `seeded ${learners} learners, ${Math.ceil(learners / REPORTS_PER_LEADER)} leaders and ${WEEKS} weeks of lessons, moments and pulse in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const ports = {
      gateway: await freePort(),
      content: await freePort(),
      cohorts: await freePort(),
      scheduler: await freePort(),
    };
    stack = await tendStack.startStack({
      databaseUrl: serviceUrl,
      redisUrl: process.env.BENCH_REDIS_URL,
      redisPrefix: `tend-bench-${randomBytes(4).toString('hex')}`,
      signingSecret: randomBytes(32).toString('hex'),
      keyFile: env.TEND_LOCAL_KEY_FILE,
      ports,
      logDir: join(tendStack.ROOT, 'tmp', 'bench-logs'),
      logLevel: 'warn',
    });
    const graphqlUrl = stack.graphqlUrl;
    const report = async (query: string) => {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };

    const plain = new Client({ connectionString: ownerUrl.toString() });
    await plain.connect();
    const since = new Date(Date.now() - WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
    const page = await timed(runs, () =>
      report(
        `{ leaderReport(weeks: ${WEEKS}, first: 50) { edges { node { leader { id } teamSize coachingMomentsPerWeek lessonsDue teamCompletion pulseTrend } } } }`,
      ),
    );
    const plainPage = await timed(runs, () => plain.query(PLAIN_SQL, [organizationId, 50, since]));
    const csv = await timed(Math.max(3, Math.floor(runs / 3)), () => report(`{ leaderReportCsv(weeks: ${WEEKS}) }`));
    const plainAll = await timed(Math.max(3, Math.floor(runs / 3)), () =>
      plain.query(PLAIN_SQL, [organizationId, learners, since]),
    );
    await plain.end();

    const line = (name: string, measured: { median: number; p95: number }, baseline: { median: number }) =>
      console.log(
        `${name.padEnd(52)} median ${measured.median.toFixed(1).padStart(8)} ms  p95 ${measured.p95.toFixed(1).padStart(8)} ms` +
          `   plain SQL median ${baseline.median.toFixed(1).padStart(8)} ms   ratio ${(measured.median / baseline.median).toFixed(2)}`,
      );
    console.log(`\nleader report over ${WEEKS} weeks, ${learners} learners (${runs} runs after a warm-up)`);
    line('leaderReport, first page of 50 (gateway)', page, plainPage);
    line(`leaderReportCsv, all ${Math.ceil(learners / REPORTS_PER_LEADER)} leaders (gateway)`, csv, plainAll);
  } finally {
    await stack?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
    rmSync(keyDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
