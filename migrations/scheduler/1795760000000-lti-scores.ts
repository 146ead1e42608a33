import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

export class LtiScores1795760000000 implements MigrationInterface {
  name = 'LtiScores1795760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- From cohorts.lti_line_item_linked: where a person's scores in a track go back to their LMS.
      CREATE TABLE scheduler.lti_line_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        person_id uuid NOT NULL,
        track_id uuid NOT NULL,
        platform_id uuid NOT NULL,
        token_url text NOT NULL,
        client_id text NOT NULL,
        line_item_url text NOT NULL,
        user_id text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_line_items_person_id_track_id_key UNIQUE (organization_id, person_id, track_id)
      );
      -- The outbox of scores: kept in the completion's transaction, sent after it, until sent.
      CREATE TABLE scheduler.lti_scores (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        delivery_id uuid NOT NULL,
        line_item_id uuid NOT NULL REFERENCES scheduler.lti_line_items (id) ON DELETE CASCADE,
        score_given numeric NOT NULL,
        score_maximum numeric NOT NULL,
        scored_at timestamptz NOT NULL,
        sent_at timestamptz,
        last_error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_scores_delivery_id_key UNIQUE (delivery_id)
      );
      CREATE INDEX lti_scores_organization_id_idx ON scheduler.lti_scores (organization_id);
      CREATE INDEX lti_scores_waiting_idx ON scheduler.lti_scores (created_at) WHERE sent_at IS NULL;
      -- The scheduler's key pair as the organization's LTI tool, for the grade services' client
      -- assertions; the gateway publishes it at /lti/jwks beside cohorts' key. The private half is
      -- sealed as cohorts seals its own.
      CREATE TABLE scheduler.lti_tool_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        public_jwk jsonb NOT NULL,
        private_jwk_sealed text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lti_tool_keys_organization_id_key UNIQUE (organization_id)
      );
    `);
    for (const table of ['lti_line_items', 'lti_scores', 'lti_tool_keys']) {
      for (const statement of tenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE scheduler.lti_tool_keys;
      DROP TABLE scheduler.lti_scores;
      DROP TABLE scheduler.lti_line_items;
    `);
  }
}
