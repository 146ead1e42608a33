import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const booleanFromEnv = ({ value }: { value: unknown }) => value === true || value === 'true' || value === '1';

/** What every service needs: where it listens, its database, Redis and the gateway's secret. */
export class ServiceConfig {
  @Expose()
  @IsString()
  @IsNotEmpty()
  HOST: string = '127.0.0.1';

  @Expose()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 0;

  @Expose()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = '';

  @Expose()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL: string = '';

  /** Key prefix for every BullMQ queue, so several deployments (or test runs) can share one Redis. */
  @Expose()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'must be 1-40 lowercase letters, digits or dashes' })
  REDIS_PREFIX: string = 'tend';

  /** Shared by the gateway and the subgraphs: the gateway signs each caller's principal with it. */
  @Expose()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  GATEWAY_SIGNING_SECRET: string = '';

  @Expose()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Lets tests and demos move time through /internal/clock. Never set in production. */
  @Expose()
  @Transform(booleanFromEnv)
  @IsBoolean()
  CLOCK_ADJUSTABLE: boolean = false;

  @Expose()
  @IsInt()
  @Min(50)
  OUTBOX_RELAY_EVERY_MS: number = 1000;
}
