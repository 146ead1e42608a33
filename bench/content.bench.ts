// `npm run bench -- content`: 100 tracks of 20 lessons imported through the gateway (`importTrack`,
// one request and one transaction per track), and the `track(id)` query with its lessons under
// concurrent load, each beside bare Postgres doing the same work (the same rows in one transaction
// per track, one multi-row INSERT per table; plain SELECTs of the same track) in the same run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';

const TRACKS = 100;
const LESSONS = 20;
const AUTHORS = 4;
const READERS = 16;
const LOAD_SECONDS = 10;

const tendStack = require(resolve(__dirname, '../../tools/local-infra/tend-stack.cjs')) as {
  migrateAll(databaseUrl: string): Promise<void>;
  ensureServiceLogin(ownerUrl: string): Promise<string>;
  runServiceCommand(app: string, args: string[], env: Record<string, string>): Promise<string>;
  startStack(options: Record<string, unknown>): Promise<{ graphqlUrl: string; stop(): Promise<void> }>;
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

function lesson(track: number, index: number) {
  const quiz = index % 4 === 2;
  return {
    title: `Lesson ${index + 1} of track ${track}`,
    kind: quiz ? 'QUIZ' : 'READ',
    body: `Customers notice how they are greeted. ${'A short paragraph of reading. '.repeat(20)}`,
    minutes: 2,
    questions: quiz
      ? [
          {
            prompt: 'What do you do first?',
            choices: ['Greet them', 'Finish the call', 'Wait'],
            correctIndex: 0,
            choiceFeedback: [{ explanation: 'Seen.' }, { explanation: 'Unseen.' }, { explanation: 'Unseen.' }],
          },
        ]
      : [],
    reviewCards: [{ front: 'First thing to do?', back: 'Greet them.' }],
    leaderPrompt: 'Who greeted a customer well this week?',
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
}

/** Runs `workers` loops of `call` for `seconds`; requests per second and latency percentiles in ms. */
async function underLoad(workers: number, seconds: number, call: () => Promise<void>) {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < deadline) {
        const [, took] = await timed(call);
        latencies.push(took * 1000);
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))];
  return { perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!adminUrl || !redisUrl)
    throw new Error('BENCH_DATABASE_URL / BENCH_REDIS_URL are not set (run through npm run bench)');
  const name = `tend_bench_content_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const keyDir = mkdtempSync(join(tmpdir(), 'tend-bench-key-'));
  const keyFile = join(keyDir, 'local-signing-key.json');
  let stop = async () => undefined as void;
  try {
    await tendStack.migrateAll(databaseUrl);
    // The services connect as a login row-level security applies to, as in production.
    const serviceUrl = await tendStack.ensureServiceLogin(databaseUrl);
    const [gateway, content, cohorts, scheduler] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const stack = await tendStack.startStack({
      databaseUrl: serviceUrl,
      redisUrl,
      redisPrefix: `tend-bench-${Date.now()}`,
      signingSecret: randomBytes(32).toString('hex'),
      keyFile,
      ports: { gateway, content, cohorts, scheduler },
      logDir: join(keyDir, 'logs'),
      logLevel: 'warn',
      serviceEnv: { RATE_LIMIT_PER_MINUTE: '1000000' },
    });
    stop = stack.stop;
    const created = await tendStack.runServiceCommand(
      'cohorts',
      ['org', 'create', '--name', 'Bench', '--admin-email', 'hr@bench.example'],
      { DATABASE_URL: databaseUrl, TEND_LOCAL_KEY_FILE: keyFile },
    );
    const token = /^token: (\S+)$/m.exec(created)?.[1];
    if (!token) throw new Error(`unexpected output of org create: ${created}`);
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(stack.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
      return body.data;
    };

    const trackIds: string[] = [];
    const trackFile = (track: number) =>
      JSON.stringify({
        title: `Bench track ${track}`,
        tags: ['empathy'],
        lessons: Array.from({ length: LESSONS }, (_, index) => lesson(track, index)),
      });
    const author = async (track: number) => {
      const { importTrack } = await call('mutation($input: ImportTrackInput!) { importTrack(input: $input) { id } }', {
        input: { format: 'JSON', json: trackFile(track) },
      });
      trackIds.push(importTrack.id);
    };
    const [, authorSeconds] = await timed(async () => {
      for (let next = 0; next < TRACKS; next += AUTHORS) {
        await Promise.all(Array.from({ length: AUTHORS }, (_, offset) => author(next + offset)));
      }
    });
    for (const id of trackIds) await call('mutation($id: ID!) { publishTrack(id: $id) { id } }', { id });

    // Bare Postgres: the same rows on as many connections, without the API: per track one
    // transaction, one multi-row INSERT per table, as the import does.
    const pool = new Pool({ connectionString: databaseUrl, max: READERS });
    await pool.query(`CREATE TABLE bench_tracks (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text, tags text[]);
      CREATE TABLE bench_lessons (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), track_id uuid REFERENCES bench_tracks,
        position int, title text, kind text, body text, minutes int, leader_prompt text, UNIQUE (track_id, position));
      CREATE TABLE bench_questions (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), lesson_id uuid REFERENCES bench_lessons,
        position int, prompt text, choices text[], correct_index int, choice_feedback jsonb);
      CREATE TABLE bench_review_cards (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lesson_id uuid REFERENCES bench_lessons, position int, front text, back text)`);
    const bareImport = async (track: number) => {
      const rows = Array.from({ length: LESSONS }, (_, index) => lesson(track, index));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows: created } = await client.query(
          `INSERT INTO bench_tracks (title, tags) VALUES ($1, $2) RETURNING id`,
          [`Bench track ${track}`, ['empathy']],
        );
        const { rows: lessonIds } = await client.query(
          `INSERT INTO bench_lessons (track_id, position, title, kind, body, minutes, leader_prompt)
           SELECT $1, position, title, kind, body, minutes, leader_prompt
           FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
             AS t(position, title, kind, body, minutes, leader_prompt)
           RETURNING id`,
          [
            created[0].id,
            rows.map((_, index) => index + 1),
            rows.map((row) => row.title),
            rows.map((row) => row.kind),
            rows.map((row) => row.body),
            rows.map((row) => row.minutes),
            rows.map((row) => row.leaderPrompt),
          ],
        );
        const questions = rows.flatMap((row, index) =>
          row.questions.map((question) => ({ lessonId: lessonIds[index].id as string, ...question })),
        );
        await client.query(
          `INSERT INTO bench_questions (lesson_id, position, prompt, choices, correct_index, choice_feedback)
           SELECT lesson_id, 1, prompt, ARRAY(SELECT jsonb_array_elements_text(choices)), correct_index, choice_feedback
           FROM jsonb_to_recordset($1::jsonb)
             AS t(lesson_id uuid, prompt text, choices jsonb, correct_index int, choice_feedback jsonb)`,
          [
            JSON.stringify(
              questions.map((question) => ({
                lesson_id: question.lessonId,
                prompt: question.prompt,
                choices: question.choices,
                correct_index: question.correctIndex,
                choice_feedback: question.choiceFeedback,
              })),
            ),
          ],
        );
        await client.query(
          `INSERT INTO bench_review_cards (lesson_id, position, front, back)
           SELECT lesson_id, 1, front, back FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(lesson_id, front, back)`,
          [
            lessonIds.map((row) => row.id),
            rows.map((row) => row.reviewCards[0].front),
            rows.map((row) => row.reviewCards[0].back),
          ],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
    const [, bareInsertSeconds] = await timed(async () => {
      for (let next = 0; next < TRACKS; next += AUTHORS) {
        await Promise.all(Array.from({ length: AUTHORS }, (_, offset) => bareImport(next + offset)));
      }
    });
    const lessons = TRACKS * LESSONS;
    console.log(
      `import ${TRACKS} tracks x ${LESSONS} lessons through the gateway (importTrack): ` +
        `${(lessons / authorSeconds).toFixed(0)} lessons/s, ${(TRACKS / authorSeconds).toFixed(1)} tracks/s ` +
        `(${authorSeconds.toFixed(1)} s) | bare Postgres, one transaction per track: ` +
        `${(lessons / bareInsertSeconds).toFixed(0)} lessons/s, ${(TRACKS / bareInsertSeconds).toFixed(1)} tracks/s ` +
        `(${bareInsertSeconds.toFixed(2)} s)`,
    );

    const trackId = trackIds[0];
    const query = `query($id: ID!) { track(id: $id) { id title lessons { id title kind body minutes
      questions { prompt choices } reviewCards { front back } leaderPrompt } } }`;
    const api = await underLoad(READERS, LOAD_SECONDS, async () => {
      const data = await call(query, { id: trackId });
      if (!data.track) throw new Error('no track');
    });
    const bare = await underLoad(READERS, LOAD_SECONDS, async () => {
      await pool.query('SELECT * FROM content.tracks WHERE id = $1', [trackId]);
      const { rows } = await pool.query('SELECT * FROM content.lessons WHERE track_id = $1 ORDER BY position', [
        trackId,
      ]);
      const ids = rows.map((row: { id: string }) => row.id);
      await pool.query('SELECT * FROM content.questions WHERE lesson_id = ANY($1) ORDER BY position', [ids]);
      await pool.query('SELECT * FROM content.review_cards WHERE lesson_id = ANY($1) ORDER BY position', [ids]);
    });
    console.log(
      `track(id) with ${LESSONS} lessons, ${READERS} concurrent clients for ${LOAD_SECONDS} s: ${api.perSecond.toFixed(0)} req/s, ` +
        `p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms | bare Postgres SELECTs of the same track: ` +
        `${bare.perSecond.toFixed(0)} req/s, p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms`,
    );
    await pool.end();
  } finally {
    await stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(keyDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
