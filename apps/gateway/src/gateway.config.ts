import { Expose } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
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
}
