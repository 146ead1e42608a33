import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiClients1795429357407 implements MigrationInterface {
  name = 'CreateApiClients1795429357407';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cohorts.api_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        name text NOT NULL,
        scopes text[] NOT NULL
          CHECK (cardinality(scopes) > 0
            AND scopes <@ '{content:read,content:write,people:read,people:write,enrollments:write,progress:read}'),
        key_prefix text NOT NULL CHECK (key_prefix ~ '^[0-9a-f]{12}$'),
        -- SHA-256 (hex) of the key's secret. The secret is 32 random bytes, so a
        -- fast hash is right: there is nothing to guess, and verifying runs on every
        -- request an LMS makes, where a password hash would cost tens of milliseconds.
        secret_hash text NOT NULL,
        created_by uuid REFERENCES cohorts.people (id),
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_clients_key_prefix_key UNIQUE (key_prefix)
      );
      CREATE INDEX api_clients_organization_id_idx ON cohorts.api_clients (organization_id);
      CREATE INDEX api_clients_page_idx ON cohorts.api_clients (organization_id, created_at, id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE cohorts.api_clients');
  }
}
