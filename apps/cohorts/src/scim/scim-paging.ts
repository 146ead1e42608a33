import { DataSource } from 'typeorm';
import { LIST_RESPONSE_SCHEMA, MAX_PAGE_SIZE } from './scim-schemas';
import { ScimErrors } from './scim-error';

/** What a SCIM list request asks for (RFC 7644 §3.4.2). */
export interface ScimListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
  attributes?: string;
  excludedAttributes?: string;
}

/** A resource type's endpoint (/Users, /Groups): what each HTTP method does to it. */
export interface ScimResources {
  list(organizationId: string, query: ScimListQuery): Promise<Record<string, unknown>>;
  get(organizationId: string, id: string, query: ScimListQuery): Promise<object>;
  create(organizationId: string, body: unknown): Promise<{ meta: { location: string } }>;
  replace(organizationId: string, id: string, body: unknown): Promise<object>;
  patch(organizationId: string, id: string, body: unknown): Promise<object>;
  delete(organizationId: string, id: string): Promise<void>;
}

export interface ScimPage {
  /** 1-based, as SCIM counts. */
  startIndex: number;
  count: number;
}

/** RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0; at most MAX_PAGE_SIZE a page. */
export function pageOf(query: ScimListQuery): ScimPage {
  const number = (text: string | undefined, name: string, fallback: number) => {
    if (text === undefined || text === '') return fallback;
    if (!/^-?\d+$/.test(text)) throw ScimErrors.invalidValue(`${name} must be an integer`);
    return Number(text);
  };
  return {
    startIndex: Math.max(1, number(query.startIndex, 'startIndex', 1)),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, number(query.count, 'count', 100))),
  };
}

export function listResponse(page: ScimPage, totalResults: number, resources: Record<string, unknown>[]) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * One page of the rows `select` finds (its parameters first), oldest first by `order`, and how
 * many it finds in all: what a list answer holds.
 */
export async function pageOfRows<T>(
  dataSource: DataSource,
  select: { sql: string; parameters: unknown[]; order: string },
  page: ScimPage,
): Promise<{ rows: T[]; total: number }> {
  const next = select.parameters.length + 1;
  const [rows, [{ total }]] = await Promise.all([
    dataSource.query<T[]>(`${select.sql} ORDER BY ${select.order} LIMIT $${next} OFFSET $${next + 1}`, [
      ...select.parameters,
      page.count,
      page.startIndex - 1,
    ]),
    dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM (${select.sql}) matching`,
      select.parameters,
    ),
  ]);
  return { rows, total };
}
