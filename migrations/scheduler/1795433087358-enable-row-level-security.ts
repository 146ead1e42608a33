import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, revokeServiceRoleSql, serviceRoleGrantsSql, tenantIsolationSql } from '@tend/database';

/** Every scheduler table that holds one organization's rows, with the column that names it. */
const TENANT_TABLES: [table: string, tenantColumn: string][] = [
  ['people', 'organization_id'],
  ['cohorts', 'organization_id'],
  ['cohort_members', 'organization_id'],
  ['track_lessons', 'organization_id'],
  ['enrollments', 'organization_id'],
  ['learner_enrollments', 'organization_id'],
  ['deliveries', 'organization_id'],
];

/**
 * The database enforces tenant isolation: the services connect as members of
 * the service role, and every tenant table shows them only the rows of the
 * organization their transaction is scoped to.
 */
export class EnableSchedulerRowLevelSecurity1795433087358 implements MigrationInterface {
  name = 'EnableSchedulerRowLevelSecurity1795433087358';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of serviceRoleGrantsSql('scheduler')) await queryRunner.query(statement);
    for (const [table, column] of TENANT_TABLES) {
      for (const statement of tenantIsolationSql('scheduler', table, column)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TENANT_TABLES) {
      for (const statement of dropTenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
    }
    for (const statement of revokeServiceRoleSql('scheduler')) await queryRunner.query(statement);
  }
}
