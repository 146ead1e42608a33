import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Job, Queue, Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { PrincipalSigner, requireGatewaySignature } from '@tend/auth';
import { QueueName, redisOptionsFromUrl } from '@tend/queue';
import { testRedisUrl } from '@tend/testing';
import { QUEUE_CONSOLE_PATH, QUEUE_CONSOLE_USER, QueueConsoleModule } from './queue-console.module';

const PASSWORD = 'correct horse battery staple';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const operator = { authorization: basic(QUEUE_CONSOLE_USER, PASSWORD) };

/** The scheduler's HTTP front as `startSubgraph` builds it: the gateway signature on every request, then the console. */
async function consoleApp(redisPrefix: string, retries: boolean): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [QueueConsoleModule.forService({ redisUrl: testRedisUrl(), redisPrefix, password: PASSWORD, retries })],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  const fastify = app.getHttpAdapter().getInstance();
  requireGatewaySignature(fastify, new PrincipalSigner('a'.repeat(32)));
  fastify.post('/graphql', async () => ({ data: { served: true } }));
  await app.init();
  await fastify.ready();
  return app;
}

/** A delivery whose send failed for good, and one that went out, as the operator will find them. */
async function failedAndCompletedSends(redisPrefix: string): Promise<{ failed: Job; completed: Job; queue: Queue }> {
  const connection = redisOptionsFromUrl(testRedisUrl());
  const queue = new Queue(QueueName.DeliveriesSend, { connection, prefix: redisPrefix });
  const failed = await queue.add('deliveries.send', { deliveryId: randomUUID() }, { jobId: 'fails', attempts: 1 });
  const completed = await queue.add('deliveries.send', { deliveryId: randomUUID() }, { jobId: 'goes-out' });
  const worker = new Worker(
    QueueName.DeliveriesSend,
    async (job) => {
      if (job.id === 'fails') throw new Error('SMTP said no');
    },
    { connection, prefix: redisPrefix },
  );
  await new Promise<void>((settled) => {
    let done = 0;
    const one = () => ++done === 2 && settled();
    worker.on('failed', one);
    worker.on('completed', one);
  });
  await worker.close();
  return { failed, completed, queue };
}

describe('the queue console an operator opens to see whether the lessons went out', () => {
  const apps: NestFastifyApplication[] = [];
  const queues: Queue[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(queues.map((queue) => queue.obliterate({ force: true }).then(() => queue.close())));
  });

  async function openConsole(retries: boolean) {
    const redisPrefix = `tend-console-${randomUUID()}`;
    const sends = await failedAndCompletedSends(redisPrefix);
    queues.push(sends.queue);
    const app = await consoleApp(redisPrefix, retries);
    apps.push(app);
    const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
    return { fastify, ...sends };
  }

  it('asks for the operator password, and refuses a wrong one', async () => {
    const { fastify } = await openConsole(false);
    const anonymous = await fastify.inject({ method: 'GET', url: `${QUEUE_CONSOLE_PATH}/api/queues` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="Tend queues"/);
    for (const authorization of [basic(QUEUE_CONSOLE_USER, 'guess'), basic('admin', PASSWORD), `Bearer ${PASSWORD}`]) {
      const wrong = await fastify.inject({
        method: 'GET',
        url: `${QUEUE_CONSOLE_PATH}/api/queues`,
        headers: { authorization },
      });
      expect(wrong.statusCode).toBe(401);
    }
  });

  it('shows every queue of Tend with its counts, and the failed send with its reason', async () => {
    const { fastify } = await openConsole(false);
    const page = await fastify.inject({ method: 'GET', url: `${QUEUE_CONSOLE_PATH}/`, headers: operator });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const listed = await fastify.inject({
      method: 'GET',
      url: `${QUEUE_CONSOLE_PATH}/api/queues?activeQueue=${QueueName.DeliveriesSend}&status=failed&page=1`,
      headers: operator,
    });
    expect(listed.statusCode).toBe(200);
    const { queues: shown } = listed.json() as {
      queues: {
        name: string;
        counts: Record<string, number>;
        readOnlyMode: boolean;
        jobs: { id: string; failedReason: string }[];
      }[];
    };
    expect(shown.map((queue) => queue.name).sort()).toEqual(Object.values(QueueName).sort());
    const sends = shown.find((queue) => queue.name === QueueName.DeliveriesSend);
    expect(sends).toMatchObject({ readOnlyMode: true, counts: { failed: 1, completed: 1 } });
    expect(sends?.jobs).toEqual([expect.objectContaining({ id: 'fails', failedReason: 'SMTP said no' })]);
  });

  it('changes nothing while read-only: no retry, no clean, no new job', async () => {
    const { fastify, failed } = await openConsole(false);
    for (const [method, url] of [
      ['PUT', `/api/queues/${QueueName.DeliveriesSend}/retry/failed`],
      ['PUT', `/api/queues/${QueueName.DeliveriesSend}/fails/retry`],
      ['PUT', `/api/queues/${QueueName.DeliveriesSend}/clean/failed`],
      ['POST', `/api/queues/${QueueName.DeliveriesSend}/add`],
    ] as const) {
      const refused = await fastify.inject({
        method,
        url: `${QUEUE_CONSOLE_PATH}${url}`,
        headers: operator,
        payload: {},
      });
      expect(refused.statusCode).toBe(405);
    }
    expect(await failed.getState()).toBe('failed');
  });

  it('retries a failed send where the deployment allows it, and never sends a completed one again', async () => {
    const { fastify, failed, completed, queue } = await openConsole(true);
    const again = await fastify.inject({
      method: 'PUT',
      url: `${QUEUE_CONSOLE_PATH}/api/queues/${QueueName.DeliveriesSend}/fails/retry`,
      headers: operator,
    });
    expect(again.statusCode).toBe(204);
    expect(await queue.getJobState(String(failed.id))).toBe('waiting');

    const resent = await fastify.inject({
      method: 'PUT',
      url: `${QUEUE_CONSOLE_PATH}/api/queues/${QueueName.DeliveriesSend}/goes-out/retry`,
      headers: operator,
    });
    expect(resent.statusCode).toBe(409);
    expect(await queue.getJobState(String(completed.id))).toBe('completed');

    for (const url of [
      `/api/queues/${QueueName.DeliveriesSend}/clean/completed`,
      `/api/queues/${QueueName.DeliveriesSend}/retry/completed`,
    ]) {
      const refused = await fastify.inject({ method: 'PUT', url: `${QUEUE_CONSOLE_PATH}${url}`, headers: operator });
      expect(refused.statusCode).toBe(405);
    }
    expect(await queue.getJobCounts('completed')).toEqual({ completed: 1 });
  });

  it('opens no way around the gateway signature for the rest of the service', async () => {
    const { fastify } = await openConsole(false);
    for (const url of ['/graphql', `${QUEUE_CONSOLE_PATH}/../../graphql`, '/operator/%2e%2e/graphql']) {
      const response = await fastify.inject({
        method: 'POST',
        url,
        headers: operator,
        payload: { query: '{ __typename }' },
      });
      expect(response.json()).not.toHaveProperty('data');
    }
  });
});
