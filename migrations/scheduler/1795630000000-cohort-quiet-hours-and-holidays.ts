import { MigrationInterface, QueryRunner } from 'typeorm';

/** The projection of cohorts' quiet hours and holidays, from `cohorts.cohort_upserted`. */
export class CohortQuietHoursAndHolidays1795630000000 implements MigrationInterface {
  name = 'CohortQuietHoursAndHolidays1795630000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.cohorts
        ADD COLUMN quiet_start text NULL CHECK (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        ADD COLUMN quiet_end text NULL CHECK (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        ADD COLUMN holidays text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT cohorts_quiet_hours_whole CHECK ((quiet_start IS NULL) = (quiet_end IS NULL));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.cohorts
        DROP CONSTRAINT cohorts_quiet_hours_whole, DROP COLUMN holidays, DROP COLUMN quiet_end, DROP COLUMN quiet_start;
    `);
  }
}
