import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Whose rows the database lets the current work see. Row-level security
 * policies read it from two settings, which `applyDatabaseScopes` sets before
 * every piece of work that a connection does, so a pooled connection never
 * carries one tenant's setting into another's work.
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
  return { text: TRANSACTION_SCOPE_STATEMENT, values: settingsOf(scope) };
}

const TRANSACTION_SCOPE_STATEMENT = `SELECT set_config('tend.organization_id', $1, true), set_config('tend.across_tenants', $2, true)`;

/**
 * Makes every query runner of `dataSource` apply the current scope. A connection carries the scope
 * of the last work done on it as a session setting, which the wrapper tracks per connection: a
 * statement outside any transaction runs at once when its connection already carries its scope,
 * and after one `set_config` when not, rather than in a transaction of its own (BEGIN,
 * `set_config`, the statement, COMMIT: four round trips for one read). Work outside any scope
 * clears a connection's setting before it runs, so row-level security shows it no rows, as
 * before. A transaction whose scope differs from its connection's sets its own with `SET LOCAL`
 * semantics, so a rollback never leaves a setting the wrapper does not know of.
 */
export function applyDatabaseScopes(dataSource: DataSource): void {
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => scoped(createQueryRunner(mode));
}

/** A scope as a connection's session carries it: '' for none. */
type SessionScope = string;

/**
 * What each pooled connection's session carries. A connection missing here (new, or whose last
 * change of setting failed) carries an unknown setting and is set before any use.
 */
const sessionScopes = new WeakMap<object, SessionScope>();

function sessionScopeOf(scope: DatabaseScope | undefined): SessionScope {
  if (!scope) return '';
  return scope.kind === 'organization' ? `organization:${scope.organizationId}` : 'across-tenants';
}

function settingsOf(scope: DatabaseScope | undefined): string[] {
  if (!scope) return ['', ''];
  return scope.kind === 'organization' ? [scope.organizationId, ''] : ['', 'on'];
}

const SESSION_SCOPE_STATEMENT = `SELECT set_config('tend.organization_id', $1, false), set_config('tend.across_tenants', $2, false)`;

function scoped(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner) as QueryRunner['query'];
  const startTransaction = runner.startTransaction.bind(runner);
  const connection = () => runner.connect() as Promise<object>;

  runner.startTransaction = async (isolationLevel) => {
    const outermost = !runner.isTransactionActive;
    await startTransaction(isolationLevel);
    if (!outermost) return;
    const scope = scopes.getStore();
    if (sessionScopes.get(await connection()) === sessionScopeOf(scope)) return;
    await query(TRANSACTION_SCOPE_STATEMENT, settingsOf(scope));
  };

  runner.query = (async (text: string, parameters?: unknown[], structured?: boolean) => {
    if (!runner.isTransactionActive) {
      const scope = scopes.getStore();
      const wanted = sessionScopeOf(scope);
      const client = await connection();
      if (sessionScopes.get(client) !== wanted) {
        sessionScopes.delete(client);
        await query(SESSION_SCOPE_STATEMENT, settingsOf(scope));
        sessionScopes.set(client, wanted);
      }
    }
    return query(text, parameters, structured as never);
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
