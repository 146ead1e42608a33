import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { applyDatabaseScopes, SERVICE_ROLE } from './tenant-scope';

/**
 * A service's TypeORM connection, with every query runner applying the current
 * database scope. The service refuses to start on a login that row-level
 * security would not apply to.
 */
export function databaseRootModule(options: DataSourceOptions): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => options,
    dataSourceFactory: async (resolved) => {
      if (!resolved) throw new Error('databaseRootModule needs data source options');
      const dataSource = new DataSource(resolved);
      applyDatabaseScopes(dataSource);
      await dataSource.initialize();
      try {
        await refuseUnrestrictedLogin(dataSource);
      } catch (error) {
        await dataSource.destroy();
        throw error;
      }
      return dataSource;
    },
  });
}

/**
 * Owning a table exempts the owner from its row-level security. A session's temporary tables
 * (the planner's batch) are owned by the login that made them and hold no one else's rows.
 */
async function refuseUnrestrictedLogin(dataSource: DataSource): Promise<void> {
  const [login]: { name: string; superuser: boolean; bypassrls: boolean; owned: string }[] = await dataSource.query(
    `SELECT rolname AS name, rolsuper AS superuser, rolbypassrls AS bypassrls,
            (SELECT count(*) FROM pg_class WHERE relowner = pg_roles.oid AND relpersistence <> 't') AS owned
     FROM pg_roles WHERE rolname = current_user`,
  );
  const reason = login.superuser
    ? 'is a superuser'
    : login.bypassrls
      ? 'has BYPASSRLS'
      : Number(login.owned) > 0
        ? 'owns tables'
        : undefined;
  if (reason) {
    throw new Error(
      `DATABASE_URL connects as "${login.name}", which ${reason}, so row-level security would not isolate ` +
        `organizations. Connect the services as a login that is a member of ${SERVICE_ROLE} (see README, "Database roles").`,
    );
  }
}
