import { MigrationInterface, QueryRunner } from 'typeorm';

/** API clients may hold `webhooks:write`: they register the organization's webhook endpoint in the scheduler. */
export class AllowWebhooksScope1795435188068 implements MigrationInterface {
  name = 'AllowWebhooksScope1795435188068';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cohorts.api_clients DROP CONSTRAINT api_clients_scopes_check;
      ALTER TABLE cohorts.api_clients ADD CONSTRAINT api_clients_scopes_check
        CHECK (cardinality(scopes) > 0
          AND scopes <@ '{content:read,content:write,people:read,people:write,enrollments:write,progress:read,webhooks:write}');
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE cohorts.api_clients SET scopes = array_remove(scopes, 'webhooks:write');
      DELETE FROM cohorts.api_clients WHERE cardinality(scopes) = 0;
      ALTER TABLE cohorts.api_clients DROP CONSTRAINT api_clients_scopes_check;
      ALTER TABLE cohorts.api_clients ADD CONSTRAINT api_clients_scopes_check
        CHECK (cardinality(scopes) > 0
          AND scopes <@ '{content:read,content:write,people:read,people:write,enrollments:write,progress:read}');
    `);
  }
}
