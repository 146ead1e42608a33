import { decodeCursor, encodeCursor, PageArgs, pageRequest, toConnection } from './connection';
import { DomainError } from './domain-error';

describe('cursor pagination', () => {
  const rows = [1, 2, 3].map((n) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    at: `2026-12-0${n}T00:00:00.000Z`,
  }));
  const cursorOf = (row: (typeof rows)[number]) => ({ key: row.at, id: row.id });

  const forward = (size: number) => ({ size, backward: false });

  it('says there is a next page when the extra row came back', () => {
    const page = toConnection(rows, forward(2), cursorOf);
    expect(page.edges.map((edge) => edge.node.id)).toEqual([rows[0].id, rows[1].id]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor(cursorOf(rows[0])),
      endCursor: encodeCursor(cursorOf(rows[1])),
    });
  });

  it('ends with no cursor on an empty page', () => {
    expect(toConnection([], forward(20), cursorOf).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('turns a backward page, fetched last first, around, and says there is a previous page when the extra row came back', () => {
    const before = cursorOf(rows[2]);
    const page = toConnection([rows[1], rows[0]], { size: 1, backward: true, before }, cursorOf);
    expect(page.edges.map((edge) => edge.node.id)).toEqual([rows[1].id]);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('says a page after a cursor has a previous page, and one before a cursor a next page', () => {
    const after = cursorOf(rows[0]);
    expect(toConnection([rows[1]], { size: 5, backward: false, after }, cursorOf).pageInfo).toMatchObject({
      hasPreviousPage: true,
      hasNextPage: false,
    });
  });

  it('reads first or last, with the default size when neither is given', () => {
    expect(pageRequest({})).toEqual({ size: 20, backward: false, after: undefined, before: undefined });
    expect(pageRequest({ last: 5 })).toMatchObject({ size: 5, backward: true });
    expect(pageRequest({ first: 7 })).toMatchObject({ size: 7, backward: false });
  });

  it.each<[PageArgs, string]>([
    [{ first: 101 }, 'first'],
    [{ last: 101 }, 'last'],
    [{ last: 0 }, 'last'],
    [{ first: 5, last: 5 }, 'last'],
    [{ before: 'garbage' }, 'before'],
  ])('refuses %j as bad input on %s', (args, field) => {
    expect(() => pageRequest(args)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
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
