import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, tenantIsolationSql } from '@tend/database';

/**
 * Weekly leader prompts: one schedule row per (enrollment, leader) that the
 * planner claims like a learner's row, the prompt's details and the leader's
 * answer on the delivery, what to listen for on the projected lessons, and
 * how many workdays ahead of their team a leader takes each lesson.
 */
export class LeaderPrompts1795600000000 implements MigrationInterface {
  name = 'LeaderPrompts1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scheduler.leader_prompt_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        enrollment_id uuid NOT NULL,
        leader_id uuid NOT NULL,
        next_at timestamptz(3),
        prompts_sent int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enrollment_id, leader_id)
      );
      CREATE INDEX leader_prompt_schedules_organization_id_idx ON scheduler.leader_prompt_schedules (organization_id);
      CREATE INDEX leader_prompt_schedules_due_idx ON scheduler.leader_prompt_schedules (next_at) WHERE next_at IS NOT NULL;

      ALTER TABLE scheduler.deliveries
        ADD COLUMN prompt_details jsonb,
        ADD COLUMN response text CHECK (response IN ('DONE', 'SKIPPED')),
        ADD COLUMN response_note text CHECK (length(response_note) <= 2000),
        ADD CONSTRAINT deliveries_response_only_for_prompts CHECK (response IS NULL OR kind = 'LEADER_PROMPT');
      CREATE UNIQUE INDEX deliveries_prompt_once_a_day ON scheduler.deliveries (person_id, enrollment_id, local_date)
        WHERE kind = 'LEADER_PROMPT';

      ALTER TABLE scheduler.track_lessons ADD COLUMN leader_listen_for text;

      ALTER TABLE scheduler.scheduler_settings
        ADD COLUMN leader_lead_days int NOT NULL DEFAULT 2 CHECK (leader_lead_days BETWEEN 0 AND 10);
    `);
    for (const statement of tenantIsolationSql('scheduler', 'leader_prompt_schedules')) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of dropTenantIsolationSql('scheduler', 'leader_prompt_schedules')) {
      await queryRunner.query(statement);
    }
    await queryRunner.query(`
      ALTER TABLE scheduler.scheduler_settings DROP COLUMN leader_lead_days;
      ALTER TABLE scheduler.track_lessons DROP COLUMN leader_listen_for;
      DROP INDEX scheduler.deliveries_prompt_once_a_day;
      ALTER TABLE scheduler.deliveries
        DROP CONSTRAINT deliveries_response_only_for_prompts,
        DROP COLUMN response_note, DROP COLUMN response, DROP COLUMN prompt_details;
      DROP TABLE scheduler.leader_prompt_schedules;
    `);
  }
}
