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

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items, 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type, as DESIGN §4 writes them. */
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
 * Builds a page from rows fetched with `limit = first + 1`: the extra row only
 * tells whether there is a next page.
 */
export function toConnection<T>(rows: T[], first: number, cursorOf: (row: T) => KeysetCursor): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export function pageSize(args: PageArgs): number {
  return args.first ?? DEFAULT_PAGE_SIZE;
}
