import { NamedStatement } from './named-statement';

describe('NamedStatement', () => {
  it('numbers the names in the order given, wherever they stand in the text', () => {
    const statement = new NamedStatement<{ ids: string[]; sentAt: string }>(
      'SELECT $sentAt::timestamptz, id FROM unnest($ids::uuid[]) AS id WHERE $sentAt IS NOT NULL',
      ['ids', 'sentAt'],
    );
    expect(statement.sql).toBe('SELECT $2::timestamptz, id FROM unnest($1::uuid[]) AS id WHERE $2 IS NOT NULL');
    expect(statement.values({ sentAt: '2026-03-04T16:00:00Z', ids: ['a'] })).toEqual([['a'], '2026-03-04T16:00:00Z']);
  });

  it('refuses a name its parameters do not have, and a parameter its text does not use', () => {
    expect(() => new NamedStatement<{ ids: string[] }>('SELECT $id', ['ids'])).toThrow('$id is not among');
    expect(() => new NamedStatement<{ ids: string[]; limit: number }>('SELECT $ids', ['ids', 'limit'])).toThrow(
      "not in the statement's text: limit",
    );
  });

  it('runs the numbered text with the values in order', async () => {
    const query = jest.fn().mockResolvedValue([{ id: 'a' }]);
    const statement = new NamedStatement<{ limit: number; now: string }, { id: string }>(
      'SELECT id FROM t WHERE at <= $now LIMIT $limit',
      ['now', 'limit'],
    );
    await expect(statement.run({ query }, { limit: 5, now: 'then' })).resolves.toEqual([{ id: 'a' }]);
    expect(query).toHaveBeenCalledWith('SELECT id FROM t WHERE at <= $1 LIMIT $2', ['then', 5]);
  });
});
