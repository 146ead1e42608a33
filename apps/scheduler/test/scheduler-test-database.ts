import { DataSource } from 'typeorm';
import { runServiceMigrations } from '@tend/database';
import { createTestDatabase } from '@tend/testing';
import { schedulerDataSourceOptions } from '../src/scheduler.data-source';

export interface SchedulerTestDatabase {
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A database of its own for one spec file, with the scheduler's migrations applied. */
export async function createSchedulerTestDatabase(): Promise<SchedulerTestDatabase> {
  const database = await createTestDatabase();
  await runServiceMigrations(schedulerDataSourceOptions(database.url));
  const dataSource = await new DataSource(schedulerDataSourceOptions(database.url)).initialize();
  return {
    dataSource,
    async drop() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
