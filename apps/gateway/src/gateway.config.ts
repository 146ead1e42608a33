import { Expose, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const booleanFromEnv = ({ value }: { value: unknown }) => value === true || value === 'true' || value === '1';

export class GatewayConfig {
  @Expose()
  @IsString()
  @IsNotEmpty()
  HOST: string = '127.0.0.1';

  @Expose()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 4000;

  @Expose()
  @Matches(/^https?:\/\//, { message: 'must be an http(s) URL of the content subgraph' })
  CONTENT_URL: string = 'http://127.0.0.1:4001/graphql';

  @Expose()
  @Matches(/^https?:\/\//, { message: 'must be an http(s) URL of the cohorts subgraph' })
  COHORTS_URL: string = 'http://127.0.0.1:4002/graphql';

  @Expose()
  @Matches(/^https?:\/\//, { message: 'must be an http(s) URL of the scheduler subgraph' })
  SCHEDULER_URL: string = 'http://127.0.0.1:4003/graphql';

  @Expose()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  GATEWAY_SIGNING_SECRET: string = '';

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
  @Transform(booleanFromEnv)
  @IsBoolean()
  INTROSPECTION: boolean = false;

  @Expose()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';
}
