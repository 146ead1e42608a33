import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '@tend/auth';
import { applyDatabaseScopes, runAcrossTenants, runInOrganization, SERVICE_ROLE } from '@tend/database';
import {
  givenEnrolledCohort,
  givenFirstLessonDelivered,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Organization,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';

const SCHEMAS = ['content', 'cohorts', 'scheduler'];

/** Tables that hold no organization's rows: the migrations' own record and the ids of events applied. */
const NOT_TENANT_TABLES = ['migrations', 'applied_events'];

interface TenantTable {
  name: string;
  tenantColumn: string;
}

/**
 * Tenant isolation that the database enforces: even a query that forgets its
 * WHERE clause, run with the services' own login, sees only the rows of the
 * organization its transaction is scoped to, and none outside any scope.
 */
describe('row-level security', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let tenantTables: TenantTable[];
  let servicePool: Pool;

  beforeAll(async () => {
    stack = await startTestStack();
    // A Tuesday past the lesson time, so the first lessons are due at once, whatever the real clock says.
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    for (const organization of [acme, globex]) {
      const track = await givenPublishedTrack(organization.admin);
      const learner = await givenPerson(stack, organization, { name: 'Dana', role: Role.LEARNER, timezone: 'UTC' });
      await givenEnrolledCohort(organization, track, [learner.id]);
      await givenFirstLessonDelivered(learner);
    }
    tenantTables = await withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query<{ schema: string; table: string; has_org: boolean }>(
        `SELECT n.nspname AS schema, c.relname AS table,
                EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id') AS has_org
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')`,
        [SCHEMAS],
      );
      return rows
        .filter((row) => !NOT_TENANT_TABLES.includes(row.table))
        .map((row) => ({
          name: `${row.schema}.${row.table}`,
          tenantColumn: row.schema === 'cohorts' && row.table === 'organizations' ? 'id' : 'organization_id',
        }));
    });
    servicePool = new Pool({ connectionString: stack.serviceDatabaseUrl, max: 1 });
  }, 120_000);

  afterAll(async () => {
    await servicePool?.end();
    await stack?.stop();
  });

  /** Which organizations' rows a query over each tenant table returns. */
  async function organizationsSeen(query: (sql: string) => Promise<{ tenant: string }[]>) {
    const seen = new Map<string, Set<string>>();
    for (const table of tenantTables) {
      const rows = await query(`SELECT DISTINCT ${table.tenantColumn}::text AS tenant FROM ${table.name}`);
      seen.set(table.name, new Set(rows.map((row) => row.tenant)));
    }
    return seen;
  }

  it('a catalog check: every tenant table has a forced policy, and the services login bypasses nothing', async () => {
    await withClient(stack.databaseUrl, async (client) => {
      const { rows: tables } = await client.query<{
        name: string;
        enabled: boolean;
        forced: boolean;
        policies: number;
      }>(
        `SELECT n.nspname || '.' || c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY($2))`,
        [SCHEMAS, NOT_TENANT_TABLES],
      );
      expect(tables.length).toBeGreaterThanOrEqual(20);
      const unprotected = tables.filter((table) => !table.enabled || !table.forced || table.policies === 0);
      expect(unprotected.map((table) => table.name)).toEqual([]);

      const { rows: views } = await client.query<{ name: string; options: string[] | null }>(
        `SELECT n.nspname || '.' || c.relname AS name, c.reloptions AS options
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ANY($1) AND c.relkind IN ('v', 'm')`,
        [SCHEMAS],
      );
      expect(views.filter((view) => !view.options?.includes('security_invoker=true')).map((view) => view.name)).toEqual(
        [],
      );

      const login = new URL(stack.serviceDatabaseUrl).username;
      // A session's temporary tables (the planner's batch) belong to their login and hold no one else's rows.
      const { rows: roles } = await client.query(
        `SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
                (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relpersistence <> 't') AS owned,
                pg_has_role(r.oid, $2, 'MEMBER') AS member
         FROM pg_roles r WHERE r.rolname = $1`,
        [login, SERVICE_ROLE],
      );
      expect(roles).toEqual([{ superuser: false, bypassrls: false, owned: 0, member: true }]);
    });
  });

  it("a raw, unscoped SELECT in organization A's scope returns only A's rows", async () => {
    const dataSource = new DataSource({ type: 'postgres', url: stack.serviceDatabaseUrl, poolSize: 2 });
    applyDatabaseScopes(dataSource);
    await dataSource.initialize();
    try {
      const seen = await runInOrganization(acme.organizationId, () =>
        organizationsSeen((sql) => dataSource.query(sql)),
      );
      for (const [table, organizations] of seen) {
        expect({ table, organizations: [...organizations].filter((id) => id !== acme.organizationId) }).toEqual({
          table,
          organizations: [],
        });
      }
      const tablesWithAcmeRows = [...seen].filter(([, organizations]) => organizations.size > 0).map(([t]) => t);
      expect(tablesWithAcmeRows).toEqual(
        expect.arrayContaining(['cohorts.people', 'content.lessons', 'scheduler.deliveries', 'scheduler.enrollments']),
      );

      // Across tenants (the planner's kind of work), both organizations are there.
      const all = await runAcrossTenants('test', () => organizationsSeen((sql) => dataSource.query(sql)));
      expect(all.get('cohorts.people')).toEqual(new Set([acme.organizationId, globex.organizationId]));
    } finally {
      await dataSource.destroy();
    }
  });

  it('outside any scope the services login sees no rows and can write none', async () => {
    const seen = await organizationsSeen(async (sql) => (await servicePool.query(sql)).rows);
    expect([...seen].filter(([, organizations]) => organizations.size > 0)).toEqual([]);

    await expect(
      servicePool.query(`INSERT INTO cohorts.teams (organization_id, name) VALUES ($1, 'Night shift')`, [
        acme.organizationId,
      ]),
    ).rejects.toThrow(/row-level security/);
  });

  it("within A's scope, B's rows can be neither changed nor created", async () => {
    const client = await servicePool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('tend.organization_id', $1, true)`, [acme.organizationId]);
      const updated = await client.query(`UPDATE cohorts.people SET name = 'Mallory' WHERE organization_id = $1`, [
        globex.organizationId,
      ]);
      expect(updated.rowCount).toBe(0);
      await expect(
        client.query(`INSERT INTO cohorts.teams (organization_id, name) VALUES ($1, 'Night shift')`, [
          globex.organizationId,
        ]),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it("a pooled connection does not carry one tenant's setting into the next piece of work", async () => {
    // One connection in the pool: the second query reuses the first one's connection.
    const client = await servicePool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('tend.organization_id', $1, true)`, [acme.organizationId]);
      expect((await client.query('SELECT count(*)::int AS n FROM cohorts.people')).rows[0].n).toBeGreaterThan(0);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect((await servicePool.query('SELECT count(*)::int AS n FROM cohorts.people')).rows[0].n).toBe(0);
  });

  it("a services connection reused by one piece of work after another shows each only its own organization's rows", async () => {
    // One connection: every piece of work below runs on the session the one before it used.
    const dataSource = new DataSource({ type: 'postgres', url: stack.serviceDatabaseUrl, poolSize: 1 });
    applyDatabaseScopes(dataSource);
    await dataSource.initialize();
    const sql = 'SELECT DISTINCT organization_id::text AS tenant FROM cohorts.people ORDER BY 1';
    const tenantsSeen = async (run: (sql: string) => Promise<{ tenant: string }[]>) =>
      (await run(sql)).map((row) => row.tenant);
    const outsideTransactions = () => tenantsSeen((text) => dataSource.query(text));
    const inTransaction = () => dataSource.transaction((manager) => tenantsSeen((text) => manager.query(text)));
    try {
      expect(await runInOrganization(acme.organizationId, outsideTransactions)).toEqual([acme.organizationId]);
      expect(await outsideTransactions()).toEqual([]);
      expect(await runInOrganization(globex.organizationId, outsideTransactions)).toEqual([globex.organizationId]);
      expect(await inTransaction()).toEqual([]);
      expect(await runInOrganization(acme.organizationId, inTransaction)).toEqual([acme.organizationId]);
      expect(await runInOrganization(acme.organizationId, outsideTransactions)).toEqual([acme.organizationId]);
      expect(await runInOrganization(globex.organizationId, inTransaction)).toEqual([globex.organizationId]);
      await expect(
        runInOrganization(globex.organizationId, () =>
          dataSource.transaction(async (manager) => {
            await manager.query(sql);
            throw new Error('rolled back');
          }),
        ),
      ).rejects.toThrow('rolled back');
      expect(await outsideTransactions()).toEqual([]);
      expect(await runAcrossTenants('test', outsideTransactions)).toEqual(
        [acme.organizationId, globex.organizationId].sort(),
      );
      expect(await outsideTransactions()).toEqual([]);
      expect(await runInOrganization(globex.organizationId, outsideTransactions)).toEqual([globex.organizationId]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('a service refuses to start on a login that would bypass row-level security', async () => {
    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['-r', 'tsconfig-paths/register', join(__dirname, '../../../dist/apps/content/src/main.js')],
        {
          env: {
            ...process.env,
            TS_NODE_PROJECT: join(__dirname, '../../../tsconfig.runtime.json'),
            HOST: '127.0.0.1',
            PORT: '0',
            DATABASE_URL: stack.databaseUrl,
            REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
            REDIS_PREFIX: 'tend-test-refused-login',
            GATEWAY_SIGNING_SECRET: 'a'.repeat(64),
            LOG_LEVEL: 'error',
          },
        },
      );
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.stderr.on('data', (chunk) => (text += chunk));
      child.once('exit', (code) => resolve({ code, text }));
    });
    expect(output.code).toBe(1);
    expect(output.text).toMatch(/DATABASE_URL connects as "\w+", which is a superuser/);
  }, 60_000);
});
