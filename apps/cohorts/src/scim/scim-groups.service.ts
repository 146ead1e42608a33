import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { InputValidationPipe } from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { CohortService } from '../cohorts/cohort.service';
import { CreateCohortInput } from '../cohorts/dto/create-cohort.input';
import { selectAttributes } from './scim-attributes';
import { asScim, ScimErrors } from './scim-error';
import { FilterableAttributes, filterToSql } from './scim-filter';
import { listResponse, pageOf, pageOfRows, ScimListQuery, ScimResources } from './scim-paging';
import { patched } from './scim-patch';
import { GROUP_SCHEMA, SCIM_BASE_PATH } from './scim-schemas';

const S = `"${COHORTS_SCHEMA}"`;

interface CohortRow {
  id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  displayName: string;
  members?: { value: string; display?: string; type?: string; $ref?: string }[];
  meta: { resourceType: 'Group'; created: string; lastModified: string; location: string };
}

/**
 * Cohorts whose members are kept by hand: a cohort by rule is Tend's to keep, and SCIM does not show it.
 * (lastModified is never before created, which is kept rounded to the millisecond.)
 */
const COHORTS = `
  SELECT c.id, c.name, c.created_at, GREATEST(c.created_at, c.updated_at) AS updated_at FROM ${S}.cohorts c
  WHERE c.organization_id = $1 AND c.rule IS NULL`;

const GROUP_FILTERS: FilterableAttributes = {
  id: { sql: 'c.id::text', type: 'string', caseExact: true },
  displayname: { sql: 'c.name', type: 'string' },
  'meta.created': { sql: 'c.created_at', type: 'dateTime' },
  'meta.lastmodified': { sql: 'c.updated_at', type: 'dateTime' },
  'members.value': {
    within: `SELECT 1 FROM ${S}.cohort_members m WHERE m.cohort_id = c.id`,
    sql: 'm.person_id::text',
    type: 'string',
    caseExact: true,
  },
};

/**
 * A new group's cohort: lessons on weekdays at 09:00 and the leaders' prompt on Mondays at
 * 08:30, in each member's own time zone (UTC for none). An admin changes it in Tend.
 */
const DEFAULT_CADENCE = { daysOfWeek: [1, 2, 3, 4, 5], lessonTime: '09:00', promptDay: 1, promptTime: '08:30' };

/**
 * SCIM's /Groups as cohorts with static members. Every write goes through `CohortService`, as
 * `createCohort` and `addCohortMembers` do, so the scheduler hears of members added and removed
 * through the same events; only the difference a request makes is written.
 */
