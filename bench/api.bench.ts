/**
 * `npm run bench -- api [--learners N]`: the public API under load, each figure beside a bare
 * baseline measured in the same run (the goals of the "make the API faster" issue).
 *
 * Seeding, on the stack's embedded defaults (only the clock is made adjustable, and API keys'
 * per-minute limit raised so the API client's run measures the API, not the limiter):
 * - one organization (cohorts CLI `org create`), 10,000 learners and their leaders (12 reports
 *   each) in four sites and four time zones, imported through `importPeople` (CSV);
 * - the 20-lesson track the learners are on today (READ, QUIZ, SCENARIO, REFLECTION lessons, each
 *   with review cards), and four 30-lesson "history" tracks the sites took before, whose lessons
 *   bring 0, 1, 2 or 3 cards, so that learners of site k have k due reviews today; all imported
 *   with `importTrack` and published; one cohort per site (`createCohort`, `setCohortRule`) and
 *   `enrollCohort` on the history track;
 * - 30 workdays of history: the stack's clock is moved to each workday, the scheduler's own
 *   planner plans it (lessons, review bundles, reminders, leader prompts: the product's rows), and
 *   the day's lessons are completed by direct SQL writing exactly what `completeLesson` writes
 *   (status, answers graded against the published key, reflection, correct, total, completed_at,
 *   the reminders it closes), except for a per-learner share (0-15%) of skipped days, so streaks
 *   vary; reviews are left undone, and the planner expires them as it does;
 * - today: the cohorts are enrolled on the 20-lesson track, the planner plans today's lesson and
 *   the due reviews; reports of the leaders measured with `myTeam` rate today's reviews through
 *   the API (`reviewCard`), for half of them, so their recall is not null.
 *
 * Tokens are signed in this process with the stack's local key file, exactly as the cohorts CLI
 * `token` command signs them (same key, claims and audience); one is minted with the CLI itself
 * and used in the checks. Everything measured goes through the real public API; autocannon runs in
 * this process, the bare baseline (Fastify + Mercurius + pg, one SQL statement per resolver) in a
 * child process (this file run with --bare-server), and one thing is measured at a time.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool, PoolClient } from 'pg';
import {
  issueAccessToken,
  loadOrCreateLocalSigningKey,
  LOCAL_TOKEN_AUDIENCE,
  PersonPrincipal,
  PrincipalSigner,
  Role,
  verifyAccessToken,
} from '@tend/auth';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const LEARNERS = option('learners', 10_000);
const TEAM_SIZE = 12;
const LEADERS = Math.ceil(LEARNERS / TEAM_SIZE);
/** Site k's history track brings k review cards, so its learners have k due reviews a day. */
const SITES = 4;
const ZONES = ['America/Chicago', 'America/New_York', 'Europe/London', 'Europe/Berlin'];
const HISTORY_WORKDAYS = 30;
const TRACK_LESSONS = 20;
/** 15:30 UTC is past 09:00 and before 18:00 on the same date in every one of ZONES, all year. */
const DAILY_INSTANT = 'T15:30:00.000Z';
const CONNECTIONS = 50;
const LOAD_SECONDS = 10;
const WARMUP_SECONDS = 2;
const TODAY_SAMPLE_PER_SITE = 50;
const TEAM_SAMPLE = 100;
const SEQUENTIAL_TODAYS = 200;
const BURST_CONNECTIONS = 300;
const BURST_SECONDS = 15;
const BURST_TIMEOUT_SECONDS = 10;

const TODAY_QUERY = `query Today { today { date timezone streak items { id kind status dueAt
  lesson { id title body minutes kind questions { prompt choices } } card { front back } } } }`;
/** What the gateway asks the scheduler for the query above: the scheduler's fields and the references. */
const SUBGRAPH_TODAY_QUERY = `query Today { today { date timezone streak items { id kind status dueAt
  lesson { __typename id readerLocale } card { __typename id } } } }`;
const TRACK_QUERY = `query Track($id: ID!) { track(id: $id) { id title lessons { id title kind body minutes
  questions { prompt choices } reviewCards { front back } leaderPrompt } } }`;
const MY_TEAM_QUERY = `query MyTeam { myTeam(first: 20) { edges { node { id name email currentLesson { id title }
  streak lessonCompletion reviewRecall openCoachingMoments } } } }`;
const COMPLETE_MUTATION = `mutation Complete($d: ID!, $input: CompleteLessonInput!) {
  completeLesson(deliveryId: $d, input: $input) { correct total feedback delivery { id status } } }`;

// ---------------------------------------------------------------------------------------------
// Bare baseline: Fastify + Mercurius + pg, one SQL statement per query resolver.
//
// It connects as the services' own login (tend_app, a member of tend_service) with the
// organization set once per connection as a session setting, so row-level security applies to it
// exactly as to the services and costs it no extra round trip. Tokens are verified with the same
// local public key and kept per token, as the gateway keeps them.
// ---------------------------------------------------------------------------------------------

const BARE_SCHEMA = `
  type Question { prompt: String! choices: [String!]! }
  type ReviewCard { front: String! back: String! }
  type Lesson { id: ID! title: String! body: String! minutes: Int! kind: String!
    questions: [Question!]! reviewCards: [ReviewCard!]! leaderPrompt: String }
  type Delivery { id: ID! kind: String! status: String! dueAt: String! lesson: Lesson card: ReviewCard }
  type Today { date: String! timezone: String! streak: Int! items: [Delivery!]! }
  type Track { id: ID! title: String! lessons: [Lesson!]! }
  type Person { id: ID! name: String! email: String! currentLesson: Lesson streak: Int
    lessonCompletion: Float reviewRecall: Float openCoachingMoments: Int }
  type PersonEdge { node: Person! }
  type PersonConnection { edges: [PersonEdge!]! }
  type LessonResult { delivery: Delivery! correct: Int! total: Int! feedback: [String!]! }
  input CompleteLessonInput { answers: [Int!] reflection: String }
  type Query { today: Today! track(id: ID!): Track myTeam(first: Int): PersonConnection! }
  type Mutation { completeLesson(deliveryId: ID!, input: CompleteLessonInput!): LessonResult! }`;

/** A person's lesson days and their workday streak (see workday-streak.ts), for `today` in `zone` at `$now`. */
function streakSql(personColumn: string, zoneColumn: string, todayColumn: string): string {
  return `(SELECT count(*) FILTER (WHERE days.done AND days.local_date > coalesce(days.broken, '-infinity'::date))::int
     FROM (SELECT grouped.local_date, grouped.done,
                  max(grouped.local_date) FILTER (WHERE NOT grouped.done AND grouped.local_date < ${todayColumn}) OVER () AS broken
           FROM (SELECT d.local_date,
                        bool_and(d.status = 'COMPLETED' AND (d.completed_at AT TIME ZONE ${zoneColumn})::date <= d.local_date) AS done
                 FROM scheduler.deliveries d
                 WHERE d.organization_id = $1 AND d.person_id = ${personColumn} AND d.kind = 'LESSON'
                   AND d.local_date > ${todayColumn} - 732 AND d.local_date <= ${todayColumn}
                 GROUP BY d.local_date) grouped) days)`;
}

const QUESTIONS_JSON = `coalesce((SELECT json_agg(json_build_object('prompt', q.prompt, 'choices', q.choices) ORDER BY q.position)
  FROM content.questions q WHERE q.lesson_id = l.id), '[]'::json)`;

const BARE_TODAY_SQL = `
  SELECT json_build_object('date', day.local_date::text, 'timezone', p.timezone,
    'streak', ${streakSql('p.person_id', 'p.timezone', 'day.local_date')},
    'items', coalesce((
      SELECT json_agg(json_build_object('id', d.id, 'kind', d.kind, 'status', d.status,
        'dueAt', to_char(d.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'lesson', CASE WHEN l.id IS NOT NULL THEN json_build_object('id', l.id, 'title', l.title, 'body', l.body,
          'minutes', l.minutes, 'kind', l.kind, 'questions', ${QUESTIONS_JSON}) END,
        'card', CASE WHEN c.id IS NOT NULL THEN json_build_object('front', c.front, 'back', c.back) END)
        ORDER BY CASE d.kind WHEN 'LESSON' THEN 1 WHEN 'REVIEW' THEN 2 ELSE 3 END, d.due_at, d.id)
      FROM scheduler.deliveries d
      LEFT JOIN content.lessons l ON l.id = d.lesson_id
      LEFT JOIN content.review_cards c ON c.id = d.card_id
      WHERE d.organization_id = $1 AND d.person_id = p.person_id AND d.local_date = day.local_date), '[]'::json)) AS today
  FROM scheduler.people p
  CROSS JOIN LATERAL (SELECT ($3::timestamptz AT TIME ZONE p.timezone)::date AS local_date) day
  WHERE p.organization_id = $1 AND p.person_id = $2`;

const BARE_TRACK_SQL = `
  SELECT json_build_object('id', t.id, 'title', t.title, 'lessons', coalesce((
    SELECT json_agg(json_build_object('id', l.id, 'title', l.title, 'kind', l.kind, 'body', l.body, 'minutes', l.minutes,
      'questions', ${QUESTIONS_JSON},
      'reviewCards', coalesce((SELECT json_agg(json_build_object('front', c.front, 'back', c.back) ORDER BY c.position)
                               FROM content.review_cards c WHERE c.lesson_id = l.id), '[]'::json),
      'leaderPrompt', l.leader_prompt) ORDER BY l.position)
    FROM content.lessons l WHERE l.track_id = t.id AND l.version = t.version), '[]'::json)) AS track
  FROM content.tracks t WHERE t.organization_id = $1 AND t.id = $2`;

