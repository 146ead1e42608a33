import { Type } from '@nestjs/common';
import { ArgsType, Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, isUUID, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { badInput } from './domain-error';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: 'Whether there are items before this page: page back with last and before: startCursor' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items from the start (or from after), 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`,
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `pages hold 1 to ${MAX_PAGE_SIZE} items` })
  @Max(MAX_PAGE_SIZE, { message: `pages hold 1 to ${MAX_PAGE_SIZE} items` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  @Field(() => Int, {
    nullable: true,
    description: `How many items from the end (or from before), 1-${MAX_PAGE_SIZE}; not with first`,
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `pages hold 1 to ${MAX_PAGE_SIZE} items` })
  @Max(MAX_PAGE_SIZE, { message: `pages hold 1 to ${MAX_PAGE_SIZE} items` })
  last?: number;

  @Field(() => String, { nullable: true, description: 'The startCursor of the next page, to page back' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  before?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type, as docs/ARCHITECTURE.md#conventions writes them. */
export function Connection<T>(nodeType: Type<T>, name = nodeType.name): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** A keyset position: the sort key and id of the last row seen. */
export interface KeysetCursor {
  key: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, field = 'after'): KeysetCursor | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Every list pages by a timestamp and a uuid; anything else was not made by us.
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      isUUID(value[1])
    ) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw badInput(field, 'is not a cursor this API gave out');
}

/**
 * What a caller asked of a list, read once: a forward page holds the first `size` items
 * after `after`, a backward one the last `size` items before `before`; either bound may
 * also be given to the other direction, which then stops there.
 */
export interface PageRequest {
  size: number;
  backward: boolean;
  after?: KeysetCursor;
  before?: KeysetCursor;
}

export function pageRequest(args: PageArgs): PageRequest {
  // Relay allows both, but "the first 10 of the last 20" is a page no client needs, and
  // answering it would cost a query of its own.
  if (isGiven(args.first) && isGiven(args.last)) throw badInput('last', 'page with first or with last, not both');
  for (const [field, size] of [['first', args.first], ['last', args.last]] as const) {
    if (isGiven(size) && (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)) {
      throw badInput(field, `pages hold 1 to ${MAX_PAGE_SIZE} items`);
    }
  }
  const backward = isGiven(args.last);
  return {
    size: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    backward,
    after: decodeCursor(args.after ?? undefined, 'after'),
    before: decodeCursor(args.before ?? undefined, 'before'),
  };
}

function isGiven(value: number | null | undefined): value is number {
  return value !== undefined && value !== null;
}

/**
 * Builds a page from rows fetched in the page's direction with `limit = size + 1`: a
 * backward page's rows come last first, and are turned around here; the extra row only
 * tells whether there are more items that way. The other way, a cursor given says there
 * are: the item it was made from came before (or after) this page.
 */
export function toConnection<T>(
  rows: T[],
  request: PageRequest,
  cursorOf: (row: T) => KeysetCursor,
): ConnectionShape<T> {
  const more = rows.length > request.size;
  const taken = rows.slice(0, request.size);
  const page = request.backward ? taken.reverse() : taken;
  const edges = page.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: (!request.backward && more) || request.before !== undefined,
      hasPreviousPage: (request.backward && more) || request.after !== undefined,
      startCursor: edges.at(0)?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
