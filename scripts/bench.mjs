// `npm run bench -- <name>`: builds, starts Postgres and Redis (unless BENCH_DATABASE_URL /
// BENCH_REDIS_URL name running ones) and runs bench/<name>.bench.ts from dist/. Each benchmark
// prints one line per figure with the baseline it measured in the same run beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, ensureDependencies, ROOT } from './workspace.mjs';

const available = readdirSync(join(ROOT, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [options]\nbenchmarks: ${available.join(', ') || '(none yet)'}`);
  process.exit(2);
}

ensureDependencies();
if (!build()) process.exit(1);
const entry = join(ROOT, 'dist', 'bench', `${name}.bench.js`);
if (!existsSync(entry)) {
  console.error(`${entry} is missing after the build`);
  process.exit(1);
}

const { startEmbeddedPostgres } = await import('../tools/local-infra/postgres.mjs');
const { startLocalRedis } = await import('../tools/local-infra/redis.cjs');
/**
 * The benchmarks' data sets (a million learners' rows and indexes) outgrow Postgres's stock 128 MB
 * of shared buffers and 1 GB of WAL between checkpoints; a server that holds them is given memory,
 * as here: a quarter of this machine's, the usual starting point.
 */
const BENCH_POSTGRES_SETTINGS = {
  shared_buffers: '4GB',
  max_wal_size: '16GB',
  checkpoint_timeout: '30min',
  // `api` counts the statements each request costs (CREATE EXTENSION pg_stat_statements in its database).
  shared_preload_libraries: 'pg_stat_statements',
};
const stops = [];
async function stopAll() {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}
process.on('SIGINT', () => stopAll().then(() => process.exit(130)));

let databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tend-bench-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir, persistent: false, settings: BENCH_POSTGRES_SETTINGS });
  stops.push(async () => {
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  databaseUrl = postgres.url;
}
let redisUrl = process.env.BENCH_REDIS_URL;
if (!redisUrl) {
  const redis = await startLocalRedis();
  stops.push(redis.stop);
  redisUrl = redis.url;
}

const status = spawnSync(process.execPath, ['--expose-gc', '-r', 'tsconfig-paths/register', entry, ...args], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    TS_NODE_PROJECT: join(ROOT, 'tsconfig.runtime.json'),
    BENCH_DATABASE_URL: databaseUrl,
    BENCH_REDIS_URL: redisUrl,
  },
}).status;
await stopAll();
process.exit(status ?? 1);
