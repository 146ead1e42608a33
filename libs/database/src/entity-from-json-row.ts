import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Column types whose JSON form (an ISO string) stands for a Date on the entity. */
const INSTANT_TYPES = new Set<unknown>(['timestamptz', 'timestamp', 'timestamp with time zone', Date]);

/**
 * An entity from a row that Postgres turned into JSON (`row_to_json`, `json_agg`), so that one
 * hand-written statement can return a row together with its related rows, read as TypeORM reads
 * a row: every mapped column under its property name, instants as Dates.
 */
export function entityFromJsonRow<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    (entity as Record<string, unknown>)[column.propertyName] =
      value === undefined || value === null
        ? null
        : INSTANT_TYPES.has(column.type) && typeof value === 'string'
          ? new Date(value)
          : value;
  }
  return entity;
}
