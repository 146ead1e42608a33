import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { applyDatabaseScopes } from './tenant-scope';

/** A service's TypeORM connection, with every query runner applying the current database scope. */
export function databaseRootModule(options: DataSourceOptions): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => options,
    dataSourceFactory: async (resolved) => {
      if (!resolved) throw new Error('databaseRootModule needs data source options');
      const dataSource = new DataSource(resolved);
      applyDatabaseScopes(dataSource);
      return dataSource.initialize();
    },
  });
}
