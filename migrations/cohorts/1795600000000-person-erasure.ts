import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonErasure1795600000000 implements MigrationInterface {
  name = 'PersonErasure1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- An erased person stays as a row without personal data, so reporting lines,
      -- cohort counts and who created an API client still hold; it never comes back.
      ALTER TABLE cohorts.people
        ADD COLUMN erased_at timestamptz NULL,
        ADD CONSTRAINT people_erased_inactive_check CHECK (erased_at IS NULL OR NOT active);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cohorts.people
        DROP CONSTRAINT people_erased_inactive_check,
        DROP COLUMN erased_at;
    `);
  }
}
