import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

export class LtiLaunches1795740000000 implements MigrationInterface {
  name = 'LtiLaunches1795740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- A login Tend started for a platform (OIDC third-party initiation): the launch that ends it must
      -- come back with its state (hashed here; the browser holds it in a cookie) and an id_token
      -- carrying its nonce, once, before it expires.
      CREATE TABLE cohorts.lti_logins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        platform_id uuid NOT NULL REFERENCES cohorts.lti_platforms (id) ON DELETE CASCADE,
        state_hash text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_logins_state_hash_key UNIQUE (state_hash)
      );
      CREATE INDEX lti_logins_organization_id_idx ON cohorts.lti_logins (organization_id);
      CREATE INDEX lti_logins_expires_at_idx ON cohorts.lti_logins (expires_at);
      -- The platform's user (its iss is the platform's, sub is theirs) as a Tend person.
      CREATE TABLE cohorts.lti_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        platform_id uuid NOT NULL REFERENCES cohorts.lti_platforms (id),
        subject text NOT NULL,
        person_id uuid NOT NULL REFERENCES cohorts.people (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_accounts_platform_id_subject_key UNIQUE (platform_id, subject)
      );
      CREATE INDEX lti_accounts_organization_id_idx ON cohorts.lti_accounts (organization_id);
      -- The cohort a platform's course (its context) takes a Tend track in.
      CREATE TABLE cohorts.lti_course_cohorts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        platform_id uuid NOT NULL REFERENCES cohorts.lti_platforms (id),
        context_id text NOT NULL,
        track_id uuid NOT NULL,
        cohort_id uuid NOT NULL REFERENCES cohorts.cohorts (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_course_cohorts_platform_id_context_id_track_id_key UNIQUE (platform_id, context_id, track_id)
      );
      CREATE INDEX lti_course_cohorts_organization_id_idx ON cohorts.lti_course_cohorts (organization_id);
    `);
    for (const table of ['lti_logins', 'lti_accounts', 'lti_course_cohorts']) {
      for (const statement of tenantIsolationSql('cohorts', table)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE cohorts.lti_course_cohorts;
      DROP TABLE cohorts.lti_accounts;
      DROP TABLE cohorts.lti_logins;
    `);
  }
}
