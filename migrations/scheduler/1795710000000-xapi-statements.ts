import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, tenantIsolationSql } from '@tend/database';

/**
 * xAPI to the organization's learning record store: its LRS (credentials encrypted) and
 * the statements waiting for it or sent, each keyed by the statement id derived from
 * the event, so recording or sending one twice is harmless.
 */
export class XapiStatements1795710000000 implements MigrationInterface {
  name = 'XapiStatements1795710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scheduler.lrs_configurations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL UNIQUE,
        endpoint text NOT NULL,
        username text NOT NULL,
        encrypted_password text NOT NULL,
        version text NOT NULL CHECK (version IN ('2.0.0', '1.0.3')),
        home_page text NOT NULL,
        actor_format text NOT NULL DEFAULT 'ACCOUNT' CHECK (actor_format IN ('ACCOUNT', 'MBOX')),
        send_reflections boolean NOT NULL DEFAULT false,
        enabled boolean NOT NULL DEFAULT true,
        last_success_at timestamptz(3),
        last_error text,
        last_error_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE scheduler.xapi_statements (
        id uuid PRIMARY KEY,
        sequence bigserial NOT NULL UNIQUE,
        organization_id uuid NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        role text NOT NULL,
        occurred_at timestamptz(3) NOT NULL,
        payload jsonb NOT NULL,
        reflection text,
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX xapi_statements_unsent_idx ON scheduler.xapi_statements (organization_id, sequence) WHERE sent_at IS NULL;
    `);
    for (const table of TABLES) {
      for (const statement of tenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      for (const statement of dropTenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
      await queryRunner.query(`DROP TABLE scheduler.${table}`);
    }
  }
}

const TABLES = ['lrs_configurations', 'xapi_statements'];
