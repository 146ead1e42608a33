import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

export class LtiPlatforms1795730000000 implements MigrationInterface {
  name = 'LtiPlatforms1795730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- An LMS (Canvas, Moodle) that launches Tend as an LTI 1.3 tool. A login names the platform by
      -- issuer and client id before anyone is known, so the pair is unique across organizations.
      CREATE TABLE cohorts.lti_platforms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        issuer text NOT NULL,
        client_id text NOT NULL,
        auth_login_url text NOT NULL,
        token_url text NOT NULL,
        jwks_url text NOT NULL,
        deployment_ids text[] NOT NULL CHECK (cardinality(deployment_ids) > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_platforms_issuer_client_id_key UNIQUE (issuer, client_id)
      );
      CREATE INDEX lti_platforms_organization_id_idx ON cohorts.lti_platforms (organization_id);
      CREATE INDEX lti_platforms_page_idx ON cohorts.lti_platforms (organization_id, created_at, id);
      -- The organization's key pair as an LTI tool (RS256, as LTI 1.3 requires): platforms verify
      -- deep-linking responses and grade-service client assertions with the public half at /lti/jwks.
      -- The id is the key's kid. The private half is sealed (AES-256-GCM, SealedSecrets in
      -- libs/auth) and opened only to sign, never by an API.
      CREATE TABLE cohorts.lti_tool_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        public_jwk jsonb NOT NULL,
        private_jwk_sealed text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_tool_keys_organization_id_key UNIQUE (organization_id)
      );
    `);
    for (const table of ['lti_platforms', 'lti_tool_keys']) {
      for (const statement of tenantIsolationSql('cohorts', table)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cohorts.lti_tool_keys; DROP TABLE cohorts.lti_platforms;`);
  }
}
