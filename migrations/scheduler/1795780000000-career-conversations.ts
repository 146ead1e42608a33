import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, tenantIsolationSql } from '@tend/database';

/**
 * Career conversations: every N weeks (the organization's setting, 0 off) per leader and direct
 * report, a CAREER_CONVERSATION delivery to the leader naming the report (`subject_id`), recorded
 * done or skipped in the leader-prompt columns. One schedule row per pair, which the planner
 * claims like a leader prompt's; the pairs that exist today start looking at once, from now on.
 */
export class CareerConversations1795780000000 implements MigrationInterface {
  name = 'CareerConversations1795780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.scheduler_settings
        ADD COLUMN career_conversation_every_weeks int NOT NULL DEFAULT 6
          CHECK (career_conversation_every_weeks = 0 OR career_conversation_every_weeks BETWEEN 2 AND 26);

      ALTER TABLE scheduler.deliveries
        DROP CONSTRAINT deliveries_kind_check,
        ADD CONSTRAINT deliveries_kind_check
          CHECK (kind IN ('LESSON', 'REVIEW', 'LEADER_PROMPT', 'NUDGE', 'CAREER_CONVERSATION')),
        ADD COLUMN subject_id uuid,
        ADD CONSTRAINT deliveries_career_conversation_names_its_subject
          CHECK ((kind = 'CAREER_CONVERSATION') = (subject_id IS NOT NULL)),
        DROP CONSTRAINT deliveries_response_only_for_prompts,
        ADD CONSTRAINT deliveries_response_only_for_prompts
          CHECK (response IS NULL OR kind IN ('LEADER_PROMPT', 'CAREER_CONVERSATION'));
      CREATE UNIQUE INDEX deliveries_career_conversation_once_a_day
        ON scheduler.deliveries (person_id, subject_id, local_date) WHERE kind = 'CAREER_CONVERSATION';
      CREATE INDEX deliveries_subject_idx ON scheduler.deliveries (organization_id, subject_id)
        WHERE subject_id IS NOT NULL;

      CREATE TABLE scheduler.career_conversation_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        leader_id uuid NOT NULL,
        report_id uuid NOT NULL,
        -- When the planner looks at the pair next; null while the pair is not one (moved, deactivated, off).
        next_at timestamptz(3),
        -- Slots up to this instant are settled: a slot after it that has come is due.
        planned_through timestamptz(3) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (leader_id, report_id)
      );
      CREATE INDEX career_conversation_schedules_organization_id_idx
        ON scheduler.career_conversation_schedules (organization_id);
      CREATE INDEX career_conversation_schedules_report_idx ON scheduler.career_conversation_schedules (report_id);
      CREATE INDEX career_conversation_schedules_due_idx ON scheduler.career_conversation_schedules (next_at)
        WHERE next_at IS NOT NULL;
    `);
    // Every organization's reporting lines, before row-level security closes the new table.
    await queryRunner.query(`SELECT set_config('tend.across_tenants', 'on', true)`);
    await queryRunner.query(`
      INSERT INTO scheduler.career_conversation_schedules (organization_id, leader_id, report_id, next_at, planned_through)
      SELECT report.organization_id, report.leader_id, report.person_id, now(), now()
      FROM scheduler.people report
      WHERE report.leader_id IS NOT NULL AND report.leader_id <> report.person_id
    `);
    await queryRunner.query(`SELECT set_config('tend.across_tenants', '', true)`);
    for (const statement of tenantIsolationSql('scheduler', 'career_conversation_schedules')) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of dropTenantIsolationSql('scheduler', 'career_conversation_schedules')) {
      await queryRunner.query(statement);
    }
    await queryRunner.query(`SELECT set_config('tend.across_tenants', 'on', true)`);
    await queryRunner.query(`DELETE FROM scheduler.deliveries WHERE kind = 'CAREER_CONVERSATION'`);
    await queryRunner.query(`SELECT set_config('tend.across_tenants', '', true)`);
    await queryRunner.query(`
      DROP TABLE scheduler.career_conversation_schedules;
      DROP INDEX scheduler.deliveries_subject_idx;
      DROP INDEX scheduler.deliveries_career_conversation_once_a_day;
      ALTER TABLE scheduler.deliveries
        DROP CONSTRAINT deliveries_response_only_for_prompts,
        ADD CONSTRAINT deliveries_response_only_for_prompts CHECK (response IS NULL OR kind = 'LEADER_PROMPT'),
        DROP CONSTRAINT deliveries_career_conversation_names_its_subject,
        DROP COLUMN subject_id,
        DROP CONSTRAINT deliveries_kind_check,
        ADD CONSTRAINT deliveries_kind_check CHECK (kind IN ('LESSON', 'REVIEW', 'LEADER_PROMPT', 'NUDGE'));
      ALTER TABLE scheduler.scheduler_settings DROP COLUMN career_conversation_every_weeks;
    `);
  }
}
