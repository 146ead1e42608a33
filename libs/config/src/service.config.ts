import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** Reads "true" / "1" from the environment as true and anything else as false. */
export const BooleanFromEnv = () =>
  Transform(({ value }: { value: unknown }) => value === true || value === 'true' || value === '1');

/** What every process that serves HTTP needs, the gateway included: where it listens, the shared secret, logging. */
export class ListenerConfig {
  @Expose()
  @IsString()
  @IsNotEmpty()
  HOST: string = '127.0.0.1';

  @Expose()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 0;

  /** Shared by the gateway and the subgraphs: the gateway signs each caller's principal with it. */
  @Expose()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  GATEWAY_SIGNING_SECRET: string = '';

  @Expose()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';
}

/** What a subgraph service needs besides: its database, Redis, and the clock and relay settings. */
export class ServiceConfig extends ListenerConfig {
  @Expose()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = '';

  @Expose()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL: string = '';

  /** Postgres cancels a service's statement that runs longer; migrations and the CLI have no limit. */
  @Expose()
  @IsInt()
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS: number = 30_000;

  /** Postgres ends a service's session idle this long inside a transaction, releasing the rows it locked. */
  @Expose()
  @IsInt()
  @Min(100)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number = 60_000;

  /** Opening a database connection, or waiting for a free one, fails after this long. */
  @Expose()
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS: number = 10_000;

  /** Key prefix for every BullMQ queue, so several deployments (or test runs) can share one Redis. */
  @Expose()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'must be 1-40 lowercase letters, digits or dashes' })
  REDIS_PREFIX: string = 'tend';

  /** Lets tests and demos move time through /internal/clock. Never set in production. */
  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  CLOCK_ADJUSTABLE: boolean = false;

  @Expose()
  @IsInt()
  @Min(50)
  OUTBOX_RELAY_EVERY_MS: number = 1000;
}
