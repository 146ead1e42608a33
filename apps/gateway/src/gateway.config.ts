import { Expose } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Min } from 'class-validator';
import { BooleanFromEnv, ListenerConfig } from '@tend/config';

export class GatewayConfig extends ListenerConfig {
  override PORT = 4000;

  @Expose()
  @Matches(/^https?:\/\//, { message: 'must be an http(s) URL of the content subgraph' })
  CONTENT_URL: string = 'http://127.0.0.1:4001/graphql';

  @Expose()
  @Matches(/^https?:\/\//, { message: 'must be an http(s) URL of the cohorts subgraph' })
  COHORTS_URL: string = 'http://127.0.0.1:4002/graphql';

  @Expose()
  @Matches(/^https?:\/\//, { message: 'must be an http(s) URL of the scheduler subgraph' })
  SCHEDULER_URL: string = 'http://127.0.0.1:4003/graphql';

  /** The key file the `tend` CLI signs local tokens with; the gateway reads its public half. */
  @Expose()
  @IsString()
  @IsNotEmpty()
  TEND_LOCAL_KEY_FILE: string = '.tend/local-signing-key.json';

  @Expose()
  @IsString()
  @IsNotEmpty()
  JWT_ISSUER: string = 'tend-local';

  @Expose()
  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE: string = 'tend';

  /** A composed supergraph file to serve (production); without it the gateway composes from the subgraphs at start. */
  @Expose()
  @IsOptional()
  @IsString()
  SUPERGRAPH_FILE?: string;

  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  INTROSPECTION: boolean = false;

  /** Counts API key requests; without it the gateway runs, but API keys are not rate limited. */
  @Expose()
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @Expose()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'must be 1-40 lowercase letters, digits or dashes' })
  REDIS_PREFIX: string = 'tend';

  /**
   * How long the gateway keeps cohorts' answer on whether a person may sign in, at most; a change
   * of the organization's people ends it sooner (with REDIS_URL). 0 asks cohorts on every request.
   */
  @Expose()
  @IsInt()
  @Min(0)
  SIGN_IN_CACHE_TTL_MS: number = 30_000;

  /** Requests one API client may make per minute, across all gateway replicas. */
  @Expose()
  @IsInt()
  @Min(1)
  API_KEY_RATE_LIMIT_PER_MINUTE: number = 600;

  /** Lets tests and demos run an identity provider on this machine; production fetches keys from public addresses only. */
  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  ALLOW_LOOPBACK_IDENTITY_PROVIDERS: boolean = false;
}
