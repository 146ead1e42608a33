import { Expose } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ServiceConfig } from '@tend/config';

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
}