/** $1 organization, $2 leader, $3 now, $4 the start of the 28-day progress window, $5 first. */
const BARE_MY_TEAM_SQL = `
  WITH RECURSIVE reports (id, name, email, created_at) AS (
    SELECT id, name, email, created_at FROM cohorts.people WHERE organization_id = $1 AND leader_id = $2
    UNION
    -- OFFSET 0 keeps each step an index look-up by leader, whatever the planner guesses of the walk's size.
    SELECT r.id, r.name, r.email, r.created_at FROM reports CROSS JOIN LATERAL (
      SELECT person.id, person.name, person.email, person.created_at FROM cohorts.people person
      WHERE person.organization_id = $1 AND person.leader_id = reports.id OFFSET 0) r
  )
  SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', p.id, 'name', p.name, 'email', p.email,
      'currentLesson', CASE WHEN cur.lesson_id IS NOT NULL THEN json_build_object('id', cur.lesson_id, 'title', cur.title) END,
      'streak', ${streakSql('p.id', 'sp.timezone', 'day.local_date')},
      'lessonCompletion', CASE WHEN w.lessons_due > 0 THEN round(w.lessons_completed::numeric / w.lessons_due, 2) END,
      'reviewRecall', CASE WHEN w.reviews_rated > 0 THEN round(w.reviews_recalled::numeric / w.reviews_rated, 2) END,
      'openCoachingMoments', m.open)) ORDER BY p.created_at, p.id), '[]'::json) AS edges
  FROM (SELECT * FROM reports WHERE id <> $2 ORDER BY created_at, id LIMIT $5) p
  JOIN scheduler.people sp ON sp.person_id = p.id
  CROSS JOIN LATERAL (SELECT ($3::timestamptz AT TIME ZONE sp.timezone)::date AS local_date) day
  LEFT JOIN LATERAL (
    SELECT d.lesson_id, l.title FROM scheduler.deliveries d LEFT JOIN content.lessons l ON l.id = d.lesson_id
    WHERE d.organization_id = $1 AND d.person_id = p.id AND d.kind = 'LESSON' AND d.due_at <= $3
    ORDER BY d.due_at DESC, d.id DESC LIMIT 1) cur ON true
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE d.kind = 'LESSON') AS lessons_due,
           count(*) FILTER (WHERE d.kind = 'LESSON' AND d.status = 'COMPLETED') AS lessons_completed,
           count(*) FILTER (WHERE d.kind = 'REVIEW' AND d.rating IS NOT NULL) AS reviews_rated,
           count(*) FILTER (WHERE d.kind = 'REVIEW' AND d.rating <> 'AGAIN') AS reviews_recalled
    FROM scheduler.deliveries d
    WHERE d.organization_id = $1 AND d.person_id = p.id AND d.due_at > $4 AND d.due_at <= $3
      AND d.kind IN ('LESSON', 'REVIEW')) w
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS open FROM scheduler.coaching_moments cm
    JOIN scheduler.deliveries f ON f.id = cm.follow_up_delivery_id
    WHERE cm.organization_id = $1 AND cm.person_id = p.id AND f.status <> 'COMPLETED') m`;

/** The delivery and the published lesson it is graded against, locked for the transaction. */
const BARE_LESSON_OF_SQL = `
  SELECT d.kind, d.status, tl.kind AS lesson_kind, tl.questions
  FROM scheduler.deliveries d
  JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
  JOIN scheduler.track_lessons tl ON tl.track_id = e.track_id AND tl.version = e.track_version AND tl.lesson_id = d.lesson_id
  WHERE d.organization_id = $1 AND d.person_id = $2 AND d.id = $3
  FOR UPDATE OF d`;

/** The writes of completeLesson: the delivery, guarded by status, and the reminders it closes. */
const BARE_COMPLETE_SQL = `
  WITH done AS (
    UPDATE scheduler.deliveries SET status = 'COMPLETED', answers = $4, reflection = $5, correct = $6, total = $7,
      completed_at = $8, updated_at = now()
    WHERE id = $3 AND organization_id = $1 AND person_id = $2 AND status IN ('SENT', 'SCHEDULED')
    RETURNING id, status
  ), reminders AS (
    UPDATE scheduler.deliveries r SET status = 'COMPLETED', completed_at = $8, updated_at = now()
    FROM done WHERE r.organization_id = $1 AND r.reminder_of = done.id AND r.status IN ('SENT', 'SCHEDULED')
    RETURNING r.id
  )
  SELECT done.id, done.status, (SELECT count(*) FROM reminders)::int AS reminders FROM done`;

interface PublishedQuestion {
  choices: string[];
  correctIndex: number;
  explanation: string | null;
  choiceFeedback?: { explanation: string; consequence: string | null }[];
}

/** The grading of lesson-grader.ts, for the bare baseline. */
function grade(kind: string, questions: PublishedQuestion[], input: { answers?: number[]; reflection?: string }) {
  if (kind === 'QUIZ' || kind === 'SCENARIO') {
    const answers = input.answers ?? [];
    if (answers.length !== questions.length) throw new Error(`answer all ${questions.length} questions`);
    const feedback = questions.map((question, index) => {
      const answer = answers[index];
      if (!Number.isInteger(answer) || answer < 0 || answer >= question.choices.length) throw new Error('out of range');
      const verdict =
        answer === question.correctIndex
          ? 'Correct.'
          : `Not quite: the answer is "${question.choices[question.correctIndex]}".`;
      const chosen = question.choiceFeedback?.[answer];
      const why = chosen
        ? [chosen.consequence, chosen.explanation].filter((part) => part).join(' ')
        : question.explanation;
      return why ? `${verdict} ${why}` : verdict;
    });
    const correct = questions.filter((question, index) => answers[index] === question.correctIndex).length;
    return { answers, reflection: null, correct, total: questions.length, feedback };
  }
  if (kind === 'REFLECTION') {
    const reflection = input.reflection?.trim() ?? '';
    if (!reflection) throw new Error('reflection needed');
    return { answers: null, reflection, correct: 0, total: 0, feedback: [] as string[] };
  }
  return { answers: null, reflection: null, correct: 0, total: 0, feedback: [] as string[] };
}

