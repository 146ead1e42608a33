/**
 * `npm run bench -- soak [--minutes N] [--learners N]`: load and faults together, on loopback only.
 *
 * One organization on the stack's embedded defaults, with a Redis and an SMTP server of the bench's
 * own (the bench restarts the one and counts what the other accepts):
 * - `--learners` (default 2,000) in-app learners whose lesson of the day was planned before the run:
 *   they load the gateway with `today` and, on distinct deliveries, `completeLesson`;
 * - as many email learners in four cohorts whose lessons fall due one minute apart during the run,
 *   planned by the scheduler's own repeatable planner job and sent by its workers.
 * While the load runs, the scheduler is killed with SIGKILL (and started again as its supervisor
 * would), then Redis is restarted empty. The bench prints the answers by outcome (HTTP status or
 * GraphQL `extensions.code`), p99 per 15 s, and at the end checks that every due delivery exists
 * once and was sent once: one lesson row per learner and day, each email learner's SENT and
 * accepted by the SMTP server exactly once. It exits 1 when that check fails.
 */
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { issueAccessToken, loadOrCreateLocalSigningKey, LOCAL_TOKEN_AUDIENCE, PrincipalSigner, Role } from '@tend/auth';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const MINUTES = option('minutes', 5);
const LOAD_LEARNERS = option('learners', 2_000);
const WAVES = 4;
const EMAIL_LEARNERS_PER_WAVE = Math.ceil(LOAD_LEARNERS / WAVES);
const CONNECTIONS = 20;
/** One request in five completes a lesson, while deliveries last; the rest read `today`. */
const COMPLETE_EVERY = 5;
const BUCKET_SECONDS = 15;
/**
 * The run starts at 08:59:30 on this day (UTC); wave k's lessons are due at 09:0k. Tomorrow by the
 * real clock, so that a scheduler process started again, which runs on the real clock until the
 * bench sets it, finds nothing due in the moment between.
 */
const DAY = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
const RUN_STARTS_AT = `${DAY}T08:59:30.000Z`;
/** Into the first wave's sends: the planner runs every second, and the SMTP server answers each message after 40 ms. */
const KILL_SCHEDULER_AT_SECONDS = 92;
const RESTART_REDIS_AT_SECONDS = 212;
const SETTLE_SECONDS = 180;

const TODAY_QUERY = '{ today { date streak items { id kind status lesson { id title body minutes } } } }';
const COMPLETE_MUTATION =
  'mutation($id: ID!) { completeLesson(deliveryId: $id, input: { reflection: "I listened first." }) { delivery { status } } }';

const tendStack = require(resolve(__dirname, '../../tools/local-infra/tend-stack.cjs')) as {
  migrateAll(databaseUrl: string): Promise<void>;
  ensureServiceLogin(ownerUrl: string): Promise<string>;
  runServiceCommand(app: string, args: string[], env: Record<string, string>): Promise<string>;
  signalProcess(handle: ServiceHandle, signal: NodeJS.Signals): Promise<void>;
  restartProcess(handle: ServiceHandle, url: string): Promise<void>;
  startStack(options: Record<string, unknown>): Promise<{
    urls: Record<'gateway' | 'content' | 'cohorts' | 'scheduler', string>;
    graphqlUrl: string;
    processes: ServiceHandle[];
    stop(): Promise<void>;
  }>;
};
const { freePort } = require(resolve(__dirname, '../../tools/local-infra/free-port.cjs')) as {
  freePort(): Promise<number>;
};
const localRedis = require(resolve(__dirname, '../../tools/local-infra/redis.cjs')) as {
  startLocalRedis(options: {
    port: number;
    log(message: string): void;
  }): Promise<{ url: string; stop(): Promise<void> }>;
};

interface ServiceHandle {
  app: string;
  child: ChildProcess;
}

interface Autocannon {
  (
    options: Record<string, unknown>,
    done: (error: Error | null, result: { timeouts: number; errors: number }) => void,
  ): {
    stop(): void;
  };
}
const autocannon = require('autocannon') as Autocannon;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * An SMTP server that counts, per recipient, the messages it took on. As RFC 5321 (4.1.1.4) has it, a
 * message is taken on when the server answers 250 to its data; one whose sender hung up before that
 * answer (a killed worker) was never delivered, and is not counted.
 */
