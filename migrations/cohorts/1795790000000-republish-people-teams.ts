import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `cohorts.person_upserted` now carries the person's team, which the scheduler's analytics group
 * by: everyone with a team who is not erased is published again, as `personUpserted` writes it,
 * marked `restated` so subscribers to `person.updated` hear nothing that did not change.
 */
export class RepublishPeopleTeams1795790000000 implements MigrationInterface {
  name = 'RepublishPeopleTeams1795790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The outbox has row-level security, forced for its owner: this spans every organization by nature.
    await queryRunner.query(`SELECT set_config('tend.across_tenants', 'on', true)`);
    await queryRunner.query(`
      INSERT INTO cohorts.outbox (id, organization_id, type, payload)
      SELECT gen_random_uuid(), organization_id, 'cohorts.person_upserted',
             jsonb_build_object(
               'personId', id, 'role', role, 'timezone', timezone, 'leaderId', leader_id, 'email', email,
               'channels', to_jsonb(channels), 'locale', locale, 'webhookBridgeId', webhook_bridge_id,
               'active', active, 'teamId', team_id, 'restated', true)
      FROM cohorts.people
      WHERE team_id IS NOT NULL AND erased_at IS NULL
      ORDER BY organization_id, created_at
    `);
  }

  async down(): Promise<void> {
    // Nothing to undo: the events restate what cohorts already holds.
  }
}
