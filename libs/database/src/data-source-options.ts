import type { DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDataSourceSettings {
  url: string;
  /** The Postgres schema the service owns; it reads and writes nothing else. */
  schema: string;
  entities: PostgresDataSourceOptions['entities'];
  migrations: PostgresDataSourceOptions['migrations'];
  poolSize?: number;
}

/** One definition per service, shared by the app and its migration CLI; the schema is only ever changed by migrations. */
export function serviceDataSourceOptions(settings: ServiceDataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: settings.poolSize ?? 10, application_name: `tend-${settings.schema}` },
  };
}
