import { loaderById } from './loader-by-id';

describe('loaderById', () => {
  const rows = [
    { id: 'a', name: 'Ada' },
    { id: 'b', name: 'Bo' },
  ];

  it('gives each id its row in one batch, in the order asked, and undefined for an id without one', async () => {
    const batches: string[][] = [];
    const loader = loaderById(
      async (ids: string[]) => {
        batches.push(ids);
        return rows.filter((row) => ids.includes(row.id)).reverse();
      },
      (row) => row.id,
    );
    expect(await loader.loadMany(['b', 'missing', 'a'])).toEqual([rows[1], undefined, rows[0]]);
    expect(batches).toEqual([['b', 'missing', 'a']]);
  });

  it('serves what valueOf makes of the row, or of its absence', async () => {
    const loader = loaderById(
      async () => rows,
      (row) => row.id,
      (row) => row?.name ?? null,
    );
    expect(await loader.loadMany(['a', 'missing'])).toEqual(['Ada', null]);
  });
});
