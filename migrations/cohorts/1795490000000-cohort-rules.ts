import { MigrationInterface, QueryRunner } from 'typeorm';

export class CohortRules1795490000000 implements MigrationInterface {
  name = 'CohortRules1795490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Who belongs by rule (team, location, role, a leader's subtree); null: static members only.
      ALTER TABLE cohorts.cohorts ADD COLUMN rule jsonb NULL;
      -- A member the rule brought in leaves when the rule stops matching; one added by hand stays.
      ALTER TABLE cohorts.cohort_members ADD COLUMN by_rule boolean NOT NULL DEFAULT false;
      CREATE INDEX cohorts_with_rules_idx ON cohorts.cohorts (organization_id) WHERE rule IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX cohorts.cohorts_with_rules_idx;
      ALTER TABLE cohorts.cohort_members DROP COLUMN by_rule;
      ALTER TABLE cohorts.cohorts DROP COLUMN rule;
    `);
  }
}