async function bareServer(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const organizationId = env('BARE_ORGANIZATION_ID');
  const clockOffsetMs = Number(env('BARE_CLOCK_OFFSET_MS'));
  const now = () => new Date(Date.now() + clockOffsetMs);
  const publicKey: KeyObject = createPublicKey(
    (JSON.parse(readFileSync(env('BARE_KEY_FILE'), 'utf8')) as { publicKeyPem: string }).publicKeyPem,
  );
  // The organization is each connection's session setting from its start (a startup parameter).
  const pool = new Pool({
    connectionString: env('BARE_DATABASE_URL'),
    max: 10,
    options: `-c tend.organization_id=${organizationId}`,
  });
  const verified = new Map<string, PersonPrincipal>();
  const principalOf = (authorization: string | undefined): PersonPrincipal => {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new Error('UNAUTHENTICATED');
    let principal = verified.get(token);
    if (!principal) {
      principal = verifyAccessToken(publicKey, token, LOCAL_TOKEN_AUDIENCE);
      verified.set(token, principal);
    }
    if (principal.organizationId !== organizationId) throw new Error('FORBIDDEN');
    return principal;
  };
  type Context = { authorization: string | undefined };
  const resolvers = {
    Query: {
      today: async (_root: unknown, _args: unknown, context: Context) => {
        const { personId } = principalOf(context.authorization);
        const { rows } = await pool.query(BARE_TODAY_SQL, [organizationId, personId, now()]);
        return rows[0]?.today ?? { date: now().toISOString().slice(0, 10), timezone: 'UTC', streak: 0, items: [] };
      },
      track: async (_root: unknown, args: { id: string }, context: Context) => {
        principalOf(context.authorization);
        const { rows } = await pool.query(BARE_TRACK_SQL, [organizationId, args.id]);
        return rows[0]?.track ?? null;
      },
      myTeam: async (_root: unknown, args: { first?: number }, context: Context) => {
        const principal = principalOf(context.authorization);
        if (principal.role !== Role.LEADER && principal.role !== Role.ADMIN) throw new Error('FORBIDDEN');
        const at = now();
        const since = new Date(at.getTime() - 28 * 24 * 60 * 60_000);
        const { rows } = await pool.query(BARE_MY_TEAM_SQL, [
          organizationId,
          principal.personId,
          at,
          since,
          Math.min(100, args.first ?? 20),
        ]);
        return { edges: rows[0].edges };
      },
    },
    Mutation: {
      completeLesson: async (
        _root: unknown,
        args: { deliveryId: string; input: { answers?: number[]; reflection?: string } },
        context: Context,
      ) => {
        const { personId } = principalOf(context.authorization);
        const client: PoolClient = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query(BARE_LESSON_OF_SQL, [organizationId, personId, args.deliveryId]);
          const lesson = rows[0] as {
            kind: string;
            status: string;
            lesson_kind: string;
            questions: PublishedQuestion[];
          };
          if (!lesson) throw new Error('NOT_FOUND');
          if (lesson.kind !== 'LESSON' || !['SENT', 'SCHEDULED'].includes(lesson.status)) throw new Error('CONFLICT');
          const result = grade(lesson.lesson_kind, lesson.questions, args.input);
          const { rows: done } = await client.query(BARE_COMPLETE_SQL, [
            organizationId,
            personId,
            args.deliveryId,
            result.answers,
            result.reflection,
            result.correct,
            result.total,
            now(),
          ]);
          if (done.length === 0) throw new Error('CONFLICT');
          await client.query('COMMIT');
          return {
            correct: result.correct,
            total: result.total,
            feedback: result.feedback,
            delivery: { id: done[0].id, status: done[0].status },
          };
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
    },
  };
  const fastify = require('fastify') as (options?: object) => {
    register(plugin: unknown, options: object): void;
    listen(options: { host: string; port: number }): Promise<string>;
  };
  const mercurius = require('mercurius') as unknown;
  const app = fastify();
  app.register(mercurius, {
    schema: BARE_SCHEMA,
    resolvers,
    context: (request: { headers: Record<string, string | undefined> }) => ({
      authorization: request.headers.authorization,
    }),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`bare listening ${address}\n`);
}

// ---------------------------------------------------------------------------------------------
// Load: autocannon, with every response checked.
// ---------------------------------------------------------------------------------------------

interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonClient {
  on(event: 'response', listener: (status: number, bytes: number, ms: number) => void): void;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => { stop(): void };
const autocannon = require('autocannon') as Autocannon;

interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  /** Headers and body of the next request. */
  next: () => { headers: Record<string, string>; body: string };
  timeoutSeconds?: number;
  /** At most this many requests (a pool of distinct deliveries). */
  amount?: number;
}

interface LoadResult {
  seconds: number;
  answered: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  non2xx: number;
  graphqlErrors: number;
  errorSamples: string[];
  timeouts: number;
  connectionErrors: number;
  /** 503s that carried a Retry-After header. */
  retryAfter503: number;
  /** p99 of the 503 answers. */
  refusedP99: number;
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((done, fail) => {
    const answeredMs: number[] = [];
    const refusedMs: number[] = [];
    let graphqlErrors = 0;
    let retryAfter503 = 0;
    const errorSamples: string[] = [];
    let lastResponseAt = 0;
    const path = new URL(spec.url).pathname;
    const started = Date.now();
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        amount: spec.amount,
        timeout: spec.timeoutSeconds ?? 10,
        requests: [
          {
            setupRequest: (request: AutocannonRequest) => {
              const { headers, body } = spec.next();
              return {
                ...request,
                method: 'POST',
                path,
                headers: { 'content-type': 'application/json', ...headers },
                body,
              };
            },
            onResponse: (status: number, body: string, _context: unknown, headers: Record<string, unknown>) => {
              if (status >= 200 && status < 300) {
                if (body.includes('"errors"') || !body.includes('"data"')) {
                  graphqlErrors++;
                  if (errorSamples.length < 3) errorSamples.push(body.slice(0, 300));
                }
              } else {
                if (status === 503 && Object.keys(headers).some((name) => name.toLowerCase() === 'retry-after')) {
                  retryAfter503++;
                }
                if (status !== 503 && errorSamples.length < 3)
                  errorSamples.push(`HTTP ${status}: ${body.slice(0, 300)}`);
              }
            },
          },
        ],
        setupClient: (client: AutocannonClient) => {
          client.on('response', (status, _bytes, ms) => {
            lastResponseAt = Date.now();
            if (status >= 200 && status < 300) answeredMs.push(ms);
            else if (status === 503) refusedMs.push(ms);
          });
        },
      },
      (error, result) => {
        clearTimeout(timer);
        if (error) return fail(error);
        const seconds = Math.max(0.001, ((lastResponseAt || Date.now()) - started) / 1000);
        answeredMs.sort((a, b) => a - b);
        refusedMs.sort((a, b) => a - b);
        const statuses: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats)) statuses[code] = stat.count;
        done({
          seconds,
          answered: answeredMs.length,
          perSecond: answeredMs.length / seconds,
          p50: percentile(answeredMs, 0.5),
          p99: percentile(answeredMs, 0.99),
          statuses,
          non2xx: result.non2xx,
          graphqlErrors,
          errorSamples,
          timeouts: result.timeouts,
          connectionErrors: result.errors - result.timeouts,
          retryAfter503,
          refusedP99: percentile(refusedMs, 0.99),
        });
      },
    );
    // With `amount` autocannon has no duration of its own: stop it at the time limit.
    const timer = setTimeout(() => instance.stop(), spec.seconds * 1000 + 50);
  });
}

/**
 * With `--statements`, the statements of all services that took the most Postgres time during a
 * measured run: where a figure's database time goes, for an engineer tuning it.
 */
async function withStatementTimes<T>(
  owner: Pool,
  serviceUser: string,
  label: string,
  run: () => Promise<T>,
): Promise<T> {
  if (!process.argv.includes('--statements')) return run();
  await owner.query('SELECT pg_stat_statements_reset()');
  const result = await run();
  const { rows } = await owner.query(
    `SELECT calls::int, round(total_exec_time)::int AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
            left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query
     FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND userid = (SELECT oid FROM pg_roles WHERE rolname = $1)
     ORDER BY total_exec_time DESC LIMIT 8`,
    [serviceUser],
  );
  console.log(`  Postgres time during ${label}, by statement (calls, total ms, mean ms):`);
  for (const row of rows as { calls: number; total_ms: number; mean_ms: string; query: string }[]) {
    console.log(
      `    ${String(row.calls).padStart(7)} ${String(row.total_ms).padStart(7)} ${row.mean_ms.padStart(9)}  ${row.query}`,
    );
  }
  return result;
}

