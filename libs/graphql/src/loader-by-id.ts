import DataLoader from 'dataloader';

/**
 * A per-request DataLoader for rows reached by id: `loadRows` reads the rows of a whole batch in
 * one statement, and each id gets the row whose `idOf` it is (or undefined), through a Map, since
 * matching with `rows.find` for every id makes a batch quadratic in its size. `valueOf`, when
 * given, turns the row found (or undefined) into what the loader serves.
 */
export function loaderById<Row, Id = string>(
  loadRows: (ids: Id[]) => Promise<Row[]>,
  idOf: (row: Row) => Id,
): DataLoader<Id, Row | undefined>;
export function loaderById<Row, Value, Id = string>(
  loadRows: (ids: Id[]) => Promise<Row[]>,
  idOf: (row: Row) => Id,
  valueOf: (row: Row | undefined) => Value,
): DataLoader<Id, Value>;
export function loaderById<Row, Value, Id>(
  loadRows: (ids: Id[]) => Promise<Row[]>,
  idOf: (row: Row) => Id,
  valueOf?: (row: Row | undefined) => Value,
): DataLoader<Id, Value | Row | undefined> {
  return new DataLoader<Id, Value | Row | undefined>(async (ids) => {
    const rows = await loadRows([...ids]);
    const byId = new Map(rows.map((row) => [idOf(row), row]));
    return ids.map((id) => (valueOf ? valueOf(byId.get(id)) : byId.get(id)));
  });
}
