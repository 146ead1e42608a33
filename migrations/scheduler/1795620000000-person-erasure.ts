import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonErasure1795620000000 implements MigrationInterface {
  name = 'PersonErasure1795620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- From cohorts.person_erased on, a late or retried cohorts.person_upserted may still change
      -- the person's role and leader, but never brings back their addresses.
      ALTER TABLE scheduler.people ADD COLUMN erased boolean NOT NULL DEFAULT false;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduler.people DROP COLUMN erased`);
  }
}
