import { ChildProcess, spawn } from 'node:child_process';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { createTestDatabase, freePort, TestDatabase, testRedisUrl } from '@tend/testing';
import { HealthModule } from './health.module';

async function startRedis(policy: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const process = spawn('redis-server', [
    ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    ...['--maxmemory-policy', policy],
  ]);
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await client.connect();
      await client.ping();
      return { url, process };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
  process.kill();
  throw new Error('redis-server did not start within 5 seconds');
}

async function readiness(database: TestDatabase, redisUrl: string) {
  const moduleRef = await Test.createTestingModule({
    imports: [TypeOrmModule.forRoot({ type: 'postgres', url: database.url }), HealthModule.forService(redisUrl)],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  try {
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/ready' });
    return { status: response.statusCode, body: response.json() };
  } finally {
    await app.close();
  }
}

describe('readiness', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(() => database.drop());

  it('is up when Postgres answers and Redis keeps every key', async () => {
    const { status, body } = await readiness(database, testRedisUrl());
    expect(status).toBe(200);
    expect(body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('is down when Redis may evict keys, since queued jobs would be lost', async () => {
    const redis = await startRedis('allkeys-lru');
    try {
      const { status, body } = await readiness(database, redis.url);
      expect(status).toBe(503);
      expect(body.error.redis.message).toMatch(/maxmemory-policy is allkeys-lru/);
    } finally {
      redis.process.kill();
    }
  });

  it('is down when Redis does not answer', async () => {
    const { status } = await readiness(database, `redis://127.0.0.1:${await freePort()}`);
    expect(status).toBe(503);
  });
});
