import SCIMMY from 'scimmy';
import { ScimErrors } from './scim-error';

/** How one filterable attribute reads in SQL: an expression over the resource's row, and its SCIM type. */
export interface FilterColumn {
  sql: string;
  type: 'string' | 'boolean' | 'dateTime';
  /** RFC 7643: compared without regard to case unless the attribute is caseExact (ids are). */
  caseExact?: boolean;
  /** Kept in lowercase (emails): only the value is lowered, so the column's index serves `eq`. */
  lowercase?: boolean;
  /** For a multi-valued attribute, the rows of its values: the filter matches when one of them does. */
  within?: string;
}

/** The attributes a resource type lets clients filter by, keyed by lowercase dotted path (`emails.value`). */
export type FilterableAttributes = Readonly<Record<string, FilterColumn>>;

export interface SqlCondition {
  sql: string;
  parameters: unknown[];
}

type Comparison = [string, ...unknown[]];

const SCHEMA_URN = /^urn:ietf:params:scim:schemas:(?:core:2\.0:(?:User|Group)|extension:enterprise:2\.0:User):/i;

/**
 * A SCIM filter (RFC 7644 §3.4.2.2) as a parameterised SQL condition. SCIMMY parses the filter and
 * refuses bad syntax; what it hands back is the filter in disjunctive form (groups ORed, the
 * attributes within a group ANDed), which this turns into SQL whose every value is a parameter,
 * numbered from `firstParameter`. An attribute outside `attributes` is an invalidFilter.
 */
export function filterToSql(filter: string, attributes: FilterableAttributes, firstParameter: number): SqlCondition {
  let groups: Record<string, unknown>[];
  try {
    groups = [...new SCIMMY.Types.Filter(filter)] as Record<string, unknown>[];
  } catch (error) {
    throw ScimErrors.invalidFilter(`The filter is not valid: ${(error as Error).message}`);
  }
  const parameters: unknown[] = [];
  const parameter = (value: unknown) => {
    parameters.push(value);
    return `$${firstParameter + parameters.length - 1}`;
  };
  const ored = groups.map((group) => {
    const anded = comparisonsOf(group, '').map(([path, comparison]) => {
      const column = attributes[path];
      if (!column) throw ScimErrors.invalidFilter(`Filtering by ${path} is not supported`);
      return conditionFor(path, column, comparison, parameter);
    });
    return `(${anded.join(' AND ')})`;
  });
  return { sql: `(${ored.join(' OR ')})`, parameters };
}

/** Each (path, comparison) of one ANDed group; an attribute compared twice carries a list of comparisons. */
function comparisonsOf(group: Record<string, unknown>, parent: string): [string, Comparison][] {
  return Object.entries(group).flatMap(([key, value]): [string, Comparison][] => {
    const path = `${parent}${key.replace(SCHEMA_URN, '').toLowerCase()}`;
    if (!Array.isArray(value)) return comparisonsOf(value as Record<string, unknown>, `${path}.`);
    if (Array.isArray(value[0])) return (value as Comparison[]).map((comparison) => [path, comparison]);
    return [[path, value as Comparison]];
  });
}

function conditionFor(
  path: string,
  column: FilterColumn,
  comparison: Comparison,
  parameter: (value: unknown) => string,
): string {
  const negated = comparison[0] === 'not';
  const [operator, value, ...rest] = (negated ? comparison.slice(1) : comparison) as [string, unknown, ...unknown[]];
  if (rest.length > 0) throw ScimErrors.invalidFilter(`${path}: one value to compare with`);
  const compared = comparisonSql(path, column, operator, value, parameter);
  const condition = column.within ? `EXISTS (${column.within} AND ${compared})` : compared;
  return negated ? `NOT COALESCE(${condition}, false)` : condition;
}

function comparisonSql(
  path: string,
  column: FilterColumn,
  operator: string,
  value: unknown,
  parameter: (value: unknown) => string,
): string {
  if (operator === 'pr') return `${column.sql} IS NOT NULL`;
  if (operator === 'np') return `${column.sql} IS NULL`;
  if (column.type === 'boolean') {
    if (typeof value !== 'boolean') throw ScimErrors.invalidFilter(`${path} is compared with true or false`);
    if (operator === 'eq') return `${column.sql} = ${parameter(value)}`;
    if (operator === 'ne') return `${column.sql} IS DISTINCT FROM ${parameter(value)}`;
    throw ScimErrors.invalidFilter(`${path} is a boolean: compare it with eq or ne`);
  }
  if (typeof value !== 'string') throw ScimErrors.invalidFilter(`${path} is compared with a string`);
  if (column.type === 'dateTime') {
    if (Number.isNaN(Date.parse(value))) throw ScimErrors.invalidFilter(`${path}: ${value} is not a dateTime`);
    return dateTimeSql(path, column.sql, operator, parameter(value));
  }
  const [field, given] = column.caseExact
    ? [column.sql, parameter(value)]
    : [column.lowercase ? column.sql : `lower(${column.sql})`, `lower(${parameter(value)})`];
  switch (operator) {
    case 'eq':
      return `${field} = ${given}`;
    case 'ne':
      return `${field} IS DISTINCT FROM ${given}`;
    case 'co':
      return `strpos(${field}, ${given}) > 0`;
    case 'sw':
      return `starts_with(${field}, ${given})`;
    case 'ew':
      return `right(${field}, length(${given})) = ${given}`;
    default: {
      const order = ORDERINGS[operator];
      if (!order) throw ScimErrors.invalidFilter(`Unknown operator ${operator}`);
      return `${field} ${order} ${given}`;
    }
  }
}

const ORDERINGS: Record<string, string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

/**
 * A time compared as meta shows it, to the millisecond (node-postgres drops the microseconds), so
 * that a client sending back a lastModified it read compares equal; written as ranges on the
 * column itself, so an index on it serves `meta.lastModified gt`.
 */
function dateTimeSql(path: string, column: string, operator: string, given: string): string {
  const next = `${given}::timestamptz + interval '1 millisecond'`;
  switch (operator) {
    case 'eq':
      return `(${column} >= ${given}::timestamptz AND ${column} < ${next})`;
    case 'ne':
      return `NOT (${column} >= ${given}::timestamptz AND ${column} < ${next})`;
    case 'gt':
      return `${column} >= ${next}`;
    case 'ge':
      return `${column} >= ${given}::timestamptz`;
    case 'lt':
      return `${column} < ${given}::timestamptz`;
    case 'le':
      return `${column} < ${next}`;
    default:
      throw ScimErrors.invalidFilter(`${path} is a dateTime: compare it with eq, ne, gt, ge, lt or le`);
  }
}