async function startCountingInbox(answerAfterMs: number) {
  const accepted = new Map<string, number>();
  /** When each message was taken on, and its Message-ID, per recipient: where a second one came from. */
  const acceptedAt = new Map<string, { at: number; messageId: string }[]>();
  const closed = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onClose: (session) => closed.add(session.id),
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('utf8');
      });
      stream.on('end', () =>
        setTimeout(() => {
          if (closed.has(session.id)) return;
          for (const { address } of session.envelope.rcptTo) {
            accepted.set(address, (accepted.get(address) ?? 0) + 1);
            const messageId = /^Message-ID: (\S+)/im.exec(head)?.[1] ?? '';
            acceptedAt.set(address, [...(acceptedAt.get(address) ?? []), { at: Date.now(), messageId }]);
          }
          callback();
        }, answerAfterMs),
      );
    },
  });
  const port = await freePort();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    acceptedAt,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post<T>(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody;
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data as T;
}

/** What the load saw: outcomes by label, and latencies by the bucket they ended in. */
class LoadRecord {
  readonly outcomes = new Map<string, number>();
  readonly latencies = new Map<number, number[]>();
  /** Deliveries whose completion the API confirmed. */
  readonly completed: string[] = [];

  constructor(private readonly startedAt: number) {}

  outcome(label: string): void {
    this.outcomes.set(label, (this.outcomes.get(label) ?? 0) + 1);
  }

  latency(ms: number): void {
    const bucket = Math.floor((Date.now() - this.startedAt) / 1000 / BUCKET_SECONDS);
    const list = this.latencies.get(bucket) ?? [];
    list.push(ms);
    this.latencies.set(bucket, list);
  }
}

