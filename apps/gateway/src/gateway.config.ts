import { Expose } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
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

  /** The built web app (`npm run build:web`), served at `/`; without its index.html the gateway serves the API only. */
  @Expose()
  @IsString()
  @IsNotEmpty()
  WEB_APP_DIR: string = 'dist/web';

  /**
   * How long the access token of a person signed in by link lasts. Cohorts is asked on every
   * request whether they may still sign in, so a deactivation does not wait for it.
   */
  @Expose()
  @IsInt()
  @Min(300)
  SIGN_IN_TOKEN_TTL_SECONDS: number = 30 * 24 * 60 * 60;

  /** A composed supergraph file to serve (production); without it the gateway composes from the subgraphs at start. */
  @Expose()
  @IsOptional()
  @IsString()
  SUPERGRAPH_FILE?: string;

  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  INTROSPECTION: boolean = false;

  /**
   * The bearer token Prometheus sends for the gateway's /metrics (README "Metrics"). Without it the
   * gateway serves no /metrics: its port is the public one. The subgraphs serve theirs on their own
   * ports, which only the deployment reaches, as /health.
   */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  METRICS_TOKEN?: string;

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

  /** Requests one SCIM token may make per minute, across all gateway replicas. */
  @Expose()
  @IsInt()
  @Min(1)
  SCIM_TOKEN_RATE_LIMIT_PER_MINUTE: number = 600;

  /**
   * Where browsers and LMS platforms reach this gateway (`https://tend.example.com`): the base of the
   * LTI tool's URLs (README "LTI 1.3 Advantage"). Without it, the URL a request arrived at.
   */
  @Expose()
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'must be an http(s) origin, without a path' })
  PUBLIC_URL?: string;

  /** How long the session of an LTI launch lasts; the web app sends it as a bearer token. */
  @Expose()
  @IsInt()
  @Min(60)
  @Max(86_400)
  LTI_SESSION_SECONDS: number = 8 * 3600;

  /** Lets tests and demos run an identity provider on this machine; production fetches keys from public addresses only. */
  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  ALLOW_LOOPBACK_IDENTITY_PROVIDERS: boolean = false;

  /**
   * Load shedding (README "Load shedding"): GraphQL requests are refused at once with HTTP 503,
   * Retry-After and SERVICE_UNAVAILABLE while the gateway is past one of these limits; /health and
   * /ready are always answered. This one: the mean event-loop delay over the last sample, in ms.
   * 0 turns the check off.
   */
  @Expose()
  @IsInt()
  @Min(0)
  LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: number = 100;

  /**
   * The share of the last sample the event loop was busy (0-1) past which requests are refused.
   * Off (0) by default: a gateway at full work sits near 1 while answering in time, so shedding on it
   * alone stops all work for a sample; the in-flight limit and the delay bound latency instead.
   */
  @Expose()
  @IsNumber()
  @Min(0)
  @Max(1)
  LOAD_SHEDDING_MAX_EVENT_LOOP_UTILIZATION: number = 0;

  /**
   * GraphQL requests the gateway works on at once (from their headers to their response); one more
   * is refused. The answered requests' p99 comes to about twice this over the gateway's answers per
   * second (README "Load shedding"); 64 is above the 50 connections `npm run bench -- api` measures
   * with, and bounds `today` under a 300-connection burst on 2 cores. 0 turns the check off.
   */
  @Expose()
  @IsInt()
  @Min(0)
  LOAD_SHEDDING_MAX_IN_FLIGHT: number = 64;

  /** The Retry-After (seconds) of a refusal; at least 1, so a refused client does not come back at once. */
  @Expose()
  @IsInt()
  @Min(1)
  LOAD_SHEDDING_RETRY_AFTER_SECONDS: number = 1;
}
