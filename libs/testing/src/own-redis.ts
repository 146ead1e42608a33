import { resolve } from 'node:path';
import { freePort } from './test-infrastructure';

// Plain CommonJS shared with `npm test` and `npm run demo`, which start their Redis with it too.
const localRedis = require(resolve(__dirname, '../../../tools/local-infra/redis.cjs')) as {
  startLocalRedis(options: {
    port: number;
    log(message: string): void;
  }): Promise<{ url: string; stop(): Promise<void> }>;
};

export interface OwnRedis {
  url: string;
  /** Stops the server; with nothing on disk, what it held is gone. */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port, as a restarted Redis without persistence comes back. */
  start(): Promise<void>;
}

/** A redis-server of the test's own, for faults that must not touch the Redis other test files share. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const start = () => localRedis.startLocalRedis({ port, log: () => undefined });
  let server = await start();
  return {
    url: server.url,
    stop: () => server.stop(),
    start: async () => {
      server = await start();
    },
  };
}
