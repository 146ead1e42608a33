import { MigrationInterface, QueryRunner } from 'typeorm';

export class LearnerEnrollmentStatus1795500000000 implements MigrationInterface {
  name = 'LearnerEnrollmentStatus1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- From cohorts.participation_changed: only ACTIVE rows are planned.
      ALTER TABLE scheduler.learner_enrollments
        ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PAUSED', 'DROPPED', 'COMPLETED'));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduler.learner_enrollments DROP COLUMN status`);
  }
}
