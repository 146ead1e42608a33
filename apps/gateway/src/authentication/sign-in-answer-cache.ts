import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { signInGenerationKey } from '@tend/auth';
import { GatewayConfig } from '../gateway.config';

interface KeptAnswer {
  answer: unknown;
  /** The organization's sign-in generation when cohorts gave the answer; null before its first change. */
  generation: string | null;
  expiresAt: number;
}

/** Enough for every person and API client of a large deployment within one expiry; the oldest go first. */
const MAX_KEPT_ANSWERS = 100_000;

/**
 * Keeps cohorts' answers about callers (may this person sign in, and in which role; whose is
 * this API key, with which scopes) while their organization's sign-in generation stays the same
 * (see `signInGenerationKey`), for at most SIGN_IN_CACHE_TTL_MS. Reading the generation is one
 * Redis GET, against an HTTP call to cohorts and its database read. Without Redis, or while it
 * does not answer, every request asks cohorts: a refusal must never wait for an expiry.
 */
@Injectable()
export class SignInAnswerCache implements OnModuleDestroy {
  private readonly logger = new Logger(SignInAnswerCache.name);
  private readonly redis?: Redis;
  private readonly answers = new Map<string, KeptAnswer>();
  /** The organization of each credential seen (API key, SCIM token), by its key: it never changes. */
  private readonly organizationOfCredential = new Map<string, string>();

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

  /**
   * The answer kept under `key` for a caller of `organizationId`, or a new one from `ask` (which
   * throws to refuse the caller). The generation is read before asking, so a change that commits
   * while cohorts answers makes the next request ask again.
   */
  async kept<T>(key: string, organizationId: string, ask: () => Promise<T>): Promise<T> {
    if (!this.redis) return ask();
    let generation: string | null;
    try {
      generation = await this.redis.get(signInGenerationKey(this.config.REDIS_PREFIX, organizationId));
    } catch {
      return ask();
    }
    const kept = this.answers.get(key);
    const now = Date.now();
    if (kept && kept.generation === generation && kept.expiresAt > now) return kept.answer as T;
    this.answers.delete(key);
    const answer = await ask();
    if (this.answers.size >= MAX_KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, { answer, generation, expiresAt: now + this.config.SIGN_IN_CACHE_TTL_MS });
    return answer;
  }

  /**
   * The answer about a credential (an API key, a SCIM token) whose organization only cohorts'
   * answer tells. Its first request learns the organization, whose generation is read before
   * cohorts is asked again; only that second answer is kept, so no change can slip in between.
   */
  async keptForCredential<T extends { organizationId: string }>(key: string, ask: () => Promise<T>): Promise<T> {
    const organizationId = this.organizationOfCredential.get(key);
    if (organizationId) return this.kept(key, organizationId, ask);
    const answer = await ask();
    if (this.organizationOfCredential.size >= MAX_KEPT_ANSWERS) {
      this.organizationOfCredential.delete(this.organizationOfCredential.keys().next().value as string);
    }
    this.organizationOfCredential.set(key, answer.organizationId);
    return answer;
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
