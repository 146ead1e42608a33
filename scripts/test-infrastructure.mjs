// The Postgres and Redis that specs run against, for `npm test` and `npm run supergraph`:
// TEST_DATABASE_URL / TEST_REDIS_URL when set, else an embedded Postgres and a local Redis started here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Resolves with the URLs and a `stop()` that ends whatever this started, in reverse order. */
export async function startTestInfrastructure() {
  const { startEmbeddedPostgres } = await import('../tools/local-infra/postgres.mjs');
  const { startLocalRedis } = await import('../tools/local-infra/redis.cjs');
  const stops = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tend-test-pg-'));
    const postgres = await startEmbeddedPostgres({ dataDir, persistent: false });
    stops.push(async () => {
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    databaseUrl = postgres.url;
    console.log(`\n== started embedded Postgres at ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis();
    stops.push(redis.stop);
    redisUrl = redis.url;
    console.log(`== started Redis at ${redisUrl}`);
  }
  return { databaseUrl, redisUrl, stop };
}
