import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, tenantIsolationSql } from '@tend/database';

/**
 * Two tables, so that an answer is never linked to a person: who answered
 * which week (to ask each person once), and the answers themselves with only
 * the week and the team's leader, without a timestamp to match them by.
 */
export class CreatePulse1795434773956 implements MigrationInterface {
  name = 'CreatePulse1795434773956';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scheduler.pulse_responses (
        organization_id uuid NOT NULL,
        person_id uuid NOT NULL,
        week text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
        PRIMARY KEY (person_id, week)
      );
      CREATE INDEX pulse_responses_organization_id_idx ON scheduler.pulse_responses (organization_id);

      CREATE TABLE scheduler.pulse_answers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        week text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
        leader_id uuid,
        score int NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text CHECK (length(comment) <= 500)
      );
      CREATE INDEX pulse_answers_week_idx ON scheduler.pulse_answers (organization_id, week, leader_id);
    `);
    for (const table of ['pulse_responses', 'pulse_answers']) {
      for (const statement of tenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['pulse_answers', 'pulse_responses']) {
      for (const statement of dropTenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
      await queryRunner.query(`DROP TABLE scheduler.${table}`);
    }
  }
}
