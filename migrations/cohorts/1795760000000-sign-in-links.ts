import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

export class SignInLinks1795760000000 implements MigrationInterface {
  name = 'SignInLinks1795760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Emailed one-time sign-in links (README "The web app"). Only the SHA-256 of the link's 32
      -- random bytes is kept; used_at makes it single use, in the statement that redeems it.
      CREATE TABLE cohorts.sign_in_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        person_id uuid NOT NULL REFERENCES cohorts.people (id) ON DELETE CASCADE,
        secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sign_in_links_secret_hash_key UNIQUE (organization_id, secret_hash)
      );
      CREATE INDEX sign_in_links_organization_id_idx ON cohorts.sign_in_links (organization_id);
      CREATE INDEX sign_in_links_person_idx ON cohorts.sign_in_links (person_id, created_at);
    `);
    for (const statement of tenantIsolationSql('cohorts', 'sign_in_links')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cohorts.sign_in_links`);
  }
}
