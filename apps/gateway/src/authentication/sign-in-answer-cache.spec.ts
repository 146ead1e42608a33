import Redis from 'ioredis';
import { Role, signInGenerationKey } from '@tend/auth';
import { freePort, testRedisUrl, uniqueSuffix } from '@tend/testing';
import { GatewayConfig } from '../gateway.config';
import { SignInAnswerCache } from './sign-in-answer-cache';

const ORGANIZATION = '6f1c1c1e-7d2a-4d8e-9a51-1f2d3c4b5a69';
const PERSON = '0b8e1f7c-3a9d-4c2b-8e6f-5d4c3b2a1f09';

function configWith(settings: Partial<GatewayConfig>): GatewayConfig {
  return Object.assign(new GatewayConfig(), { REDIS_PREFIX: `tend-test-${uniqueSuffix()}` }, settings);
}

/** Cohorts' side of the question, counting how often the gateway asks it. */
function cohortsAnswering(answer: () => Role) {
  const asked = { count: 0 };
  return { asked, ask: async () => (asked.count++, answer()) };
}

describe('the answers about callers a gateway keeps', () => {
  let redis: Redis;
  const caches: SignInAnswerCache[] = [];
  const cacheWith = (settings: Partial<GatewayConfig>) => {
    const cache = new SignInAnswerCache(configWith({ REDIS_URL: testRedisUrl(), ...settings }));
    caches.push(cache);
    return cache;
  };

  beforeAll(() => {
    redis = new Redis(testRedisUrl());
  });

  afterAll(() => {
    caches.forEach((cache) => cache.onModuleDestroy());
    redis.disconnect();
  });

  /** The cache's Redis connects in the background; until then it asks cohorts every time. */
  async function connected(cache: SignInAnswerCache) {
    const cohorts = cohortsAnswering(() => Role.LEARNER);
    for (let attempt = 0; attempt < 100; attempt++) {
      const before = cohorts.asked.count;
      await cache.kept('person:warm-up', ORGANIZATION, cohorts.ask);
      await cache.kept('person:warm-up', ORGANIZATION, cohorts.ask);
      if (cohorts.asked.count - before < 2) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the cache never reached Redis');
  }

  it('a person who signs in again is answered without asking cohorts while nothing changed', async () => {
    const cache = cacheWith({});
    await connected(cache);
    const cohorts = cohortsAnswering(() => Role.LEADER);
    expect(await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask)).toBe(Role.LEADER);
    expect(await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask)).toBe(Role.LEADER);
    expect(cohorts.asked.count).toBe(1);
  });

  it("a change to the organization's people, at any gateway, makes the next request ask cohorts again", async () => {
    const config = configWith({ REDIS_URL: testRedisUrl() });
    const cache = new SignInAnswerCache(config);
    caches.push(cache);
    await connected(cache);
    let role = Role.ADMIN;
    const cohorts = cohortsAnswering(() => role);
    expect(await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask)).toBe(Role.ADMIN);

    role = Role.LEARNER;
    await redis.incr(signInGenerationKey(config.REDIS_PREFIX, ORGANIZATION));
    expect(await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask)).toBe(Role.LEARNER);
    expect(await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask)).toBe(Role.LEARNER);
    expect(cohorts.asked.count).toBe(2);
  });

  it('a refusal is never kept: the next request asks again', async () => {
    const cache = cacheWith({});
    await connected(cache);
    let refused = true;
    const cohorts = cohortsAnswering(() => {
      if (refused) throw new Error('refused');
      return Role.LEARNER;
    });
    await expect(cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask)).rejects.toThrow('refused');
    refused = false;
    expect(await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask)).toBe(Role.LEARNER);
    expect(cohorts.asked.count).toBe(2);
  });

  it('an answer is kept no longer than SIGN_IN_CACHE_TTL_MS', async () => {
    const cache = cacheWith({ SIGN_IN_CACHE_TTL_MS: 60_000 });
    await connected(cache);
    const cohorts = cohortsAnswering(() => Role.LEARNER);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(now);
      await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask);
      clock.mockReturnValue(now + 59_999);
      await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask);
      expect(cohorts.asked.count).toBe(1);
      clock.mockReturnValue(now + 60_000);
      await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask);
      expect(cohorts.asked.count).toBe(2);
    } finally {
      clock.mockRestore();
    }
  });

  it('while Redis does not answer, and without it, every request asks cohorts', async () => {
    const unreachable = cacheWith({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const without = cacheWith({ REDIS_URL: undefined });
    for (const cache of [unreachable, without]) {
      const cohorts = cohortsAnswering(() => Role.LEARNER);
      for (let request = 0; request < 3; request++) await cache.kept(`person:${PERSON}`, ORGANIZATION, cohorts.ask);
      expect(cohorts.asked.count).toBe(3);
    }
  });
});
