import { Expose } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsString, Matches, ValidateIf } from 'class-validator';
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

  /**
   * The SMTP server sign-in links go out through (README "The web app"), as the scheduler's lessons
   * do; empty: no emailed links, and people sign in with their identity provider or a CLI token.
   */
  @Expose()
  @ValidateIf((config: CohortsConfig) => config.SMTP_URL !== '')
  @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL, or empty to disable email' })
  SMTP_URL: string = '';

  @Expose()
  @IsString()
  @IsNotEmpty()
  MAIL_FROM: string = 'Tend <no-reply@tend.local>';

  /** Where people open the web app; a sign-in link is this URL with the link's secret in its fragment. */
  @Expose()
  @Matches(/^https?:\/\/[^#]+\/$/, { message: 'must be an http(s) URL ending in /, without a fragment' })
  WEB_APP_URL: string = 'http://127.0.0.1:4000/';
}
