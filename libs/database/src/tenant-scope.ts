import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Whose rows the database lets the current work see. Row-level security
 * policies read it from two settings that are set with `SET LOCAL` semantics
 * (`set_config(..., true)`) at the start of every transaction, so a pooled
 * connection never carries one tenant's setting into another's work.
 */
export type DatabaseScope =
  | { kind: 'organization'; organizationId: string }
  /** Named system work that spans organizations: the planner, the reconciler, the outbox relay, key lookups. */
  | { kind: 'across-tenants'; reason: string };

const scopes = new AsyncLocalStorage<DatabaseScope>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `work` so that every query it makes sees only this organization's rows. */
export function runInOrganization<T>(organizationId: string, work: () => T): T {
  if (!UUID.test(organizationId)) throw new Error('runInOrganization needs an organization id (a uuid)');
  return scopes.run({ kind: 'organization', organizationId }, work);
}

/** Runs `work` with every organization's rows visible; `reason` names the system work, so each such place says why. */
export function runAcrossTenants<T>(reason: string, work: () => T): T {
  return scopes.run({ kind: 'across-tenants', reason }, work);
}

export function currentDatabaseScope(): DatabaseScope | undefined {
  return scopes.getStore();
}

/**
 * The statement that applies a scope to the current transaction. Code that
 * holds a raw `pg` client (COPY streams) runs it right after `BEGIN`.
 */
export function scopeStatement(scope: DatabaseScope): { text: string; values: string[] } {
  return {
    text: `SELECT set_config('tend.organization_id', $1, true), set_config('tend.across_tenants', $2, true)`,
    values: scope.kind === 'organization' ? [scope.organizationId, ''] : ['', 'on'],
  };
}

/**
 * Makes every query runner of `dataSource` apply the current scope: a
 * transaction sets it right after it starts, and a statement outside any
 * transaction runs in one of its own so that the setting stays local to it.
 * Outside any scope nothing is set, and row-level security shows no rows.
 */
export function applyDatabaseScopes(dataSource: DataSource): void {
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => scoped(createQueryRunner(mode));
}

function scoped(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner) as QueryRunner['query'];
  const startTransaction = runner.startTransaction.bind(runner);

  runner.startTransaction = async (isolationLevel) => {
    const outermost = !runner.isTransactionActive;
    await startTransaction(isolationLevel);
    const scope = scopes.getStore();
    if (outermost && scope) {
      const statement = scopeStatement(scope);
      await query(statement.text, statement.values);
    }
  };

  runner.query = (async (text: string, parameters?: unknown[], structured?: boolean) => {
    if (runner.isTransactionActive || !scopes.getStore()) return query(text, parameters, structured as never);
    await runner.startTransaction();
    try {
      const result: unknown = await query(text, parameters, structured as never);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }) as QueryRunner['query'];

  return runner;
}

/**
 * The SQL that isolates one tenant table: row-level security, forced for the
 * owner too, with one policy for reads and writes. Every migration that
 * creates a tenant table runs it. (`organizations` is keyed by its own id.)
 */
export function tenantIsolationSql(schema: string, table: string, tenantColumn = 'organization_id'): string[] {
  const name = `"${schema}"."${table}"`;
  const predicate = `${tenantColumn} = NULLIF(current_setting('tend.organization_id', true), '')::uuid
         OR current_setting('tend.across_tenants', true) = 'on'`;
  return [
    `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${name} USING (${predicate}) WITH CHECK (${predicate})`,
  ];
}

/**
 * The role every service's login is a member of: it owns no table and has
 * neither SUPERUSER nor BYPASSRLS, so row-level security always applies to it.
 */
export const SERVICE_ROLE = 'tend_service';

/** Creates the service role (once per cluster) and grants it the use of one service's schema. */
export function serviceRoleGrantsSql(schema: string): string[] {
  return [
    // Test databases migrate side by side in one cluster, so a concurrent creation is expected.
    `DO $$ BEGIN
       CREATE ROLE ${SERVICE_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
    `GRANT USAGE ON SCHEMA "${schema}" TO ${SERVICE_ROLE}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${schema}" TO ${SERVICE_ROLE}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${schema}" TO ${SERVICE_ROLE}`,
    `REVOKE ALL ON "${schema}".migrations FROM ${SERVICE_ROLE}`,
    // Tables that later migrations create are granted as they appear.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${SERVICE_ROLE}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT USAGE, SELECT ON SEQUENCES TO ${SERVICE_ROLE}`,
  ];
}

/** Undoes `serviceRoleGrantsSql` for one schema; the role stays, since other schemas and databases use it. */
export function revokeServiceRoleSql(schema: string): string[] {
  return [
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" REVOKE ALL ON SEQUENCES FROM ${SERVICE_ROLE}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" REVOKE ALL ON TABLES FROM ${SERVICE_ROLE}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA "${schema}" FROM ${SERVICE_ROLE}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA "${schema}" FROM ${SERVICE_ROLE}`,
    `REVOKE USAGE ON SCHEMA "${schema}" FROM ${SERVICE_ROLE}`,
  ];
}

/** Undoes `tenantIsolationSql`. */
export function dropTenantIsolationSql(schema: string, table: string): string[] {
  const name = `"${schema}"."${table}"`;
  return [
    `DROP POLICY tenant_isolation ON ${name}`,
    `ALTER TABLE ${name} NO FORCE ROW LEVEL SECURITY`,
    `ALTER TABLE ${name} DISABLE ROW LEVEL SECURITY`,
  ];
}
