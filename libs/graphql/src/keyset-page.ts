import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ConnectionShape, PageArgs, pageRequest, toConnection } from './connection';

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
 * scan however deep the caller pages. A backward page scans the same index from
 * the other end.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<T>,
): Promise<ConnectionShape<T>> {
  const request = pageRequest(args);
  const alias = query.alias;
  const ascending = order.direction === 'ASC';
  const scan = ascending !== request.backward ? 'ASC' : 'DESC';
  query
    .orderBy(`${alias}.${order.column}`, scan)
    .addOrderBy(`${alias}.id`, scan)
    .limit(request.size + 1);
  const position = `(${alias}.${order.column}, ${alias}.id)`;
  if (request.after) {
    query.andWhere(`${position} ${ascending ? '>' : '<'} (:afterKey::timestamptz, :afterId::uuid)`, {
      afterKey: request.after.key,
      afterId: request.after.id,
    });
  }
  if (request.before) {
    query.andWhere(`${position} ${ascending ? '<' : '>'} (:beforeKey::timestamptz, :beforeId::uuid)`, {
      beforeKey: request.before.key,
      beforeId: request.before.id,
    });
  }
  const rows = await query.getMany();
  return toConnection(rows, request, (row) => ({ key: order.keyOf(row).toISOString(), id: row.id }));
}
