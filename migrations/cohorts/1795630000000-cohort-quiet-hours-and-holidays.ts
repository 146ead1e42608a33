import { MigrationInterface, QueryRunner } from 'typeorm';

export class CohortQuietHoursAndHolidays1795630000000 implements MigrationInterface {
  name = 'CohortQuietHoursAndHolidays1795630000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- {start, end} local times; nothing goes out between them. Null: no quiet hours.
      ALTER TABLE cohorts.cohorts ADD COLUMN quiet_hours jsonb NULL;
      -- Local dates without lessons (public holidays, a season's pause); the cast refuses anything else.
      ALTER TABLE cohorts.cohorts
        ADD COLUMN holidays text[] NOT NULL DEFAULT '{}'
          CHECK (cardinality(holidays) <= 366 AND holidays::date[] IS NOT NULL);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cohorts.cohorts DROP COLUMN holidays, DROP COLUMN quiet_hours`);
  }
}
