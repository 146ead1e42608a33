import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

export class ScimProvisioning1795700000000 implements MigrationInterface {
  name = 'ScimProvisioning1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- What an identity provider provisions with. Like an API key, only the SHA-256 of the
      -- token's 32 random bytes is kept: there is nothing to guess, and it is checked per request.
      CREATE TABLE cohorts.scim_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        name text NOT NULL,
        token_prefix text NOT NULL CHECK (token_prefix ~ '^[0-9a-f]{12}$'),
        secret_hash text NOT NULL,
        created_by uuid REFERENCES cohorts.people (id),
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT scim_tokens_token_prefix_key UNIQUE (token_prefix)
      );
      CREATE INDEX scim_tokens_organization_id_idx ON cohorts.scim_tokens (organization_id);
      CREATE INDEX scim_tokens_page_idx ON cohorts.scim_tokens (organization_id, created_at, id);
      -- The enterprise extension's employeeNumber: the HRIS's number, beside the identity provider's externalId.
      ALTER TABLE cohorts.people ADD COLUMN employee_number text;
      -- SCIM asks for people changed since a time (meta.lastModified gt ...).
      CREATE INDEX people_organization_id_updated_at_idx ON cohorts.people (organization_id, updated_at);
    `);
    for (const statement of tenantIsolationSql('cohorts', 'scim_tokens')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX cohorts.people_organization_id_updated_at_idx;
      ALTER TABLE cohorts.people DROP COLUMN employee_number;
      DROP TABLE cohorts.scim_tokens;
    `);
  }
}
