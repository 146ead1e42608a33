import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, revokeServiceRoleSql, serviceRoleGrantsSql, tenantIsolationSql } from '@tend/database';

/** Every content table that holds one organization's rows, with the column that names it. */
const TENANT_TABLES: [table: string, tenantColumn: string][] = [
  ['tracks', 'organization_id'],
  ['lessons', 'organization_id'],
  ['questions', 'organization_id'],
  ['review_cards', 'organization_id'],
  ['outbox', 'organization_id'],
];

/**
 * The database enforces tenant isolation: the services connect as members of
 * the service role, and every tenant table shows them only the rows of the
 * organization their transaction is scoped to.
 */
export class EnableContentRowLevelSecurity1795433087358 implements MigrationInterface {
  name = 'EnableContentRowLevelSecurity1795433087358';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of serviceRoleGrantsSql('content')) await queryRunner.query(statement);
    for (const [table, column] of TENANT_TABLES) {
      for (const statement of tenantIsolationSql('content', table, column)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TENANT_TABLES) {
      for (const statement of dropTenantIsolationSql('content', table)) await queryRunner.query(statement);
    }
    for (const statement of revokeServiceRoleSql('content')) await queryRunner.query(statement);
  }
}
