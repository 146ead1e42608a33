import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ConnectionShape, decodeCursor, PageArgs, pageSize, toConnection } from './connection';

export interface KeysetOrder<T> {
  /** The timestamp column the list is sorted by, as SQL names it (`created_at`); ties break on `id`. */
  column: string;
  /** The same timestamp, read from a row. */
  keyOf: (row: T) => Date;
  direction: 'ASC' | 'DESC';
}

/**
 * One page of a list, by keyset: rows after the cursor in (timestamp, id)
 * order, so a page stays right while rows are added and costs one index range
 * scan however deep the caller pages.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<T>,
): Promise<ConnectionShape<T>> {
  const first = pageSize(args);
  const after = decodeCursor(args.after);
  const alias = query.alias;
  query
    .orderBy(`${alias}.${order.column}`, order.direction)
    .addOrderBy(`${alias}.id`, order.direction)
    .limit(first + 1);
  if (after) {
    const comparison = order.direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${alias}.${order.column}, ${alias}.id) ${comparison} (:afterKey::timestamptz, :afterId::uuid)`, {
      afterKey: after.key,
      afterId: after.id,
    });
  }
  return toConnection(await query.getMany(), first, (row) => ({ key: order.keyOf(row).toISOString(), id: row.id }));
}