function outcomeOf(status: number, body: string): string {
  if (status !== 200) return `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as GraphQLBody;
    const code = parsed.errors?.[0]?.extensions?.code;
    if (code) return code;
    return parsed.data ? 'ok' : 'no data';
  } catch {
    return 'not JSON';
  }
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN;
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error('BENCH_DATABASE_URL is not set (run through npm run bench)');
  const name = `tend_bench_soak_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const workDir = mkdtempSync(join(tmpdir(), 'tend-bench-soak-'));
  const keyFile = join(workDir, 'local-signing-key.json');
  const owner = new Pool({ connectionString: databaseUrl, max: 4 });
  const redisPort = await freePort();
  const startRedis = () => localRedis.startLocalRedis({ port: redisPort, log: () => undefined });
  let redis = await startRedis();
  const inbox = await startCountingInbox(40);
  let stop = async () => undefined as void;
  let failed = false;
  try {
    await tendStack.migrateAll(databaseUrl);
    const serviceUrl = await tendStack.ensureServiceLogin(databaseUrl);
    const [gateway, content, cohorts, scheduler] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const secret = randomBytes(32).toString('hex');
    const signer = new PrincipalSigner(secret);
    const stack = await tendStack.startStack({
      databaseUrl: serviceUrl,
      redisUrl: redis.url,
      redisPrefix: `tend-bench-soak-${Date.now()}`,
      signingSecret: secret,
      keyFile,
      ports: { gateway, content, cohorts, scheduler },
      logDir: join(workDir, 'logs'),
      logLevel: 'warn',
      clockAdjustable: true,
      serviceEnv: {
        SMTP_URL: inbox.url,
        // The planner's own repeatable job plans each wave within a second of its minute.
        PLANNER_EVERY_MS: '1000',
        // A killed worker's sends are taken up within seconds, and the reconciler looks every second.
        SEND_JOB_LOCK_MS: '2000',
        SEND_STALLED_CHECK_EVERY_MS: '1000',
        // A killed worker's claims on its deliveries lapse as soon, so the next worker may send them.
        SEND_CLAIM_MS: '2000',
        RECONCILER_EVERY_MS: '1000',
      },
    });
    stop = stack.stop;
    const handle = (app: string) => {
      const found = stack.processes.find((process) => process.app === app);
      if (!found) throw new Error(`the stack started no ${app}`);
      return found;
    };
    let clockOffsetMs = 0;
    const setClockOf = async (serviceUrl: string, instant: Date) => {
      const response = await fetch(`${serviceUrl}/internal/clock`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...signer.sign({ kind: 'gateway' }) },
        body: JSON.stringify({ now: instant }),
      });
      if (!response.ok) throw new Error(`clock of ${serviceUrl}: ${response.status}`);
    };
    const now = () => new Date(Date.now() + clockOffsetMs);
    const setClock = async (instant: string) => {
      clockOffsetMs = new Date(instant).getTime() - Date.now();
      for (const service of [stack.urls.content, stack.urls.cohorts, stack.urls.scheduler]) {
        await setClockOf(service, now());
      }
    };
    const count = async (sql: string, parameters: unknown[] = []) =>
      Number((await owner.query(sql, parameters)).rows[0].count);

    // Seeding: the day before, so nothing falls due until the bench says so.
    await setClock(`${DAY}T06:00:00.000Z`);
    const created = await tendStack.runServiceCommand(
      'cohorts',
      ['org', 'create', '--name', 'Soak Retail', '--admin-email', 'hr@soak.example'],
      { DATABASE_URL: databaseUrl, TEND_LOCAL_KEY_FILE: keyFile },
    );
    const organizationId = /^organization: (\S+)$/m.exec(created)?.[1];
    const adminToken = /^token: (\S+)$/m.exec(created)?.[1];
    if (!organizationId || !adminToken) throw new Error(`unexpected output of org create: ${created}`);
    const gql = <T = unknown>(query: string, variables?: Record<string, unknown>) =>
      post<T>(stack.graphqlUrl, adminToken, query, variables);

    const { createTrack } = await gql<{ createTrack: { id: string } }>(
      'mutation($input: CreateTrackInput!) { createTrack(input: $input) { id } }',
      {
        input: { title: 'Listen first', tags: ['service'] },
      },
    );
    await gql('mutation($id: ID!, $input: AddLessonInput!) { addLesson(trackId: $id, input: $input) { id } }', {
      id: createTrack.id,
      input: { title: 'Listen first', kind: 'REFLECTION', body: 'Think of a customer you listened to.', minutes: 2 },
    });
    await gql('mutation($id: ID!) { publishTrack(id: $id) { id } }', { id: createTrack.id });

    const loadEmail = (index: number) => `learner-${index}@soak.example`;
    const waveEmail = (wave: number, index: number) => `email-${wave}-${index}@soak.example`;
    const csv = ['email,name,role,timezone,channels'];
    for (let index = 0; index < LOAD_LEARNERS; index++)
      csv.push(`${loadEmail(index)},Learner ${index},LEARNER,UTC,IN_APP`);
    for (let wave = 1; wave <= WAVES; wave++) {
      for (let index = 0; index < EMAIL_LEARNERS_PER_WAVE; index++) {
        csv.push(`${waveEmail(wave, index)},Email ${wave} ${index},LEARNER,UTC,IN_APP;EMAIL`);
      }
    }
    const imported = await gql<{ importPeople: { created: number; refused: number } }>(
      'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created refused } }',
      {
        input: { csv: csv.join('\n'), dryRun: false },
      },
    );
    const emailLearners = WAVES * EMAIL_LEARNERS_PER_WAVE;
    if (imported.importPeople.created !== LOAD_LEARNERS + emailLearners) {
      throw new Error(`importPeople: ${JSON.stringify(imported.importPeople)}`);
    }
    const idsOf = async (pattern: string) =>
      (await owner.query('SELECT id FROM cohorts.people WHERE email LIKE $1 ORDER BY email', [pattern])).rows.map(
        (row: { id: string }) => row.id,
      );
    const enrollmentIds: string[] = [];
    const cohortFor = async (label: string, lessonTime: string, people: string[]) => {
      const { createCohort } = await gql<{ createCohort: { id: string } }>(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        {
          input: {
            name: label,
            timezone: 'UTC',
            cadence: { daysOfWeek: [1, 2, 3, 4, 5, 6, 7], lessonTime, promptDay: 1, promptTime: '08:30' },
          },
        },
      );
      // addCohortMembers takes at most 1,000 people at once.
      for (let from = 0; from < people.length; from += 1_000) {
        await gql(
          'mutation($id: ID!, $people: [ID!]!) { addCohortMembers(cohortId: $id, personIds: $people) { id } }',
          {
            id: createCohort.id,
            people: people.slice(from, from + 1_000),
          },
        );
      }
      let enrolled: { enrollCohort: { id: string } } | undefined;
      await waitFor('cohorts to hear of the published track', async () => {
        enrolled = await gql<{ enrollCohort: { id: string } }>(
          'mutation($c: ID!, $t: ID!) { enrollCohort(cohortId: $c, trackId: $t) { id } }',
          {
            c: createCohort.id,
            t: createTrack.id,
          },
        ).catch(() => undefined);
        return Boolean(enrolled);
      });
      if (enrolled) enrollmentIds.push(enrolled.enrollCohort.id);
    };
    await cohortFor('Front desk (in app)', '07:00', await idsOf('learner-%'));
    for (let wave = 1; wave <= WAVES; wave++) {
      await cohortFor(`Wave ${wave} (email)`, `09:0${wave}`, await idsOf(`email-${wave}-%`));
    }
    const allLearners = LOAD_LEARNERS + emailLearners;
    await waitFor(
      'the scheduler to know every enrollment',
      async () =>
        (await count('SELECT count(*) FROM scheduler.learner_enrollments WHERE enrollment_id = ANY($1)', [
          enrollmentIds,
        ])) === allLearners &&
        (await count(`SELECT count(*) FROM scheduler.people WHERE 'EMAIL' = ANY(channels)`)) === emailLearners,
    );
    // The in-app learners' 07:00 lesson: planned by the scheduler's own job once the clock passes it.
    await setClock(`${DAY}T07:00:30.000Z`);
    await waitFor(
      "the in-app learners' lessons",
      async () =>
        (await count(`SELECT count(*) FROM scheduler.deliveries WHERE kind = 'LESSON' AND local_date = $1`, [DAY])) ===
        LOAD_LEARNERS,
    );
    const deliveries = (
      await owner.query(
        `SELECT d.id, d.person_id FROM scheduler.deliveries d WHERE d.kind = 'LESSON' AND d.local_date = $1 ORDER BY d.id`,
        [DAY],
      )
    ).rows as { id: string; person_id: string }[];
    const key = loadOrCreateLocalSigningKey(keyFile);
    const tokenOf = (personId: string) =>
      issueAccessToken(
        key.privateKeyPem,
        { organizationId, personId, role: Role.LEARNER },
        { ...LOCAL_TOKEN_AUDIENCE, expiresInSeconds: 3 * 3600 },
      );
    const tokens = deliveries.map((delivery) => tokenOf(delivery.person_id));
    const toComplete = deliveries.map((delivery, index) => ({ id: delivery.id, token: tokens[index] }));

    // The run.
    await setClock(RUN_STARTS_AT);
    const startedAt = Date.now();
    const record = new LoadRecord(startedAt);
    let next = 0;
    const path = new URL(stack.graphqlUrl).pathname;
    const load = autocannon(
      {
        url: stack.graphqlUrl,
        connections: CONNECTIONS,
        duration: MINUTES * 60,
        timeout: 10,
        requests: [
          {
            setupRequest: (request: Record<string, unknown>, context: { deliveryId?: string }) => {
              next++;
              const completion = next % COMPLETE_EVERY === 0 ? toComplete.pop() : undefined;
              context.deliveryId = completion?.id;
              const token = completion?.token ?? tokens[next % tokens.length];
              const body = completion
                ? JSON.stringify({ query: COMPLETE_MUTATION, variables: { id: completion.id } })
                : JSON.stringify({ query: TODAY_QUERY });
              return {
                ...request,
                method: 'POST',
                path,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                body,
              };
            },
            onResponse: (status: number, body: string, context: { deliveryId?: string }) => {
              const outcome = outcomeOf(status, body);
              record.outcome(outcome);
              if (context.deliveryId && outcome === 'ok') record.completed.push(context.deliveryId);
            },
          },
        ],
        setupClient: (client: {
          on(event: 'response', listener: (status: number, bytes: number, ms: number) => void): void;
        }) => {
          client.on('response', (_status, _bytes, ms) => record.latency(ms));
        },
      },
      (error, result) => {
        if (error) console.log(`load: ${error.message}`);
        record.outcome(`timeouts:${result?.timeouts ?? 0}`);
      },
    );
    const untilSecond = async (second: number) => sleep(Math.max(0, startedAt + second * 1000 - Date.now()));

    await untilSecond(KILL_SCHEDULER_AT_SECONDS);
    const sentBeforeKill = await count(
      `SELECT count(*) FROM scheduler.deliveries WHERE channel = 'EMAIL' AND status = 'SENT' AND local_date = $1`,
      [DAY],
    );
    const schedulerProcess = handle('scheduler');
    await tendStack.signalProcess(schedulerProcess, 'SIGKILL');
    console.log(`soak: ${elapsed(startedAt)} scheduler killed (SIGKILL), ${sentBeforeKill} emails sent before`);
    await sleep(3_000);
    await tendStack.restartProcess(schedulerProcess, stack.urls.scheduler);
    await setClockOf(stack.urls.scheduler, now());
    console.log(`soak: ${elapsed(startedAt)} scheduler started again`);

    await untilSecond(RESTART_REDIS_AT_SECONDS);
    await redis.stop();
    console.log(`soak: ${elapsed(startedAt)} Redis stopped`);
    await sleep(3_000);
    redis = await startRedis();
    console.log(`soak: ${elapsed(startedAt)} Redis started again, empty`);

    await untilSecond(MINUTES * 60 + 1);
    load.stop();

    // The check, once the workers have had their time to settle.
    const dueLessons = async () =>
      (
        await owner.query(
          `SELECT p.email, count(d.id)::int AS copies, count(d.id) FILTER (WHERE d.status IN ('SENT', 'COMPLETED'))::int AS sent
         FROM cohorts.people p
         LEFT JOIN scheduler.deliveries d ON d.person_id = p.id AND d.kind = 'LESSON' AND d.local_date = $1
         WHERE p.organization_id = $2 AND p.role = 'LEARNER'
         GROUP BY p.email`,
          [DAY, organizationId],
        )
      ).rows as { email: string; copies: number; sent: number }[];
    const settledBy = Date.now() + SETTLE_SECONDS * 1000;
    let lessons = await dueLessons();
    while (Date.now() < settledBy && lessons.some((lesson) => lesson.sent !== 1 || lesson.copies !== 1)) {
      await sleep(1_000);
      lessons = await dueLessons();
    }
    await sleep(2_000);
    lessons = await dueLessons();

    console.log(
      `soak: ${MINUTES} min, ${CONNECTIONS} connections through the gateway, one request in ${COMPLETE_EVERY} completing a lesson`,
    );
    const outcomes = [...record.outcomes.entries()].sort(([, a], [, b]) => b - a);
    console.log(`soak: answers by outcome: ${outcomes.map(([label, n]) => `${label}=${n}`).join(' ')}`);
    for (const [bucket, latencies] of [...record.latencies.entries()].sort(([a], [b]) => a - b)) {
      const from = bucket * BUCKET_SECONDS;
      console.log(
        `soak: p99 ${String(from).padStart(3)}-${String(from + BUCKET_SECONDS).padStart(3)} s: ${p99(latencies)
          .toFixed(0)
          .padStart(5)} ms over ${latencies.length} answers`,
      );
    }
    const missing = lessons.filter((lesson) => lesson.copies === 0).length;
    const doubled = lessons.filter((lesson) => lesson.copies > 1).length;
    const unsent = lessons.filter((lesson) => lesson.copies === 1 && lesson.sent !== 1).length;
    const emails = lessons.filter((lesson) => lesson.email.startsWith('email-'));
    const notAccepted = emails.filter((lesson) => !inbox.accepted.has(lesson.email)).length;
    const takenOn = (email: string) => inbox.acceptedAt.get(email) ?? [];
    // Two different messages for one delivery would be a double send. The same Message-ID taken on again
    // is the one window SMTP leaves open (the server took the message, the worker died before Postgres
    // heard): the resend says it is the same message (README, "Exactly once, whatever fails").
    const sentTwice = emails.filter((lesson) => new Set(takenOn(lesson.email).map((m) => m.messageId)).size > 1).length;
    const resentSameMessage = emails.filter(
      (lesson) => takenOn(lesson.email).length > new Set(takenOn(lesson.email).map((m) => m.messageId)).size,
    ).length;
    // A completion the API confirmed is kept; one whose answer was lost in a fault may have been kept too.
    const confirmedButNotCompleted = await count(
      `SELECT count(*) FROM unnest($1::uuid[]) AS confirmed(id)
       WHERE NOT EXISTS (SELECT 1 FROM scheduler.deliveries d WHERE d.id = confirmed.id AND d.status = 'COMPLETED')`,
      [record.completed],
    );
    const completedRows = await count(
      `SELECT count(*) FROM scheduler.deliveries WHERE kind = 'LESSON' AND local_date = $1 AND status = 'COMPLETED'`,
      [DAY],
    );
    const held = missing + doubled + unsent + notAccepted + sentTwice + confirmedButNotCompleted === 0;
    failed = !held;
    console.log(
      `soak: due lessons ${lessons.length}: missing=${missing} twice=${doubled} unsent=${unsent}; ` +
        `emails ${emails.length}: not accepted=${notAccepted} two messages=${sentTwice} ` +
        `same message taken on again=${resentSameMessage}; ` +
        `completions confirmed=${record.completed.length} kept=${record.completed.length - confirmedButNotCompleted} ` +
        `(rows completed=${completedRows})`,
    );
    for (const lesson of emails.filter((email) => takenOn(email.email).length > 1).slice(0, 10)) {
      const times = takenOn(lesson.email).map((m) => `${((m.at - startedAt) / 1000).toFixed(1)} s (${m.messageId})`);
      console.log(`soak: ${lesson.email} taken on at ${times.join(' and ')}`);
    }
    console.log(`soak: every due delivery exists once and was sent once: ${held ? 'yes' : 'NO'}`);
  } finally {
    await stop();
    await owner.end();
    await inbox.close();
    await redis.stop().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

function elapsed(startedAt: number): string {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
