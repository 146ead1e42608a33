import Fastify, { FastifyInstance } from 'fastify';
import { LoadSheddingLimits, shedLoad } from './load-shedding';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the event loop busy in 80 ms stretches, letting it turn between them, until stopped. */
function lagEventLoop(): () => Promise<void> {
  let lagging = true;
  const done = (async () => {
    while (lagging) {
      const until = Date.now() + 80;
      while (Date.now() < until) {
        // busy
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return () => {
    lagging = false;
    return done;
  };
}

describe('load shedding on the event loop', () => {
  let fastify: FastifyInstance;
  let url: string;

  const start = async (limits: LoadSheddingLimits) => {
    fastify = Fastify();
    await shedLoad(fastify, limits);
    fastify.post('/graphql', async () => ({ data: { ok: true } }));
    fastify.get('/health', async () => ({ status: 'ok' }));
    fastify.get('/ready', async () => ({ status: 'ok' }));
    url = await fastify.listen({ host: '127.0.0.1', port: 0 });
  };

  afterEach(() => fastify?.close());

  const graphql = () =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  it('refuses GraphQL while the event loop lags, answers the probes meanwhile, and takes requests again after', async () => {
    await start({ maxEventLoopDelayMs: 30, maxEventLoopUtilization: 0, maxInFlight: 0, retryAfterSeconds: 3 });
    expect((await graphql()).status).toBe(200);

    const stopLagging = lagEventLoop();
    try {
      // Longer than two samples (500 ms each), so the last one taken was all lag.
      await sleep(1_200);
      const refused = await graphql();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('3');
      expect(await refused.json()).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 3 } }],
      });
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
    } finally {
      await stopLagging();
    }

    await sleep(1_200);
    expect((await graphql()).status).toBe(200);
  });

  it('does not look at the event loop when its limits are 0', async () => {
    await start({ maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0, maxInFlight: 0, retryAfterSeconds: 1 });
    const stopLagging = lagEventLoop();
    try {
      await sleep(1_200);
      expect((await graphql()).status).toBe(200);
    } finally {
      await stopLagging();
    }
  });
});
