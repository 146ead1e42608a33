import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropTenantIsolationSql,
  revokeServiceRoleSql,
  SERVICE_ROLE,
  serviceRoleGrantsSql,
  tenantIsolationSql,
} from '@tend/database';

/** Every cohorts table that holds one organization's rows, with the column that names it. */
const TENANT_TABLES: [table: string, tenantColumn: string][] = [
  ['organizations', 'id'],
  ['teams', 'organization_id'],
  ['people', 'organization_id'],
  ['cohorts', 'organization_id'],
  ['cohort_members', 'organization_id'],
  ['published_tracks', 'organization_id'],
  ['enrollments', 'organization_id'],
  ['outbox', 'organization_id'],
  ['api_clients', 'organization_id'],
  ['audit_log', 'organization_id'],
];

/**
 * The database enforces tenant isolation: the services connect as members of
 * the service role, and every tenant table shows them only the rows of the
 * organization their transaction is scoped to.
 */
export class EnableCohortsRowLevelSecurity1795433087358 implements MigrationInterface {
  name = 'EnableCohortsRowLevelSecurity1795433087358';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of serviceRoleGrantsSql('cohorts')) await queryRunner.query(statement);
    // The audit log is append-only for the services as well as by its triggers.
    await queryRunner.query(`REVOKE UPDATE, DELETE ON cohorts.audit_log FROM ${SERVICE_ROLE}`);
    for (const [table, column] of TENANT_TABLES) {
      for (const statement of tenantIsolationSql('cohorts', table, column)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TENANT_TABLES) {
      for (const statement of dropTenantIsolationSql('cohorts', table)) await queryRunner.query(statement);
    }
    for (const statement of revokeServiceRoleSql('cohorts')) await queryRunner.query(statement);
  }
}
