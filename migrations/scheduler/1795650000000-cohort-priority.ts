import { MigrationInterface, QueryRunner } from 'typeorm';

export class CohortPriority1795650000000 implements MigrationInterface {
  name = 'CohortPriority1795650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduler.cohorts ADD COLUMN priority int NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduler.cohorts DROP COLUMN priority`);
  }
}
