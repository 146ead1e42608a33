import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The planner claims due ACTIVE rows in (next_at, person_id) order, so side-by-side batches take
 * a person's due enrollments together; this index hands them over in that order without a sort,
 * and skips paused and dropped rows instead of filtering them on every pass.
 */
export class LearnerEnrollmentsDueOrder1795660000000 implements MigrationInterface {
  name = 'LearnerEnrollmentsDueOrder1795660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX learner_enrollments_due_active_idx ON scheduler.learner_enrollments (next_at, person_id)
        WHERE status = 'ACTIVE' AND next_at IS NOT NULL;
      DROP INDEX scheduler.learner_enrollments_due_idx;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX learner_enrollments_due_idx ON scheduler.learner_enrollments (next_at) WHERE next_at IS NOT NULL;
      DROP INDEX scheduler.learner_enrollments_due_active_idx;
    `);
  }
}
