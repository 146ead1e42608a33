import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddApiClientOperationAllowLists1795433558033 implements MigrationInterface {
  name = 'AddApiClientOperationAllowLists1795433558033';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- NULL: any operation the client's scopes allow. Otherwise a JSON array of
      -- {sha256, name, document}: the only operations the gateway runs for the client.
      ALTER TABLE cohorts.api_clients ADD COLUMN allowed_operations jsonb NULL
        CHECK (allowed_operations IS NULL OR jsonb_typeof(allowed_operations) = 'array');
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cohorts.api_clients DROP COLUMN allowed_operations');
  }
}
