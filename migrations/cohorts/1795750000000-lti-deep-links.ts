import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

export class LtiDeepLinks1795750000000 implements MigrationInterface {
  name = 'LtiDeepLinks1795750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- An instructor's deep linking launch, until they pick a track: the page they pick on holds a
      -- secret (hashed here) that answers the platform once, before it expires.
      CREATE TABLE cohorts.lti_deep_link_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        platform_id uuid NOT NULL REFERENCES cohorts.lti_platforms (id) ON DELETE CASCADE,
        deployment_id text NOT NULL,
        return_url text NOT NULL,
        data text,
        selection_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_deep_link_requests_selection_hash_key UNIQUE (selection_hash)
      );
      CREATE INDEX lti_deep_link_requests_organization_id_idx ON cohorts.lti_deep_link_requests (organization_id);
    `);
    for (const statement of tenantIsolationSql('cohorts', 'lti_deep_link_requests')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cohorts.lti_deep_link_requests`);
  }
}
