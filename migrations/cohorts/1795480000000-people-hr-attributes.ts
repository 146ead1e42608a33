import { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleHrAttributes1795480000000 implements MigrationInterface {
  name = 'PeopleHrAttributes1795480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cohorts.people
        ADD COLUMN external_id text NULL CHECK (length(external_id) BETWEEN 1 AND 100),
        ADD COLUMN locale text NOT NULL DEFAULT 'en-US',
        ADD COLUMN location text NULL CHECK (length(location) BETWEEN 1 AND 100),
        ADD COLUMN webhook_bridge_id text NULL CHECK (length(webhook_bridge_id) BETWEEN 1 AND 200),
        ADD COLUMN deactivated_at timestamptz NULL,
        -- The HRIS id is how an import finds a person again, so two people never share one.
        ADD CONSTRAINT people_organization_id_external_id_key UNIQUE (organization_id, external_id),
        DROP CONSTRAINT people_channels_check,
        ADD CONSTRAINT people_channels_check
          CHECK (channels <@ '{IN_APP,EMAIL,WEBHOOK}' AND 'IN_APP' = ANY (channels)
                 AND (NOT 'WEBHOOK' = ANY (channels) OR webhook_bridge_id IS NOT NULL)),
        ADD CONSTRAINT people_active_check CHECK (active = (deactivated_at IS NULL)),
        ADD CONSTRAINT people_not_own_leader_check CHECK (leader_id <> id);
      CREATE INDEX people_location_idx ON cohorts.people (organization_id, location);
      CREATE INDEX people_team_idx ON cohorts.people (organization_id, team_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX cohorts.people_team_idx;
      DROP INDEX cohorts.people_location_idx;
      UPDATE cohorts.people SET channels = array_remove(channels, 'WEBHOOK');
      ALTER TABLE cohorts.people
        DROP CONSTRAINT people_not_own_leader_check,
        DROP CONSTRAINT people_active_check,
        DROP CONSTRAINT people_channels_check,
        ADD CONSTRAINT people_channels_check CHECK (channels <@ '{IN_APP,EMAIL}' AND 'IN_APP' = ANY (channels)),
        DROP CONSTRAINT people_organization_id_external_id_key,
        DROP COLUMN deactivated_at,
        DROP COLUMN webhook_bridge_id,
        DROP COLUMN location,
        DROP COLUMN locale,
        DROP COLUMN external_id;
    `);
  }
}
