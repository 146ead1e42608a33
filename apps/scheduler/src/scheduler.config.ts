import { Expose } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { BooleanFromEnv, ServiceConfig } from '@tend/config';

export class SchedulerConfig extends ServiceConfig {
  override PORT = 4003;

  /** How often the repeatable planner pass runs; enrollments also trigger a pass at once. */
  @Expose()
  @IsInt()
  @Min(50)
  PLANNER_EVERY_MS: number = 60_000;

  /** Learner enrollments claimed per planner transaction. */
  @Expose()
  @IsInt()
  @Min(1)
  @Max(10_000)
  PLANNER_BATCH_SIZE: number = 1000;

  /** Planner batches in flight at once, each in its own transaction and connection. */
  @Expose()
  @IsInt()
  @Min(1)
  @Max(8)
  PLANNER_CONCURRENCY: number = 2;

  @Expose()
  @IsInt()
  @Min(50)
  RECONCILER_EVERY_MS: number = 60_000;

  /** smtp(s)://user:pass@host:port; empty disables email, and every delivery is in-app only. */
  @Expose()
  @ValidateIf((config: SchedulerConfig) => config.SMTP_URL !== '')
  @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL, or empty to disable email' })
  SMTP_URL: string = '';

  @Expose()
  @IsString()
  @IsNotEmpty()
  MAIL_FROM: string = 'Tend <no-reply@tend.local>';

  /**
   * Accepts webhook endpoints on loopback (plain http to 127.0.0.1, ::1 or
   * localhost), so tests and demos can run a receiver of their own. Never in
   * production: a webhook must not reach the service's own host.
   */
  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  ALLOW_LOOPBACK_WEBHOOKS: boolean = false;

  /** Lets tests and demos run an LMS platform's token endpoint and line items on this machine, as cohorts does. */
  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  ALLOW_LOOPBACK_IDENTITY_PROVIDERS: boolean = false;

  /** Tries of an LTI score per round, with exponential backoff from this delay; then the sweep starts a new round. */
  @Expose()
  @IsInt()
  @Min(1)
  LTI_SCORE_ATTEMPTS: number = 8;

  @Expose()
  @IsInt()
  @Min(100)
  LTI_SCORE_BACKOFF_MS: number = 5_000;

  /**
   * The operator password of the queue console at /operator/queues (user `operator`); empty: no
   * console. The scheduler's port is reached only inside the deployment, as /metrics is.
   */
  @Expose()
  @ValidateIf((config: SchedulerConfig) => config.QUEUE_CONSOLE_PASSWORD !== '')
  @MinLength(16, { message: 'must be at least 16 characters, or empty for no queue console' })
  QUEUE_CONSOLE_PASSWORD: string = '';

  /** Whether the queue console may retry failed jobs; without it, the console only reads. */
  @Expose()
  @BooleanFromEnv()
  @IsBoolean()
  QUEUE_CONSOLE_RETRIES: boolean = false;

  /** The first retry of a failed send waits this long; each later one twice as long as the one before. */
  @Expose()
  @IsInt()
  @Min(10)
  SEND_BACKOFF_MS: number = 15_000;

  /** Tries per send, the first included; after the last, the delivery is FAILED. */
  @Expose()
  @IsInt()
  @Min(1)
  @Max(20)
  SEND_ATTEMPTS: number = 5;

  /**
   * How long a send worker's hold on a job lasts unless renewed; a worker that
   * died (killed, its machine lost) gives its jobs up to another once it lapses.
   */
  @Expose()
  @IsInt()
  @Min(1000)
  SEND_JOB_LOCK_MS: number = 30_000;

  /**
   * How long a send holds its delivery: another run of the same job waits until then rather than
   * send it too. Longer than a send can take (the email and webhook timeouts); a send that died
   * keeps its delivery this long before a retry may send it.
   */
  @Expose()
  @IsInt()
  @Min(1000)
  SEND_CLAIM_MS: number = 120_000;

  /** How often send workers look for jobs whose worker died, to run them again. */
  @Expose()
  @IsInt()
  @Min(500)
  SEND_STALLED_CHECK_EVERY_MS: number = 30_000;

  /**
   * Event webhooks: how long each retry of a failed message waits, in order, in ms; one
   * attempt more than there are entries. The default (5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
   * 10 h) retries for 27.6 hours; after the last, the subscription is disabled.
   */
  @Expose()
  @Matches(/^\d+(,\d+)*$/, { message: 'must be delays in ms, separated by commas' })
  WEBHOOK_RETRY_SCHEDULE_MS: string = '5000,300000,1800000,7200000,18000000,36000000,36000000';

  /** Event webhooks: failed attempts in a row, across a subscription's messages, that disable it. */
  @Expose()
  @IsInt()
  @Min(1)
  WEBHOOK_DISABLE_AFTER_FAILURES: number = 1000;

  /**
   * xAPI: the key LRS passwords are sealed with (AES-256-GCM), as base64 of 32 bytes; empty:
   * derived from GATEWAY_SIGNING_SECRET. Changing it leaves stored passwords unreadable:
   * configure each LRS again.
   */
  @Expose()
  @ValidateIf((config: SchedulerConfig) => config.LRS_CREDENTIALS_KEY !== '')
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be the base64 of 32 bytes, or empty' })
  LRS_CREDENTIALS_KEY: string = '';

  /** xAPI: statements per `POST /statements`. */
  @Expose()
  @IsInt()
  @Min(1)
  @Max(1000)
  XAPI_BATCH_SIZE: number = 100;

  /** xAPI: tries of a batch in one round (then a new round starts: nothing is dropped). */
  @Expose()
  @IsInt()
  @Min(1)
  @Max(50)
  XAPI_SEND_ATTEMPTS: number = 12;

  /** xAPI: the first retry of a failed batch waits this long, each later one twice as long. */
  @Expose()
  @IsInt()
  @Min(10)
  XAPI_BACKOFF_MS: number = 5000;

  /** How often each organization's FSRS parameters are fitted again to its reviews (a week). */
  @Expose()
  @IsInt()
  @Min(1000)
  MEMORY_MODEL_FIT_EVERY_MS: number = 7 * 24 * 60 * 60_000;

  /** Rated reviews an organization needs before its FSRS parameters are fitted; until then FSRS's defaults stay. */
  @Expose()
  @IsInt()
  @Min(100)
  MEMORY_MODEL_FIT_MIN_REVIEWS: number = 1000;

  /** The retry delays of `WEBHOOK_RETRY_SCHEDULE_MS`, parsed. */
  get webhookRetryDelaysMs(): number[] {
    return this.WEBHOOK_RETRY_SCHEDULE_MS.split(',').map(Number);
  }
}