/** A short warm-up, then the measurement; both must be answered without a failure. */
async function measure(label: string, spec: Omit<LoadSpec, 'seconds'>, failures: string[]): Promise<LoadResult> {
  const warm = await runLoad({ ...spec, seconds: WARMUP_SECONDS, amount: spec.amount && Math.floor(spec.amount / 10) });
  const result = await runLoad({ ...spec, seconds: LOAD_SECONDS });
  for (const [name, run] of [
    ['warm-up', warm],
    ['run', result],
  ] as const) {
    // A 503 is the gateway shedding load, by design: counted as refused (see `refusals`), not as a failure.
    const bad = run.non2xx - (run.statuses['503'] ?? 0) + run.graphqlErrors + run.timeouts + run.connectionErrors;
    if (bad > 0) {
      const line =
        `${label} (${name}): ${run.non2xx} non-2xx ${JSON.stringify(run.statuses)}, ${run.graphqlErrors} GraphQL errors, ` +
        `${run.timeouts} timeouts, ${run.connectionErrors} connection errors; e.g. ${run.errorSamples.join(' | ')}`;
      failures.push(line);
      console.log(`  FAILED RESPONSES: ${line}`);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The stack and seeding.
// ---------------------------------------------------------------------------------------------

const tendStack = require(resolve(__dirname, '../../tools/local-infra/tend-stack.cjs')) as {
  migrateAll(databaseUrl: string): Promise<void>;
  ensureServiceLogin(ownerUrl: string): Promise<string>;
  runServiceCommand(app: string, args: string[], env: Record<string, string>): Promise<string>;
  startStack(options: Record<string, unknown>): Promise<{
    urls: Record<'gateway' | 'content' | 'cohorts' | 'scheduler', string>;
    graphqlUrl: string;
    processes: { app: string; child: ChildProcess }[];
    stop(): Promise<void>;
  }>;
};

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** `count` Monday-to-Friday dates from `first` on. */
function workdaysFrom(first: string, count: number): string[] {
  const days: string[] = [];
  for (let day = first; days.length < count; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

const BODY = `Customers decide in the first seconds whether they were seen. ${'Look up, greet them by name when you can, and say what happens next. '.repeat(16)}`;

/** A lesson of a track file; `cards` review cards. */
function lessonFile(track: string, position: number, kind: string, cards: number) {
  const questions =
    kind === 'QUIZ'
      ? [0, 1].map((question) => ({
          prompt: `${track}, lesson ${position}: what comes first (${question + 1})?`,
          choices: ['Finish the task', 'Acknowledge the customer', 'Wait to be asked'],
          correctIndex: 1,
          choiceFeedback: [
            { explanation: 'They cannot tell you have seen them.' },
            { explanation: 'A nod tells them they were seen.' },
            { explanation: 'The first move stays with them.' },
          ],
        }))
      : kind === 'SCENARIO'
        ? [
            {
              prompt: `${track}, lesson ${position}: a customer waits while you finish a call. You...`,
              choices: ['Keep talking', 'Raise a hand and smile', 'Hang up at once'],
              correctIndex: 1,
              choiceFeedback: [
                { consequence: 'They turn to leave.', explanation: 'Unseen customers leave.' },
                { consequence: 'They relax and wait.', explanation: 'Seen customers wait.' },
                { consequence: 'The caller is lost.', explanation: 'Both are customers.' },
              ],
            },
          ]
        : [];
  return {
    title: `${track}: lesson ${position}`,
    kind,
    body: BODY,
    minutes: 3,
    questions,
    reviewCards: Array.from({ length: cards }, (_, card) => ({
      front: `${track} ${position}: what do you do first (${card + 1})?`,
      back: 'Acknowledge the customer, then finish what you were doing.',
    })),
    leaderPrompt: 'Who greeted a customer well this week?',
  };
}

const KINDS = ['READ', 'QUIZ', 'READ', 'SCENARIO', 'REFLECTION'];

/** The track learners are on today: 20 lessons of every kind, each with two review cards. */
function currentTrackFile() {
  return {
    title: 'Service starts with the greeting',
    tags: ['empathy'],
    lessons: Array.from({ length: TRACK_LESSONS }, (_, index) =>
      lessonFile('Greeting', index + 1, KINDS[index % KINDS.length], 2),
    ),
  };
}

/** Site k's earlier track: 30 lessons, of which k bring a review card (all of them for k = 3). */
function historyTrackFile(site: number) {
  return {
    title: `Foundations, site ${site}`,
    tags: ['foundations'],
    lessons: Array.from({ length: HISTORY_WORKDAYS }, (_, index) =>
      lessonFile(`Foundations ${site}`, index + 1, KINDS[index % KINDS.length], site === 3 || index < site ? 1 : 0),
    ),
  };
}

/**
 * One history day's lessons completed as `completeLesson` completes them (completion.service.ts):
 * status, answers graded against the published answer key, reflection, correct, total and
 * completed_at, then the day's open reminders of each lesson. A learner skips a day with a
 * probability of 0, 5, 10 or 15% (by person), so streaks vary; those lessons stay open.
 */
const COMPLETE_DAY_SQL = `
  WITH due AS (
    SELECT d.id, tl.kind, tl.questions
    FROM scheduler.deliveries d
    JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
    JOIN scheduler.track_lessons tl ON tl.track_id = e.track_id AND tl.version = e.track_version AND tl.lesson_id = d.lesson_id
    WHERE d.organization_id = $1 AND d.kind = 'LESSON' AND d.status IN ('SENT', 'SCHEDULED') AND d.local_date = $2::date
      AND d.due_at >= $2::date - 1 AND d.due_at < $2::date + 2
      AND mod(abs(hashtext(d.person_id::text || d.local_date::text)::bigint), 100)
          >= mod(abs(hashtext(d.person_id::text)::bigint), 4) * 5
  ), answered AS (
    SELECT due.id, due.kind, due.questions,
      CASE WHEN due.kind IN ('QUIZ', 'SCENARIO') THEN ARRAY(
        SELECT CASE WHEN mod(abs(hashtext(due.id::text || q.n::text)::bigint), 100) < 80 THEN (q.question->>'correctIndex')::int
                    ELSE ((q.question->>'correctIndex')::int + 1) % jsonb_array_length(q.question->'choices') END
        FROM jsonb_array_elements(due.questions) WITH ORDINALITY AS q(question, n) ORDER BY q.n) END AS answers
    FROM due
  ), graded AS (
    SELECT a.id, a.answers,
      CASE WHEN a.kind = 'REFLECTION' THEN 'I will look up and greet every customer within ten seconds.' END AS reflection,
      CASE WHEN a.answers IS NULL THEN 0 ELSE (
        SELECT count(*)::int FROM jsonb_array_elements(a.questions) WITH ORDINALITY AS q(question, n)
        WHERE a.answers[q.n] = (q.question->>'correctIndex')::int) END AS correct,
      CASE WHEN a.answers IS NULL THEN 0 ELSE jsonb_array_length(a.questions) END AS total
    FROM answered a
  ), completed AS (
    UPDATE scheduler.deliveries d
    SET status = 'COMPLETED', answers = g.answers, reflection = g.reflection, correct = g.correct, total = g.total,
        completed_at = $3::timestamptz + make_interval(mins => mod(abs(hashtext(d.id::text)::bigint), 45)::int),
        updated_at = now()
    FROM graded g WHERE d.id = g.id
    RETURNING d.id, d.completed_at
  ), reminded AS (
    UPDATE scheduler.deliveries r SET status = 'COMPLETED', completed_at = c.completed_at, updated_at = now()
    FROM completed c
    WHERE r.organization_id = $1 AND r.reminder_of = c.id AND r.status IN ('SENT', 'SCHEDULED')
    RETURNING r.id
  )
  SELECT (SELECT count(*) FROM completed)::int AS completed, (SELECT count(*) FROM reminded)::int AS reminded`;

interface Stack {
  graphqlUrl: string;
  urls: Record<'gateway' | 'content' | 'cohorts' | 'scheduler', string>;
}

type GraphQLBody = { data?: Record<string, unknown>; errors?: { message: string }[] };

async function post(url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphQLBody;
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    throw new Error(`HTTP ${response.status} from ${url}: ${text.slice(0, 300)}`);
  }
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(`HTTP ${response.status} from ${url}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** JSON with sorted keys, to compare the API's answers with the baseline's. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function firstDifference(a: string, b: string): string {
  let index = 0;
  while (index < a.length && a[index] === b[index]) index++;
  return `API …${a.slice(Math.max(0, index - 80), index + 80)}… vs bare …${b.slice(Math.max(0, index - 80), index + 80)}…`;
}

function vmRssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The requests the gateway refused with 503 during a measurement, as a note for its line. */
const refusals = (result: LoadResult) =>
  result.statuses['503'] ? `, ${result.statuses['503']} refused with 503 (not counted as answered)` : '';
const refusedNone = (result: LoadResult) => !result.statuses['503'];

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : NaN);

interface Row {
  figure: string;
  tend: string;
  bare: string;
  share: string;
  goal: string;
  met: boolean;
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!adminUrl || !redisUrl)
    throw new Error('BENCH_DATABASE_URL / BENCH_REDIS_URL are not set (run through npm run bench)');
  const runStarted = Date.now();
  const name = `tend_bench_api_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const keyDir = mkdtempSync(join(tmpdir(), 'tend-bench-key-'));
  const keyFile = join(keyDir, 'local-signing-key.json');
  let stop = async () => undefined as void;
  let bare: ChildProcess | undefined;
  // The database's owner (a superuser here, so no row-level security): seeding SQL and statistics.
  const owner = new Pool({ connectionString: databaseUrl, max: 4 });
  const rows: Row[] = [];
  const failures: string[] = [];
  try {
    let statementsAvailable = true;
    try {
      await owner.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await owner.query('SELECT pg_stat_statements_reset()');
    } catch (error) {
      statementsAvailable = false;
      console.log(`pg_stat_statements is not available (${(error as Error).message}); round trips are not counted`);
    }
    await tendStack.migrateAll(databaseUrl);
    // The services connect as a login row-level security applies to, as in production.
    const serviceUrl = await tendStack.ensureServiceLogin(databaseUrl);
    const serviceUser = new URL(serviceUrl).username;
    const [gateway, content, cohorts, scheduler] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const secret = randomBytes(32).toString('hex');
    const signer = new PrincipalSigner(secret);
    const started = await tendStack.startStack({
      databaseUrl: serviceUrl,
      redisUrl,
      redisPrefix: `tend-bench-api-${Date.now()}`,
      signingSecret: secret,
      keyFile,
      ports: { gateway, content, cohorts, scheduler },
      logDir: join(keyDir, 'logs'),
      logLevel: 'warn',
      // The planner plans the days the bench moves the clock to.
      clockAdjustable: true,
      // The default (600 a minute) would make the API client's run measure the limiter.
      serviceEnv: { API_KEY_RATE_LIMIT_PER_MINUTE: '100000000' },
    });
    stop = started.stop;
    const stack: Stack = started;
    const gql = (token: string, query: string, variables?: Record<string, unknown>) =>
      post(stack.graphqlUrl, bearer(token), query, variables);
    const internal = async (serviceUrl: string, method: string, body: unknown) => {
      const response = await fetch(serviceUrl, {
        method,
        headers: { 'content-type': 'application/json', ...signer.sign({ kind: 'gateway' }) },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${serviceUrl}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    let clockOffsetMs = 0;
    const setClock = async (instant: string) => {
      clockOffsetMs = new Date(instant).getTime() - Date.now();
      for (const service of [stack.urls.content, stack.urls.cohorts, stack.urls.scheduler]) {
        await internal(`${service}/internal/clock`, 'PUT', { now: instant });
      }
    };
    /**
     * One planner pass, then until nothing is due any more: the scheduler's own repeatable planner
     * job may be running at the same moment, and its rows are skipped (SKIP LOCKED) by ours.
     */
    const runPlanner = async () => {
      let planned = 0;
      for (let pass = 0; ; pass++) {
        planned += Number((await internal(`${stack.urls.scheduler}/internal/planner/run`, 'POST', {})).planned);
        const now = new Date(Date.now() + clockOffsetMs);
        const due = await count(
          `SELECT (SELECT count(*) FROM scheduler.learner_enrollments
                    WHERE organization_id = $1 AND status = 'ACTIVE' AND next_at <= $2)
                + (SELECT count(*) FROM scheduler.leader_prompt_schedules WHERE organization_id = $1 AND next_at <= $2) AS count`,
          [organizationId, now],
        );
        if (due === 0) return planned;
        if (pass > 100) throw new Error(`${due} learner enrollments and leader prompts stay due after the planner ran`);
        await sleep(200);
      }
    };
    const count = async (sql: string, parameters: unknown[] = []) =>
      Number((await owner.query(sql, parameters)).rows[0].count);

    const seedStarted = Date.now();
    const phase: Record<string, number> = {};
    let phaseStarted = Date.now();
    const endPhase = (label: string) => {
      phase[label] = (Date.now() - phaseStarted) / 1000;
      phaseStarted = Date.now();
    };

    // The organization and its admin, through the cohorts CLI.
    const cliEnv = { DATABASE_URL: databaseUrl, TEND_LOCAL_KEY_FILE: keyFile };
    const createdOrg = await tendStack.runServiceCommand(
      'cohorts',
      ['org', 'create', '--name', 'Bench Retail', '--admin-email', 'hr@bench.example'],
      cliEnv,
    );
    const organizationId = /^organization: (\S+)$/m.exec(createdOrg)?.[1];
    const adminToken = /^token: (\S+)$/m.exec(createdOrg)?.[1];
    if (!organizationId || !adminToken) throw new Error(`unexpected output of org create: ${createdOrg}`);

    // People: the HRIS export, through importPeople (first: the scheduler's projections of it take the longest).
    const zoneOfTeam = (leader: number) => ZONES[Math.floor(leader / SITES) % ZONES.length];
    const leaderEmail = (leader: number) => `leader-${String(leader).padStart(4, '0')}@bench.example`;
    const learnerEmail = (learner: number) => `learner-${String(learner).padStart(5, '0')}@bench.example`;
    const csv = ['email,name,role,timezone,leader,team,location'];
    for (let leader = 0; leader < LEADERS; leader++) {
      csv.push(
        `${leaderEmail(leader)},Leader ${leader},LEADER,${zoneOfTeam(leader)},,Team ${leader},Site ${leader % SITES}`,
      );
    }
    for (let learner = 0; learner < LEARNERS; learner++) {
      const leader = Math.floor(learner / TEAM_SIZE);
      csv.push(
        `${learnerEmail(learner)},Learner ${learner},LEARNER,${zoneOfTeam(leader)},${leaderEmail(leader)},` +
          `Team ${leader},Site ${leader % SITES}`,
      );
    }
    const report = (await gql(
      adminToken,
      'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created refused rows { line column reason } } }',
      { input: { csv: csv.join('\n'), dryRun: false } },
    )) as { importPeople: { created: number; refused: number; rows: unknown[] } };
    if (report.importPeople.refused > 0 || report.importPeople.created !== LEARNERS + LEADERS) {
      throw new Error(`importPeople: ${JSON.stringify(report.importPeople).slice(0, 1000)}`);
    }
    endPhase('people');

    // Tracks, imported and published through the API.
    const importTrack = async (file: unknown) => {
      const imported = (await gql(
        adminToken,
        'mutation($input: ImportTrackInput!) { importTrack(input: $input) { id } }',
        {
          input: { format: 'JSON', json: JSON.stringify(file) },
        },
      )) as { importTrack: { id: string } };
      await gql(adminToken, 'mutation($id: ID!) { publishTrack(id: $id) { id } }', { id: imported.importTrack.id });
      return imported.importTrack.id;
    };
    const currentTrackId = await importTrack(currentTrackFile());
    const historyTrackIds: string[] = [];
    for (let site = 0; site < SITES; site++) historyTrackIds.push(await importTrack(historyTrackFile(site)));
    endPhase('tracks');

    // One cohort per site, by rule.
    const cohortIds: string[] = [];
    for (let site = 0; site < SITES; site++) {
      const cohort = (await gql(
        adminToken,
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        {
          input: {
            name: `Site ${site}`,
            timezone: 'America/New_York',
            cadence: { daysOfWeek: [1, 2, 3, 4, 5], lessonTime: '09:00', promptDay: 1, promptTime: '08:30' },
          },
        },
      )) as { createCohort: { id: string } };
      await gql(adminToken, 'mutation($c: ID!, $r: CohortRuleInput) { setCohortRule(cohortId: $c, rule: $r) { id } }', {
        c: cohort.createCohort.id,
        r: { locations: [`Site ${site}`] },
      });
      cohortIds.push(cohort.createCohort.id);
    }
    const everyone = LEARNERS + LEADERS;
    await waitFor('the scheduler to know every person, member and lesson', async () => {
      const [people, members, lessons] = await Promise.all([
        count(`SELECT count(*) FROM scheduler.people WHERE organization_id = $1 AND role <> 'ADMIN'`, [organizationId]),
        count(`SELECT count(*) FROM scheduler.cohort_members WHERE organization_id = $1`, [organizationId]),
        count(`SELECT count(*) FROM scheduler.track_lessons WHERE organization_id = $1`, [organizationId]),
      ]);
      return people === everyone && members === everyone && lessons === TRACK_LESSONS + SITES * HISTORY_WORKDAYS;
    });
    endPhase('cohorts and projections');

    // The history: 30 workdays from the first Wednesday at least two days ahead.
    const realToday = new Date().toISOString().slice(0, 10);
    let firstDay = addDays(realToday, 2);
    while (new Date(`${firstDay}T00:00:00Z`).getUTCDay() !== 3) firstDay = addDays(firstDay, 1);
    const days = workdaysFrom(firstDay, HISTORY_WORKDAYS + 1);
    const today = days.pop() as string;
    await setClock(`${days[0]}${DAILY_INSTANT}`);
    for (let site = 0; site < SITES; site++) {
      await gql(adminToken, 'mutation($c: ID!, $t: ID!) { enrollCohort(cohortId: $c, trackId: $t) { id } }', {
        c: cohortIds[site],
        t: historyTrackIds[site],
      });
    }
    await waitFor(
      'learner enrollments of the history tracks',
      async () =>
        (await count(`SELECT count(*) FROM scheduler.learner_enrollments WHERE organization_id = $1`, [
          organizationId,
        ])) === everyone,
    );
    let plannedTotal = 0;
    let completedTotal = 0;
    let plannerSeconds = 0;
    let completingSeconds = 0;
    for (const [index, day] of days.entries()) {
      if (index > 0) await setClock(`${day}${DAILY_INSTANT}`);
      const planStarted = Date.now();
      plannedTotal += await runPlanner();
      const completeStarted = Date.now();
      const done = await owner.query(COMPLETE_DAY_SQL, [organizationId, day, `${day}T15:32:00.000Z`]);
      completedTotal += Number(done.rows[0].completed);
      plannerSeconds += (completeStarted - planStarted) / 1000;
      completingSeconds += (Date.now() - completeStarted) / 1000;
      // The planner's statements are planned on fresh statistics, as autovacuum keeps them on a live server.
      if (index === 0 || index === 4 || index === 14) {
        await owner.query('ANALYZE scheduler.deliveries, scheduler.card_states, scheduler.learner_enrollments');
      }
      if ((index + 1) % 10 === 0) {
        console.log(
          `seeding: ${index + 1}/${days.length} workdays planned and done (${plannedTotal} deliveries planned, ` +
            `${completedTotal} lessons completed; ${plannerSeconds.toFixed(0)} s in the planner, ` +
            `${completingSeconds.toFixed(0)} s completing, ${((Date.now() - phaseStarted) / 1000).toFixed(0)} s in all)`,
        );
      }
    }
    endPhase(`${HISTORY_WORKDAYS} workdays of history`);

    // Today: the 20-lesson track, and the reviews due.
    await setClock(`${today}${DAILY_INSTANT}`);
    for (let site = 0; site < SITES; site++) {
      await gql(adminToken, 'mutation($c: ID!, $t: ID!) { enrollCohort(cohortId: $c, trackId: $t) { id } }', {
        c: cohortIds[site],
        t: currentTrackId,
      });
    }
    await waitFor(
      'learner enrollments of the current track',
      async () =>
        (await count(`SELECT count(*) FROM scheduler.learner_enrollments WHERE organization_id = $1`, [
          organizationId,
        ])) ===
        2 * everyone,
    );
    await runPlanner();
    const nowSql = `(now() + make_interval(secs => ${clockOffsetMs / 1000}))`;
    const { rows: dayShape } = await owner.query(
      `SELECT c.location, lessons, reviews, count(*)::int AS people
       FROM (SELECT p.person_id,
                    count(d.id) FILTER (WHERE d.kind = 'LESSON')::int AS lessons,
                    count(d.id) FILTER (WHERE d.kind = 'REVIEW')::int AS reviews
             FROM scheduler.people p
             LEFT JOIN scheduler.deliveries d ON d.person_id = p.person_id
               AND d.local_date = (${nowSql} AT TIME ZONE p.timezone)::date
             WHERE p.organization_id = $1 AND p.role <> 'ADMIN' GROUP BY p.person_id) x
       JOIN cohorts.people c ON c.id = x.person_id
       GROUP BY c.location, lessons, reviews ORDER BY c.location, lessons, reviews`,
      [organizationId],
    );
    for (const shape of dayShape as { location: string; lessons: number; reviews: number; people: number }[]) {
      const site = Number(shape.location.replace('Site ', ''));
      if (shape.lessons !== 1 || shape.reviews !== site) {
        throw new Error(`today is not as seeded: ${JSON.stringify(dayShape)}`);
      }
    }
    const plannedToday = dayShape.reduce((sum, shape) => sum + shape.people * (shape.lessons + shape.reviews), 0);
    endPhase('today planned');

    // People, tokens and the API client.
    const { rows: people } = (await owner.query(
      `SELECT id, email, role FROM cohorts.people WHERE organization_id = $1`,
      [organizationId],
    )) as { rows: { id: string; email: string; role: Role }[] };
    const byEmail = new Map(people.map((person) => [person.email, person]));
    const { privateKeyPem } = loadOrCreateLocalSigningKey(keyFile);
    const tokenOf = (person: { id: string; role: Role }) =>
      issueAccessToken(
        privateKeyPem,
        { organizationId, personId: person.id, role: person.role },
        { ...LOCAL_TOKEN_AUDIENCE, expiresInSeconds: 12 * 3600 },
      );
    const learnerOf = (index: number) => byEmail.get(learnerEmail(index)) as { id: string; role: Role };
    const leaderOf = (index: number) => byEmail.get(leaderEmail(index)) as { id: string; role: Role };
    // Today's sample: learners of the second half of the teams, one a team, the same number in each site.
    const todaySample: { site: number; person: { id: string; role: Role }; token: string }[] = [];
    const firstTeam = Math.floor(LEARNERS / TEAM_SIZE / 2);
    for (let team = firstTeam; team < Math.floor(LEARNERS / TEAM_SIZE); team++) {
      const site = team % SITES;
      if (todaySample.filter((entry) => entry.site === site).length >= TODAY_SAMPLE_PER_SITE) continue;
      const person = learnerOf(team * TEAM_SIZE + (team % TEAM_SIZE));
      todaySample.push({ site, person, token: tokenOf(person) });
    }
    // One token minted by the CLI itself stands in the checks beside the ones signed here.
    const cliToken = /^token: (\S+)$/m.exec(
      await tendStack.runServiceCommand(
        'cohorts',
        ['token', '--org', organizationId, '--email', learnerEmail(firstTeam * TEAM_SIZE + (firstTeam % TEAM_SIZE))],
        cliEnv,
      ),
    )?.[1];
    if (!cliToken) throw new Error('cohorts token printed no token');
    todaySample[0].token = cliToken;
    const teamLeaders = Array.from({ length: Math.min(TEAM_SAMPLE, Math.floor(LEARNERS / TEAM_SIZE)) }, (_, index) => {
      const person = leaderOf(index);
      return { person, token: tokenOf(person) };
    });
    const apiClient = (await gql(
      adminToken,
      'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id key } }',
      { input: { name: 'Bench LMS', scopes: ['content:read', 'progress:read'] } },
    )) as { createApiClient: { key: string } };
    const apiKey = apiClient.createApiClient.key;

    // Half the measured leaders' reports rate today's reviews through the API, so their recall is not null.
    const { rows: toRate } = (await owner.query(
      `SELECT d.id, d.person_id FROM scheduler.deliveries d JOIN cohorts.people p ON p.id = d.person_id
       WHERE d.organization_id = $1 AND d.kind = 'REVIEW' AND d.status = 'SENT' AND p.leader_id = ANY($2::uuid[])`,
      [organizationId, teamLeaders.slice(0, Math.ceil(teamLeaders.length / 2)).map((leader) => leader.person.id)],
    )) as { rows: { id: string; person_id: string }[] };
    const roles = new Map(people.map((person) => [person.id, person.role]));
    const ratings = ['GOOD', 'GOOD', 'GOOD', 'AGAIN', 'EASY', 'GOOD', 'HARD'];
    for (let next = 0; next < toRate.length; next += 8) {
      await Promise.all(
        toRate
          .slice(next, next + 8)
          .map((review, offset) =>
            gql(
              tokenOf({ id: review.person_id, role: roles.get(review.person_id) as Role }),
              'mutation($d: ID!, $r: ReviewRating!) { reviewCard(deliveryId: $d, rating: $r) { id status } }',
              { d: review.id, r: ratings[(next + offset) % ratings.length] },
            ),
          ),
      );
    }
    endPhase('tokens and review ratings');
    // Fresh statistics after the bulk seeding, as autovacuum would have them on a server in use.
    await owner.query('ANALYZE');
    endPhase('ANALYZE');
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const [deliveryCount] = (
      await owner.query(`SELECT count(*)::int AS count FROM scheduler.deliveries WHERE organization_id = $1`, [
        organizationId,
      ])
    ).rows as { count: number }[];
    console.log(
      `seeded in ${seedSeconds.toFixed(0)} s (${Object.entries(phase)
        .map(([label, seconds]) => `${label} ${seconds.toFixed(0)} s`)
        .join(', ')}): ${LEARNERS} learners and ${LEADERS} leaders in ${SITES} sites, ` +
        `${HISTORY_WORKDAYS} workdays of history (${completedTotal} lessons completed), ${deliveryCount.count} deliveries; ` +
        `today ${today}: ${plannedToday} lessons and reviews (one lesson each, 0-3 due reviews by site), ${toRate.length} reviews rated through the API`,
    );

    // The bare baseline, in a child process of its own.
    const bareProcess = spawn(process.execPath, ['-r', 'tsconfig-paths/register', __filename, '--bare-server'], {
      env: {
        ...process.env,
        BARE_DATABASE_URL: serviceUrl,
        BARE_ORGANIZATION_ID: organizationId,
        BARE_CLOCK_OFFSET_MS: String(clockOffsetMs),
        BARE_KEY_FILE: keyFile,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    bare = bareProcess;
    const bareAddress = await new Promise<string>((done, fail) => {
      let output = '';
      bareProcess.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const address = /bare listening (\S+)/.exec(output)?.[1];
        if (address) done(address);
      });
      bareProcess.once('exit', (code) => fail(new Error(`the bare server exited (${code})`)));
    });
    const bareUrl = `${bareAddress}/graphql`;

    // Checks before any load: the API answers the sample as seeded, and the baseline answers the same.
    const streaks: number[] = [];
    for (const entry of todaySample) {
      const data = (await gql(entry.token, TODAY_QUERY)) as {
        today: {
          date: string;
          streak: number;
          items: { kind: string; lesson: { title: string } | null; card: { front: string } | null }[];
        };
      };
      const items = data.today.items;
      const lessons = items.filter((item) => item.kind === 'LESSON' && item.lesson?.title);
      const reviews = items.filter((item) => item.kind === 'REVIEW' && item.card?.front && item.lesson?.title);
      if (data.today.date !== today || lessons.length !== 1 || reviews.length !== entry.site) {
        throw new Error(
          `today of a site-${entry.site} learner is not as seeded: ${JSON.stringify(data).slice(0, 800)}`,
        );
      }
      streaks.push(data.today.streak);
    }
    streaks.sort((a, b) => a - b);
    const compare = async (label: string, token: string, query: string, variables?: Record<string, unknown>) => {
      const [api, baseline] = await Promise.all([
        post(stack.graphqlUrl, bearer(token), query, variables),
        post(bareUrl, bearer(token), query, variables),
      ]);
      const [a, b] = [canonical(api), canonical(baseline)];
      if (a !== b) {
        console.log(`  note: the baseline's ${label} differs from the API's: ${firstDifference(a, b)}`);
        return false;
      }
      return true;
    };
    let same = 0;
    const compared = todaySample.filter((_, index) => index % 10 === 0);
    for (const entry of compared) if (await compare('today', entry.token, TODAY_QUERY)) same++;
    const subgraphPrincipal = (entry: { person: { id: string; role: Role } }): PersonPrincipal => ({
      kind: 'person',
      organizationId,
      personId: entry.person.id,
      role: entry.person.role,
    });
    const subgraphUrl = `${stack.urls.scheduler}/graphql`;
    const viaSubgraph = (await post(
      subgraphUrl,
      signer.sign(subgraphPrincipal(todaySample[1])),
      SUBGRAPH_TODAY_QUERY,
    )) as {
      today: { items: { kind: string; lesson: { id: string } | null; card: { id: string } | null }[] };
    };
    const subgraphItems = viaSubgraph.today.items;
    if (
      subgraphItems.filter((item) => item.kind === 'LESSON' && item.lesson).length !== 1 ||
      subgraphItems.filter((item) => item.kind === 'REVIEW' && item.card).length !== todaySample[1].site
    ) {
      throw new Error(`today at the scheduler: ${JSON.stringify(viaSubgraph).slice(0, 500)}`);
    }
    const trackOf = async (credential: string) =>
      (await post(stack.graphqlUrl, bearer(credential), TRACK_QUERY, { id: currentTrackId })) as {
        track: { lessons: { questions: unknown[]; reviewCards: unknown[] }[] };
      };
    for (const credential of [adminToken, apiKey]) {
      const { track } = await trackOf(credential);
      if (track.lessons.length !== TRACK_LESSONS || !track.lessons.some((lesson) => lesson.questions.length > 0)) {
        throw new Error(`track(id): ${JSON.stringify(track).slice(0, 500)}`);
      }
    }
    if (await compare('track', adminToken, TRACK_QUERY, { id: currentTrackId })) same++;
    for (const leader of teamLeaders.slice(0, 5)) {
      const data = (await gql(leader.token, MY_TEAM_QUERY)) as {
        myTeam: { edges: { node: { streak: number | null; reviewRecall: number | null; currentLesson: unknown } }[] };
      };
      const nodes = data.myTeam.edges.map((edge) => edge.node);
      if (nodes.length !== TEAM_SIZE || nodes.some((node) => node.streak === null || !node.currentLesson)) {
        throw new Error(`myTeam: ${JSON.stringify(data).slice(0, 800)}`);
      }
      if (await compare('myTeam', leader.token, MY_TEAM_QUERY)) same++;
    }
    const comparedCount = compared.length + 1 + Math.min(5, teamLeaders.length);
    console.log(
      `checks: ${todaySample.length} learners' today as seeded (streaks ${streaks[0]}-${streaks[streaks.length - 1]}, ` +
        `median ${streaks[Math.floor(streaks.length / 2)]}), track and myTeam well formed; ` +
        `${same}/${comparedCount} sampled answers of the baseline identical to the API's`,
    );

    if (process.argv.includes('--explain')) {
      // The baseline's plans, as the service login with the organization set, for an engineer tuning either side.
      const explainer = new Client({ connectionString: serviceUrl });
      await explainer.connect();
      await explainer.query(`SELECT set_config('tend.organization_id', $1, false)`, [organizationId]);
      const at = new Date(Date.now() + clockOffsetMs);
      for (const [label, sql, parameters] of [
        ['today', BARE_TODAY_SQL, [organizationId, todaySample[todaySample.length - 1].person.id, at]],
        ['track', BARE_TRACK_SQL, [organizationId, currentTrackId]],
        [
          'myTeam',
          BARE_MY_TEAM_SQL,
          [organizationId, teamLeaders[0].person.id, at, new Date(at.getTime() - 28 * 86_400_000), 20],
        ],
      ] as const) {
        const { rows: plan } = await explainer.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [...parameters]);
        console.log(
          `plan of the baseline's ${label}:\n${plan.map((row: Record<string, string>) => `    ${row['QUERY PLAN']}`).join('\n')}`,
        );
      }
      await explainer.end();
    }

    if (process.argv.includes('--hold')) {
      // The seeded stack kept up for an engineer to profile or query by hand; Ctrl-C ends the run.
      console.log(
        `holding the seeded stack: gateway ${stack.graphqlUrl}, bare ${bareUrl}, database ${serviceUrl} (service login), ${databaseUrl} (owner)\n` +
          `  learner with 3 due reviews: ${todaySample.find((entry) => entry.site === 3)?.token}\n` +
          `  leader: ${teamLeaders[0].token}\n  admin: ${adminToken}\n  API key: ${apiKey}\n  track id: ${currentTrackId}`,
      );
      await new Promise<void>((done) => process.once('SIGINT', () => done()));
      return;
    }

    // 1. today.
    const todayBody = JSON.stringify({ query: TODAY_QUERY });
    let turn = 0;
    const rotating = (tokens: string[], body: string) => () => ({
      headers: bearer(tokens[turn++ % tokens.length]),
      body,
    });
    const sampleTokens = todaySample.map((entry) => entry.token);
    const todayApi = await withStatementTimes(owner, serviceUser, 'today via gateway', () =>
      measure(
        'today via gateway',
        { url: stack.graphqlUrl, connections: CONNECTIONS, next: rotating(sampleTokens, todayBody) },
        failures,
      ),
    );
    const todayBare = await measure(
      'bare today',
      { url: bareUrl, connections: CONNECTIONS, next: rotating(sampleTokens, todayBody) },
      failures,
    );
    const subgraphBody = JSON.stringify({ query: SUBGRAPH_TODAY_QUERY });
    const todaySubgraph = await measure(
      'today at the scheduler',
      {
        url: subgraphUrl,
        connections: CONNECTIONS,
        next: () => ({
          headers: signer.sign(subgraphPrincipal(todaySample[turn++ % todaySample.length])),
          body: subgraphBody,
        }),
      },
      failures,
    );
    const todayShare = pct(todayApi.perSecond, todayBare.perSecond);
    console.log(
      `today via gateway, ${CONNECTIONS} conn: ${fmt(todayApi.perSecond)} req/s, p50 ${fmt(todayApi.p50, 1)} ms, p99 ${fmt(todayApi.p99, 1)} ms${refusals(todayApi)}` +
        ` | bare: ${fmt(todayBare.perSecond)} req/s, p50 ${fmt(todayBare.p50, 1)} ms, p99 ${fmt(todayBare.p99, 1)} ms` +
        ` | share ${fmt(todayShare)}% (goal >= 40%, p99 < 70 ms)`,
    );
    rows.push({
      figure: `today via gateway, ${CONNECTIONS} conn`,
      tend: `${fmt(todayApi.perSecond)} req/s, p99 ${fmt(todayApi.p99, 1)} ms${refusals(todayApi)}`,
      bare: `${fmt(todayBare.perSecond)} req/s, p99 ${fmt(todayBare.p99, 1)} ms`,
      share: `${fmt(todayShare)}%`,
      goal: '>= 40%, p99 < 70 ms',
      met: todayShare >= 40 && todayApi.p99 < 70 && refusedNone(todayApi),
    });
    const subgraphShare = pct(todaySubgraph.perSecond, todayBare.perSecond);
    console.log(
      `today at the scheduler subgraph, ${CONNECTIONS} conn: ${fmt(todaySubgraph.perSecond)} req/s, p50 ${fmt(todaySubgraph.p50, 1)} ms, ` +
        `p99 ${fmt(todaySubgraph.p99, 1)} ms${refusals(todaySubgraph)} | bare: ${fmt(todayBare.perSecond)} req/s | share ${fmt(subgraphShare)}% (goal >= 60%)`,
    );
    rows.push({
      figure: `today at the scheduler subgraph, ${CONNECTIONS} conn`,
      tend: `${fmt(todaySubgraph.perSecond)} req/s, p99 ${fmt(todaySubgraph.p99, 1)} ms`,
      bare: `${fmt(todayBare.perSecond)} req/s`,
      share: `${fmt(subgraphShare)}%`,
      goal: '>= 60%',
      met: subgraphShare >= 60 && refusedNone(todaySubgraph),
    });

    // 2. track(id).
    const trackBody = JSON.stringify({ query: TRACK_QUERY, variables: { id: currentTrackId } });
    const trackAdmin = await withStatementTimes(owner, serviceUser, 'track as admin', () =>
      measure(
        'track as admin',
        { url: stack.graphqlUrl, connections: CONNECTIONS, next: rotating([adminToken], trackBody) },
        failures,
      ),
    );
    const trackClient = await measure(
      'track as API client',
      { url: stack.graphqlUrl, connections: CONNECTIONS, next: rotating([apiKey], trackBody) },
      failures,
    );
    const trackBare = await measure(
      'bare track',
      { url: bareUrl, connections: CONNECTIONS, next: rotating([adminToken], trackBody) },
      failures,
    );
    for (const [who, result] of [
      ['an admin', trackAdmin],
      ['an API client', trackClient],
    ] as const) {
      const share = pct(result.perSecond, trackBare.perSecond);
      console.log(
        `track(id) with ${TRACK_LESSONS} lessons as ${who}, ${CONNECTIONS} conn: ${fmt(result.perSecond)} req/s, p50 ${fmt(result.p50, 1)} ms, ` +
          `p99 ${fmt(result.p99, 1)} ms${refusals(result)} | bare: ${fmt(trackBare.perSecond)} req/s, p99 ${fmt(trackBare.p99, 1)} ms | share ${fmt(share)}% (goal >= 30%)`,
      );
      rows.push({
        figure: `track(id), ${TRACK_LESSONS} lessons, as ${who}`,
        tend: `${fmt(result.perSecond)} req/s, p99 ${fmt(result.p99, 1)} ms${refusals(result)}`,
        bare: `${fmt(trackBare.perSecond)} req/s, p99 ${fmt(trackBare.p99, 1)} ms`,
        share: `${fmt(share)}%`,
        goal: '>= 30%',
        met: share >= 30 && refusedNone(result),
      });
    }

    // 3. myTeam.
    const teamBody = JSON.stringify({ query: MY_TEAM_QUERY });
    const leaderTokens = teamLeaders.map((leader) => leader.token);
    const teamApi = await withStatementTimes(owner, serviceUser, 'myTeam', () =>
      measure(
        'myTeam',
        { url: stack.graphqlUrl, connections: CONNECTIONS, next: rotating(leaderTokens, teamBody) },
        failures,
      ),
    );
    const teamBare = await measure(
      'bare myTeam',
      { url: bareUrl, connections: CONNECTIONS, next: rotating(leaderTokens, teamBody) },
      failures,
    );
    const teamShare = pct(teamApi.perSecond, teamBare.perSecond);
    console.log(
      `myTeam of a leader with ${TEAM_SIZE} reports and their progress, ${CONNECTIONS} conn: ${fmt(teamApi.perSecond)} req/s, ` +
        `p50 ${fmt(teamApi.p50, 1)} ms, p99 ${fmt(teamApi.p99, 1)} ms${refusals(teamApi)} | bare: ${fmt(teamBare.perSecond)} req/s, ` +
        `p99 ${fmt(teamBare.p99, 1)} ms | share ${fmt(teamShare)}% (goal >= 25%)`,
    );
    rows.push({
      figure: `myTeam, ${TEAM_SIZE} reports with progress`,
      tend: `${fmt(teamApi.perSecond)} req/s, p99 ${fmt(teamApi.p99, 1)} ms${refusals(teamApi)}`,
      bare: `${fmt(teamBare.perSecond)} req/s, p99 ${fmt(teamBare.p99, 1)} ms`,
      share: `${fmt(teamShare)}%`,
      goal: '>= 25%',
      met: teamShare >= 25 && refusedNone(teamApi),
    });

    // 4. Postgres round trips per today, from pg_stat_statements: every statement of every service
    // (they all connect as the service login) in the window, BEGIN/COMMIT/set_config included.
    if (statementsAvailable) {
      const totals = async () =>
        Number(
          (
            await owner.query(
              `SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements
               WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                 AND userid = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
              [serviceUser],
            )
          ).rows[0].calls,
        );
      await owner.query('SELECT pg_stat_statements_reset()');
      const idleStarted = Date.now();
      await sleep(5000);
      const background = (await totals()) / ((Date.now() - idleStarted) / 1000);
      for (const site of [0, 3]) {
        const tokens = todaySample.filter((entry) => entry.site === site).map((entry) => entry.token);
        await owner.query('SELECT pg_stat_statements_reset()');
        const windowStarted = Date.now();
        for (let request = 0; request < SEQUENTIAL_TODAYS; request++)
          await gql(tokens[request % tokens.length], TODAY_QUERY);
        const seconds = (Date.now() - windowStarted) / 1000;
        const raw = await totals();
        const { rows: top } = await owner.query(
          `SELECT calls::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 150) AS query FROM pg_stat_statements
           WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND userid = (SELECT oid FROM pg_roles WHERE rolname = $1)
           ORDER BY calls DESC LIMIT 8`,
          [serviceUser],
        );
        const perRequest = (raw - background * seconds) / SEQUENTIAL_TODAYS;
        console.log(
          `Postgres statements per today (pg_stat_statements, all services), ${site} due reviews: ${fmt(perRequest, 2)} per request ` +
            `(${raw} in ${SEQUENTIAL_TODAYS} sequential requests over ${fmt(seconds, 1)} s, less ~${fmt(background * seconds)} ` +
            `background statements at the idle rate of ${fmt(background, 1)}/s) (goal <= 3)`,
        );
        for (const statement of top as { calls: number; query: string }[]) {
          console.log(`    ${String(statement.calls).padStart(6)}  ${statement.query}`);
        }
        rows.push({
          figure: `Postgres round trips per today, ${site} due reviews`,
          tend: fmt(perRequest, 2),
          bare: '1',
          share: '',
          goal: '<= 3',
          met: perRequest <= 3,
        });
      }
    }

    // 5. A burst of 300 connections on today.
    const burst = await runLoad({
      url: stack.graphqlUrl,
      connections: BURST_CONNECTIONS,
      seconds: BURST_SECONDS,
      timeoutSeconds: BURST_TIMEOUT_SECONDS,
      next: rotating(sampleTokens, todayBody),
    });
    const refused = burst.statuses['503'] ?? 0;
    const others = Object.entries(burst.statuses)
      .filter(([code]) => !code.startsWith('2') && code !== '503')
      .map(([code, n]) => `${n} x ${code}`);
    console.log(
      `burst of ${BURST_CONNECTIONS} conn on today for ${BURST_SECONDS} s (timeout ${BURST_TIMEOUT_SECONDS} s): ` +
        `${burst.answered} answered (${fmt(burst.perSecond)} req/s, p50 ${fmt(burst.p50, 1)} ms, p99 ${fmt(burst.p99, 1)} ms), ` +
        `${refused} refused with 503 (${burst.retryAfter503} with Retry-After, p99 ${fmt(burst.refusedP99, 1)} ms), ` +
        `${burst.timeouts} timeouts, ${burst.connectionErrors} connection errors, ${burst.graphqlErrors} GraphQL errors` +
        `${others.length ? `, other statuses: ${others.join(', ')}` : ''} (goal: no timeout, answered p99 < 250 ms, refusals 503 + Retry-After)`,
    );
    if (burst.errorSamples.length) console.log(`    e.g. ${burst.errorSamples.join(' | ')}`);
    rows.push({
      figure: `burst, ${BURST_CONNECTIONS} conn on today for ${BURST_SECONDS} s`,
      tend: `${burst.answered} answered (p99 ${fmt(burst.p99, 1)} ms), ${refused} x 503 (${burst.retryAfter503} with Retry-After), ${burst.timeouts} timeouts`,
      bare: '',
      share: '',
      goal: 'no timeout, p99 < 250 ms, else 503 + Retry-After',
      met:
        burst.timeouts === 0 &&
        burst.connectionErrors === 0 &&
        burst.graphqlErrors === 0 &&
        others.length === 0 &&
        burst.retryAfter503 === refused &&
        burst.p99 < 250,
    });

    // 6. completeLesson on distinct open deliveries: today's lessons and the days learners skipped.
    const { rows: open } = (await owner.query(
      `SELECT d.id, d.person_id, p.role, tl.kind, jsonb_array_length(tl.questions)::int AS questions,
              (SELECT array_agg((q->>'correctIndex')::int) FROM jsonb_array_elements(tl.questions) q) AS key
       FROM scheduler.deliveries d
       JOIN cohorts.people p ON p.id = d.person_id
       JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
       JOIN scheduler.track_lessons tl ON tl.track_id = e.track_id AND tl.version = e.track_version AND tl.lesson_id = d.lesson_id
       WHERE d.organization_id = $1 AND d.kind = 'LESSON' AND d.status IN ('SENT', 'SCHEDULED')
       ORDER BY md5(d.id::text)`,
      [organizationId],
    )) as { rows: { id: string; person_id: string; role: Role; kind: string; key: number[] | null }[] };
    const tokens = new Map<string, string>();
    const completions = open.map((delivery, index) => {
      let token = tokens.get(delivery.person_id);
      if (!token) {
        token = tokenOf({ id: delivery.person_id, role: delivery.role });
        tokens.set(delivery.person_id, token);
      }
      const input =
        delivery.kind === 'QUIZ' || delivery.kind === 'SCENARIO'
          ? {
              answers: (delivery.key ?? []).map((correct, question) =>
                (index + question) % 5 === 0 ? (correct + 1) % 3 : correct,
              ),
            }
          : delivery.kind === 'REFLECTION'
            ? { reflection: 'I will look up and greet every customer within ten seconds.' }
            : {};
      return {
        headers: bearer(token),
        body: JSON.stringify({ query: COMPLETE_MUTATION, variables: { d: delivery.id, input } }),
      };
    });
    const openIds = open.map((delivery) => delivery.id);
    await owner.query(`CREATE TABLE public.bench_open_deliveries AS
      SELECT id, status, answers, reflection, correct, total, completed_at, updated_at FROM scheduler.deliveries WITH NO DATA`);
    await owner.query(
      `INSERT INTO public.bench_open_deliveries
       SELECT id, status, answers, reflection, correct, total, completed_at, updated_at FROM scheduler.deliveries
       WHERE organization_id = $1 AND (id = ANY($2::uuid[]) OR reminder_of = ANY($2::uuid[]))`,
      [organizationId, openIds],
    );
    const completeRun = async (label: string, target: string) => {
      let cursor = 0;
      const next = () => completions[Math.min(cursor++, completions.length - 1)];
      const margin = 4 * CONNECTIONS;
      const warmAmount = Math.floor(completions.length / 10);
      const warm = await runLoad({
        url: target,
        connections: CONNECTIONS,
        seconds: WARMUP_SECONDS,
        amount: warmAmount,
        next,
      });
      cursor = Math.max(cursor, warmAmount);
      const left = completions.length - cursor - margin;
      const result = await runLoad({
        url: target,
        connections: CONNECTIONS,
        seconds: LOAD_SECONDS,
        amount: left,
        next,
      });
      for (const run of [warm, result]) {
        const bad = run.non2xx - (run.statuses['503'] ?? 0) + run.graphqlErrors + run.timeouts + run.connectionErrors;
        if (bad > 0) {
          const line = `${label}: ${run.non2xx} non-2xx, ${run.graphqlErrors} GraphQL errors, ${run.timeouts} timeouts; e.g. ${run.errorSamples.join(' | ')}`;
          failures.push(line);
          console.log(`  FAILED RESPONSES: ${line}`);
        }
      }
      return result;
    };
    const completeApi = await completeRun('completeLesson', stack.graphqlUrl);
    // The baseline gets the same deliveries, open again as they were.
    await owner.query(`UPDATE scheduler.deliveries d
      SET status = s.status, answers = s.answers, reflection = s.reflection, correct = s.correct, total = s.total,
          completed_at = s.completed_at, updated_at = s.updated_at
      FROM public.bench_open_deliveries s WHERE d.id = s.id`);
    const completeBare = await completeRun('bare completeLesson', bareUrl);
    const completeShare = pct(completeApi.perSecond, completeBare.perSecond);
    console.log(
      `completeLesson on distinct open deliveries (pool of ${completions.length}), ${CONNECTIONS} conn: ` +
        `${fmt(completeApi.perSecond)} req/s (${completeApi.answered} in ${fmt(completeApi.seconds, 1)} s), p50 ${fmt(completeApi.p50, 1)} ms, ` +
        `p99 ${fmt(completeApi.p99, 1)} ms${refusals(completeApi)} | bare, the same writes in one transaction: ${fmt(completeBare.perSecond)} req/s ` +
        `(${completeBare.answered} in ${fmt(completeBare.seconds, 1)} s), p99 ${fmt(completeBare.p99, 1)} ms | share ${fmt(completeShare)}% (goal >= 25%)`,
    );
    rows.push({
      figure: 'completeLesson, distinct open deliveries',
      tend: `${fmt(completeApi.perSecond)} req/s, p99 ${fmt(completeApi.p99, 1)} ms${refusals(completeApi)}`,
      bare: `${fmt(completeBare.perSecond)} req/s, p99 ${fmt(completeBare.p99, 1)} ms`,
      share: `${fmt(completeShare)}%`,
      goal: '>= 25%',
      met: completeShare >= 25 && refusedNone(completeApi),
    });

    // 7. Memory of each service after the run.
    const rss = started.processes.map((handle) => ({ app: handle.app, mb: vmRssMb(handle.child.pid) }));
    console.log(
      `RSS after the run: ${rss.map((entry) => `${entry.app} ${fmt(entry.mb)} MB`).join(', ')} | bare baseline ` +
        `${fmt(vmRssMb(bare.pid))} MB (goal < 200 MB each)`,
    );
    for (const entry of rss) {
      rows.push({
        figure: `RSS of ${entry.app} after the run`,
        tend: `${fmt(entry.mb)} MB`,
        bare: '',
        share: '',
        goal: '< 200 MB',
        met: entry.mb < 200,
      });
    }

    console.log('');
    console.log(`| figure | Tend | bare baseline | share | goal | met |`);
    console.log(`|---|---|---|---|---|---|`);
    for (const row of rows) {
      console.log(
        `| ${row.figure} | ${row.tend} | ${row.bare} | ${row.share} | ${row.goal} | ${row.met ? 'yes' : 'no'} |`,
      );
    }
    console.log('');
    console.log(
      `${rows.filter((row) => row.met).length} of ${rows.length} goals met; whole run ${fmt((Date.now() - runStarted) / 1000)} s ` +
        `(seeding ${fmt(seedSeconds)} s)`,
    );
    if (failures.length > 0) {
      throw new Error(`${failures.length} load run(s) had failed responses:\n${failures.join('\n')}`);
    }
  } finally {
    bare?.kill('SIGTERM');
    await stop();
    await owner.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(keyDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--bare-server')) {
  bareServer().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
