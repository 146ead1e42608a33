import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

/** One signed webhook endpoint per organization, and deliveries that go out through it. */
export class AddWebhookEndpoints1795434338918 implements MigrationInterface {
  name = 'AddWebhookEndpoints1795434338918';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scheduler.webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL UNIQUE,
        url text NOT NULL,
        secret text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE scheduler.deliveries DROP CONSTRAINT deliveries_channel_check;
      ALTER TABLE scheduler.deliveries ADD CONSTRAINT deliveries_channel_check
        CHECK (channel IN ('IN_APP', 'EMAIL', 'WEBHOOK'));
      CREATE INDEX deliveries_failed_idx ON scheduler.deliveries (organization_id, due_at, id) WHERE status = 'FAILED';
    `);
    for (const statement of tenantIsolationSql('scheduler', 'webhook_endpoints')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX scheduler.deliveries_failed_idx;
      UPDATE scheduler.deliveries SET channel = 'IN_APP' WHERE channel = 'WEBHOOK';
      ALTER TABLE scheduler.deliveries DROP CONSTRAINT deliveries_channel_check;
      ALTER TABLE scheduler.deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('IN_APP', 'EMAIL'));
      DROP TABLE scheduler.webhook_endpoints;
    `);
  }
}
