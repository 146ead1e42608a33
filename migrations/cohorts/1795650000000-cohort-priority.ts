import { MigrationInterface, QueryRunner } from 'typeorm';

export class CohortPriority1795650000000 implements MigrationInterface {
  name = 'CohortPriority1795650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Someone in several cohorts gets one new lesson a day: the highest priority's first.
      ALTER TABLE cohorts.cohorts ADD COLUMN priority int NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 100);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cohorts.cohorts DROP COLUMN priority`);
  }
}
