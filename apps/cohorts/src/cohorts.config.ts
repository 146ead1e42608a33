import { Expose } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { BooleanFromEnv, ServiceConfig } from '@tend/config';

export class CohortsConfig extends ServiceConfig {
  override PORT = 4002;

  /**
   * Accepts `http://127.0.0.1:<port>` and `http://localhost:<port>` as JWKS URLs,
   * so tests and demos can run an identity provider of their own. Never in production:
   * keys fetched over plain HTTP could be swapped on the way.
   */
  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  ALLOW_LOOPBACK_IDENTITY_PROVIDERS: boolean = false;
}
