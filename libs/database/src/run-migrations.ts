import { DataSource, DataSourceOptions } from 'typeorm';

/**
 * Applies a service's pending migrations. The schema is created first because
 * TypeORM keeps its migrations table inside it.
 */
export async function runServiceMigrations(options: DataSourceOptions & { schema?: string }): Promise<string[]> {
  const dataSource = new DataSource({ ...options, logging: false });
  await dataSource.initialize();
  try {
    if (options.schema) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
