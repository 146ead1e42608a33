import type { DataSourceOptions } from 'typeorm';
import type { ServiceConfig } from '@tend/config';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDataSourceSettings {
  url: string;
  /** The Postgres schema the service owns; it reads and writes nothing else. */
  schema: string;
  entities: PostgresDataSourceOptions['entities'];
  migrations: PostgresDataSourceOptions['migrations'];
  poolSize?: number;
  /** The services' limits; migrations and the CLI go without, since building an index may take long. */
  timeouts?: DatabaseTimeouts;
}

/**
 * How long a service's database session may run, hold or wait. Without them a runaway query or a
 * process frozen inside a transaction keeps its connection and row locks (the planner's claimed
 * learners among them) until someone kills it, and a caller waits for a connection indefinitely.
 */
export interface DatabaseTimeouts {
  /** Postgres cancels a statement that runs longer (`statement_timeout`). */
  statementTimeoutMs: number;
  /** Postgres ends a session that idles longer inside a transaction, which rolls back and releases its locks. */
  idleInTransactionTimeoutMs: number;
  /** Opening a connection, or waiting for a free one of the pool, fails after this long. */
  connectTimeoutMs: number;
}

export function databaseTimeoutsOf(
  config: Pick<
    ServiceConfig,
    'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS' | 'DATABASE_CONNECT_TIMEOUT_MS'
  >,
): DatabaseTimeouts {
  return {
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
  };
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
    extra: {
      max: settings.poolSize ?? 10,
      application_name: `tend-${settings.schema}`,
      ...(settings.timeouts && {
        statement_timeout: settings.timeouts.statementTimeoutMs,
        idle_in_transaction_session_timeout: settings.timeouts.idleInTransactionTimeoutMs,
        connectionTimeoutMillis: settings.timeouts.connectTimeoutMs,
      }),
    },
  };
}