@Injectable()
export class ScimGroupsService implements ScimResources {
  private readonly validation = new InputValidationPipe();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortService,
  ) {}

  async list(organizationId: string, query: ScimListQuery) {
    const page = pageOf(query);
    const condition = query.filter
      ? filterToSql(query.filter, GROUP_FILTERS, 2)
      : { sql: 'true', parameters: [] as unknown[] };
    const { rows, total } = await pageOfRows<CohortRow>(
      this.dataSource,
      {
        sql: `${COHORTS} AND ${condition.sql}`,
        parameters: [organizationId, ...condition.parameters],
        order: 'c.created_at, c.id',
      },
      page,
    );
    const withMembers = !excludes(query, 'members');
    const groups = await Promise.all(rows.map((row) => this.groupOf(organizationId, row, withMembers)));
    return listResponse(
      page,
      total,
      groups.map((group) => selectAttributes(group as unknown as Record<string, unknown>, query)),
    );
  }

  /** The group, with its members unless the query leaves them out (`selectAttributes` does the rest). */
  async get(organizationId: string, id: string, query: ScimListQuery = {}): Promise<ScimGroup> {
    return this.groupOf(organizationId, await this.row(organizationId, id), !excludes(query, 'members'));
  }

  /** A displayName already used by a static cohort is a 409 uniqueness, so a retried POST makes no second cohort. */
  async create(organizationId: string, body: unknown): Promise<ScimGroup> {
    const group = groupBody(body);
    const input = await this.rules(
      async () =>
        (await this.validation.transform(
          { name: group.displayName, timezone: 'UTC', cadence: DEFAULT_CADENCE },
          { type: 'body', metatype: CreateCohortInput, data: 'input' },
        )) as CreateCohortInput,
    );
    const [taken] = await this.dataSource.query<{ id: string }[]>(`${COHORTS} AND lower(c.name) = lower($2)`, [
      organizationId,
      input.name,
    ]);
    if (taken) throw ScimErrors.uniqueness(`A group named ${input.name} already exists`);
    const cohort = await this.rules(() => this.cohorts.create(organizationId, input));
    const members = memberIdsOf(group.members);
    if (members.length > 0) await this.rules(() => this.cohorts.addMembers(organizationId, cohort.id, members));
    return this.get(organizationId, cohort.id);
  }

  async replace(organizationId: string, id: string, body: unknown): Promise<ScimGroup> {
    const current = await this.get(organizationId, id);
    return this.apply(organizationId, current, groupBody(body));
  }

  async patch(organizationId: string, id: string, body: unknown): Promise<ScimGroup> {
    const current = await this.get(organizationId, id);
    // Members as ids alone: Entra ID removes `{ value }` by equality, which display and $ref would defeat.
    const members = current.members?.map(({ value }) => ({ value }));
    return this.apply(organizationId, current, patched({ ...current, members }, body));
  }

  /** Deleting a group empties its cohort; the cohort and its history stay, and removing it is an admin act. */
  async delete(organizationId: string, id: string): Promise<void> {
    const current = await this.get(organizationId, id);
    const members = memberIdsOf(current.members);
    if (members.length > 0) await this.rules(() => this.cohorts.removeMembers(organizationId, id, members));
  }

  private async apply(organizationId: string, current: ScimGroup, wanted: Partial<ScimGroup>): Promise<ScimGroup> {
    const name = typeof wanted.displayName === 'string' ? wanted.displayName.trim() : '';
    if (name === '') throw ScimErrors.invalidValue('displayName: must not be empty');
    if (name !== current.displayName) await this.rules(() => this.cohorts.rename(organizationId, current.id, name));
    const held = new Set(memberIdsOf(current.members));
    const kept = new Set(memberIdsOf(wanted.members));
    const added = [...kept].filter((personId) => !held.has(personId));
    const removed = [...held].filter((personId) => !kept.has(personId));
    if (added.length > 0) await this.rules(() => this.cohorts.addMembers(organizationId, current.id, added));
    if (removed.length > 0) await this.rules(() => this.cohorts.removeMembers(organizationId, current.id, removed));
    return this.get(organizationId, current.id);
  }

  private async row(organizationId: string, id: string): Promise<CohortRow> {
    if (!isUUID(id)) throw ScimErrors.notFound('Group', id);
    const [row] = await this.dataSource.query<CohortRow[]>(`${COHORTS} AND c.id = $2`, [organizationId, id]);
    if (!row) throw ScimErrors.notFound('Group', id);
    return row;
  }

  private async groupOf(organizationId: string, row: CohortRow, withMembers: boolean): Promise<ScimGroup> {
    const members = withMembers
      ? await this.dataSource.query<{ id: string; name: string }[]>(
          `SELECT p.id, p.name FROM ${S}.cohort_members m JOIN ${S}.people p ON p.id = m.person_id
           WHERE m.organization_id = $1 AND m.cohort_id = $2 ORDER BY m.created_at, p.id`,
          [organizationId, row.id],
        )
      : [];
    return {
      schemas: [GROUP_SCHEMA],
      id: row.id,
      displayName: row.name,
      ...(withMembers
        ? {
            members: members.map((member) => ({
              value: member.id,
              display: member.name,
              type: 'User',
              $ref: `${SCIM_BASE_PATH}/Users/${member.id}`,
            })),
          }
        : {}),
      meta: {
        resourceType: 'Group',
        created: row.created_at.toISOString(),
        lastModified: row.updated_at.toISOString(),
        location: `${SCIM_BASE_PATH}/Groups/${row.id}`,
      },
    };
  }

  private rules<T>(work: () => Promise<T>): Promise<T> {
    // The cohort rules name a member by its place in personIds; SCIM names the attribute.
    return asScim(work, (field) => (field.startsWith('personIds') ? 'members' : field));
  }
}

/** Members leave Entra ID's list answers out (`excludedAttributes=members`), which saves reading them. */
function excludes(query: ScimListQuery, attribute: string): boolean {
  return (query.excludedAttributes ?? '').split(',').some((name) => name.trim().toLowerCase() === attribute);
}

function groupBody(body: unknown): Partial<ScimGroup> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ScimErrors.invalidSyntax('The body is a SCIM Group resource');
  }
  return body as Partial<ScimGroup>;
}

function memberIdsOf(members: unknown): string[] {
  if (members === undefined || members === null) return [];
  if (!Array.isArray(members)) throw ScimErrors.invalidValue('members: must be a list of { value }');
  return members.map((member: unknown) => {
    const value = typeof member === 'object' && member !== null ? (member as { value?: unknown }).value : undefined;
    if (typeof value !== 'string' || !isUUID(value)) {
      throw ScimErrors.invalidValue(`members: ${JSON.stringify(value)} is not the id of a User`);
    }
    return value.toLowerCase();
  });
}
