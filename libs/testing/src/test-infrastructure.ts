import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';

/**
 * Postgres and Redis for tests: `npm test` starts them (or takes TEST_DATABASE_URL /
 * TEST_REDIS_URL) and passes them down; a bare `npx jest` falls back to the local services.
 */
export const testDatabaseAdminUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = (): string => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file, so files never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testDatabaseAdminUrl();
  const name = `tend_test_${uniqueSuffix()}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Ports a Jest worker may hand out: each worker draws from its own block, so
 * two test files running at once never pick the same port between the moment
 * it is found free and the moment a service binds it.
 */
const PORTS_PER_WORKER = 2000;

/**
 * Where in its block this process hands out the next port: in turn from a
 * random start, so the services of one stack, asked for at once, never get the
 * same port, and a worker's next test file starts elsewhere in the block.
 */
let nextOffset = Math.floor(Math.random() * PORTS_PER_WORKER);

/** `TEST_PORT_BASE` moves the blocks, so two checkouts can run their suites side by side. */
export async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID ?? 0);
  if (!worker) return bindable(0);
  const first = Number(process.env.TEST_PORT_BASE ?? 20_000) + (worker - 1) * PORTS_PER_WORKER;
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = first + (nextOffset++ % PORTS_PER_WORKER);
    const port = await bindable(candidate).catch(() => undefined);
    if (port) return port;
  }
  throw new Error(`no free port between ${first} and ${first + PORTS_PER_WORKER}`);
}

/** Binds and releases `port` on 127.0.0.1 (0: any), resolving with the port that was free. */
function bindable(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}
