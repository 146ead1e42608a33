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

/** Runs `work` with every organization's rows visible; `reason` names the system work for readers and logs. */
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
 * creates a tenant table runs it.
 */
export function tenantIsolationSql(schema: string, table: string): string[] {
  const name = `"${schema}"."${table}"`;
  return [
    `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${name}
       USING (${TENANT_PREDICATE})
       WITH CHECK (${TENANT_PREDICATE})`,
  ];
}

const TENANT_PREDICATE = `organization_id = NULLIF(current_setting('tend.organization_id', true), '')::uuid
         OR current_setting('tend.across_tenants', true) = 'on'`;
