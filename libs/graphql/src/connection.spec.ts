import { decodeCursor, encodeCursor, toConnection } from './connection';
import { DomainError } from './domain-error';

describe('cursor pagination', () => {
  const rows = [1, 2, 3].map((n) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    at: `2026-12-0${n}T00:00:00.000Z`,
  }));
  const cursorOf = (row: (typeof rows)[number]) => ({ key: row.at, id: row.id });

  it('says there is a next page when the extra row came back', () => {
    const page = toConnection(rows, 2, cursorOf);
    expect(page.edges.map((edge) => edge.node.id)).toEqual([rows[0].id, rows[1].id]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(cursorOf(rows[1])) });
  });

  it('ends with no cursor on an empty page', () => {
    expect(toConnection([], 20, cursorOf).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('reads back the cursors it gave out', () => {
    expect(decodeCursor(encodeCursor(cursorOf(rows[2])))).toEqual(cursorOf(rows[2]));
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('refuses a cursor it did not give out, as bad input on the after argument', () => {
    for (const forged of [
      'garbage',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
    ]) {
      try {
        decodeCursor(forged);
        throw new Error('accepted a forged cursor');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      }
    }
  });
});
