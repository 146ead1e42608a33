import { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleActivityAndLocale1795480000000 implements MigrationInterface {
  name = 'PeopleActivityAndLocale1795480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.people
        ADD COLUMN locale text NOT NULL DEFAULT 'en-US',
        ADD COLUMN webhook_bridge_id text NULL,
        ADD COLUMN active boolean NOT NULL DEFAULT true;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.people
        DROP COLUMN active,
        DROP COLUMN webhook_bridge_id,
        DROP COLUMN locale;
    `);
  }
}
