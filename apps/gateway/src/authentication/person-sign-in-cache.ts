import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Role, signInGenerationKey } from '@tend/auth';
import { GatewayConfig } from '../gateway.config';

interface KeptAnswer {
  role: Role;
  /** The organization's sign-in generation when cohorts gave the answer; null before its first change. */
  generation: string | null;
  expiresAt: number;
}

/** Enough for every person of a large deployment signing in within one expiry; the oldest go first. */
const MAX_KEPT_ANSWERS = 100_000;

/**
 * Keeps cohorts' answer to "may this person sign in, and in which role" while their organization's
 * sign-in generation stays the same (see `signInGenerationKey`), for at most
 * SIGN_IN_CACHE_TTL_MS. Reading the generation is one Redis GET, against an HTTP call to cohorts
 * and its database read. Without Redis, or while it does not answer, every request asks cohorts:
 * a refusal must never wait for an expiry.
 */
@Injectable()
export class PersonSignInCache implements OnModuleDestroy {
  private readonly logger = new Logger(PersonSignInCache.name);
  private readonly redis?: Redis;
  private readonly answers = new Map<string, KeptAnswer>();

  constructor(private readonly config: GatewayConfig) {
    if (!config.REDIS_URL || config.SIGN_IN_CACHE_TTL_MS === 0) return;
    // Fails at once while disconnected, so a request asks cohorts rather than queueing behind Redis.
    this.redis = new Redis(config.REDIS_URL, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      commandTimeout: 500,
      // Under load, the GETs of many requests leave in one write.
      enableAutoPipelining: true,
    });
    this.redis.on('error', (error: Error) =>
      this.logger.warn({ err: error }, 'Redis for sign-in generations is unreachable: every request asks cohorts'),
    );
  }

  /** The person's role: kept, or from `ask` (which throws to refuse the person). */
  async roleOf(organizationId: string, personId: string, ask: () => Promise<Role>): Promise<Role> {
    if (!this.redis) return ask();
    let generation: string | null;
    try {
      generation = await this.redis.get(signInGenerationKey(this.config.REDIS_PREFIX, organizationId));
    } catch {
      return ask();
    }
    const key = `${organizationId}/${personId}`;
    const kept = this.answers.get(key);
    const now = Date.now();
    if (kept && kept.generation === generation && kept.expiresAt > now) return kept.role;
    this.answers.delete(key);
    const role = await ask();
    if (this.answers.size >= MAX_KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, { role, generation, expiresAt: now + this.config.SIGN_IN_CACHE_TTL_MS });
    return role;
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
