import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import Redis from 'ioredis';
import { GatewayConfig } from '../gateway.config';

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per API client (and per SCIM token), counted in Redis so that every
 * gateway replica shares it. People signing in with tokens are not counted:
 * the limit protects the service from an integration gone wrong.
 */
@Injectable()
export class ApiKeyRateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyRateLimiter.name);
  private readonly redis?: Redis;

  constructor(private readonly config: GatewayConfig) {
    if (config.REDIS_URL) {
      // One retry, then the request goes on unlimited (see `admit`) rather than waiting for Redis.
      this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
      this.redis.on('error', (error: Error) =>
        this.logger.warn({ err: error }, 'Redis for API key limits is unreachable'),
      );
    } else {
      this.logger.warn('REDIS_URL is not set: API keys and SCIM tokens are accepted without a rate limit');
    }
  }

  /** Throws RATE_LIMITED (HTTP 429, with Retry-After) once the client has used up this minute. */
  async admit(clientId: string, now = Date.now()): Promise<void> {
    const retryAfter = await this.retryAfter(
      `api-key-rate:${clientId}`,
      this.config.API_KEY_RATE_LIMIT_PER_MINUTE,
      now,
    );
    if (retryAfter === undefined) return;
    const extensions: Record<string, unknown> = {
      code: 'RATE_LIMITED',
      retryAfter,
      // Apollo Server sets the response's status and headers from this, then removes it. It takes the
      // headers as a Map only, unlike Yoga, whose typings say an object (the Hive plugin converts them).
      http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
    };
    throw new GraphQLError(
      `This API key made more than ${this.config.API_KEY_RATE_LIMIT_PER_MINUTE} requests this minute`,
      { extensions },
    );
  }

  /**
   * Counts one request of `subject` (an API client, a SCIM token) in this minute's window: the
   * seconds until the next window once it made more than `limit`, else undefined.
   */
  async retryAfter(subject: string, limit: number, now = Date.now()): Promise<number | undefined> {
    if (!this.redis) return undefined;
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const key = `${this.config.REDIS_PREFIX}:${subject}:${windowStart}`;
    let count: number;
    try {
      const [[, incremented]] = (await this.redis
        .multi()
        .incr(key)
        .pexpire(key, 2 * WINDOW_MS)
        .exec()) as [[Error | null, number]];
      count = incremented;
    } catch (error) {
      // A Redis outage should not take every integration down with it; the log says limits are off.
      this.logger.error({ err: error }, 'could not count a request; letting it through');
      return undefined;
    }
    if (count <= limit) return undefined;
    return Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
