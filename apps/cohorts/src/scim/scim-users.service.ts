import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { Role } from '@tend/auth';
import { InputValidationPipe } from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { CreatePersonInput } from '../people/dto/create-person.input';
import { UpdatePersonInput } from '../people/dto/update-person.input';
import { PersonService } from '../people/person.service';
import { selectAttributes } from './scim-attributes';
import { asScim, ScimErrors } from './scim-error';
import { FilterableAttributes, filterToSql } from './scim-filter';
import { listResponse, pageOf, pageOfRows, ScimListQuery, ScimResources } from './scim-paging';
import { patched } from './scim-patch';
import { ENTERPRISE_USER_SCHEMA, SCIM_BASE_PATH, USER_SCHEMA } from './scim-schemas';

const S = `"${COHORTS_SCHEMA}"`;

interface PersonRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  timezone: string;
  locale: string;
  external_id: string | null;
  employee_number: string | null;
  leader_id: string | null;
  team_name: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** A SCIM User as Tend shows it; what a client sends is read through `UserAttributes`. */
export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { formatted: string };
  displayName: string;
  emails: { value: string; type: 'work'; primary: true }[];
  userType: string;
  active: boolean;
  timezone: string;
  locale: string;
  [ENTERPRISE_USER_SCHEMA]: { employeeNumber?: string; department?: string; manager?: { value: string; $ref: string } };
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string };
}

/** created_at is kept to the millisecond, rounded; updated_at is not, so it can read a hair earlier. */
const PEOPLE = `
  SELECT p.id, p.email, p.name, p.role, p.timezone, p.locale, p.external_id, p.employee_number, p.leader_id,
         p.active, p.created_at, GREATEST(p.created_at, p.updated_at) AS updated_at, t.name AS team_name
  FROM ${S}.people p LEFT JOIN ${S}.teams t ON t.id = p.team_id
  WHERE p.organization_id = $1 AND p.erased_at IS NULL`;

/** What a filter may name, as SQL over PEOPLE's row; RFC 7643 says which compare without case. */
const USER_FILTERS: FilterableAttributes = {
  id: { sql: 'p.id::text', type: 'string', caseExact: true },
  username: { sql: 'p.email', type: 'string', lowercase: true },
  emails: { sql: 'p.email', type: 'string', lowercase: true },
  'emails.value': { sql: 'p.email', type: 'string', lowercase: true },
  // Tend keeps one address a person, shown as their primary work email.
  'emails.type': { sql: `'work'`, type: 'string' },
  'emails.primary': { sql: 'true', type: 'boolean' },
  externalid: { sql: 'p.external_id', type: 'string', caseExact: true },
  displayname: { sql: 'p.name', type: 'string' },
  'name.formatted': { sql: 'p.name', type: 'string' },
  usertype: { sql: 'p.role', type: 'string' },
  active: { sql: 'p.active', type: 'boolean' },
  timezone: { sql: 'p.timezone', type: 'string' },
  locale: { sql: 'p.locale', type: 'string' },
  'meta.created': { sql: 'p.created_at', type: 'dateTime' },
  'meta.lastmodified': { sql: 'p.updated_at', type: 'dateTime' },
  employeenumber: { sql: 'p.employee_number', type: 'string', caseExact: true },
  department: { sql: 't.name', type: 'string' },
  manager: { sql: 'p.leader_id::text', type: 'string', caseExact: true },
  'manager.value': { sql: 'p.leader_id::text', type: 'string', caseExact: true },
};

/** What SCIM may set of a person; `undefined` leaves an attribute as it is, `null` clears it. */
interface PersonAttributes {
  email?: string;
  name?: string;
  role?: Role;
  timezone?: string;
  locale?: string;
  externalId?: string | null;
  employeeNumber?: string | null;
  teamName?: string | null;
  leaderId?: string | null;
  active?: boolean;
}

/** The SCIM attribute an input field of the people rules stands for, to name it in an error. */
const SCIM_ATTRIBUTE_OF: Record<string, string> = {
  email: 'userName',
  name: 'displayName',
  role: 'userType',
  leaderId: `${ENTERPRISE_USER_SCHEMA}:manager`,
  teamName: `${ENTERPRISE_USER_SCHEMA}:department`,
  employeeNumber: `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
};

/**
 * SCIM's /Users over the people rules: every write goes through `PersonService`, as
 * `createPerson`, `updatePerson` and `deactivatePerson` do, so the same checks apply and the
 * scheduler hears of joiners, movers and leavers through the same events. A write that would
 * change nothing calls nothing, so a client retrying a request announces nothing twice.
 */
@Injectable()
export class ScimUsersService implements ScimResources {
  private readonly validation = new InputValidationPipe();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PersonService,
  ) {}

  async list(organizationId: string, query: ScimListQuery) {
    const page = pageOf(query);
    const condition = query.filter
      ? filterToSql(query.filter, USER_FILTERS, 2)
      : { sql: 'true', parameters: [] as unknown[] };
    const { rows, total } = await pageOfRows<PersonRow>(
      this.dataSource,
      {
        sql: `${PEOPLE} AND ${condition.sql}`,
        parameters: [organizationId, ...condition.parameters],
        order: 'p.created_at, p.id',
      },
      page,
    );
    return listResponse(
      page,
      total,
      rows.map((row) => selectAttributes(userOf(row) as unknown as Record<string, unknown>, query)),
    );
  }

  async get(organizationId: string, id: string): Promise<ScimUser> {
    return userOf(await this.row(organizationId, id));
  }

  /** RFC 7644 §3.3: a userName (email) already in the organization is a 409 uniqueness. */
  async create(organizationId: string, body: unknown): Promise<ScimUser> {
    const attributes = attributesOf(userBody(body), undefined);
    const input = await this.valid(CreatePersonInput, {
      email: attributes.email,
      name: attributes.name,
      role: attributes.role ?? Role.LEARNER,
      timezone: attributes.timezone,
      locale: attributes.locale,
      externalId: attributes.externalId,
      employeeNumber: attributes.employeeNumber,
      teamName: attributes.teamName,
      leaderId: attributes.leaderId,
    });
    const person = await this.rules(() => this.people.create(organizationId, input));
    if (attributes.active === false) await this.rules(() => this.people.deactivate(organizationId, person.id));
    return this.get(organizationId, person.id);
  }

  /** PUT: the client's whole view of the user; what it leaves out of the optional attributes is cleared. */
  async replace(organizationId: string, id: string, body: unknown): Promise<ScimUser> {
    const current = await this.get(organizationId, id);
    return this.apply(organizationId, current, attributesOf(userBody(body), current, { clearMissing: true }));
  }

  /** PATCH: the operations applied to the user as Tend shows it, then written as one change. */
  async patch(organizationId: string, id: string, body: unknown): Promise<ScimUser> {
    const current = await this.get(organizationId, id);
    const user = patched(current, withManagerObjects(body));
    return this.apply(organizationId, current, attributesOf(user, current, { clearMissing: true }));
  }

  /** DELETE deactivates: the person's history stays, and erasure stays an explicit admin act. */
  async delete(organizationId: string, id: string): Promise<void> {
    const current = await this.get(organizationId, id);
    if (current.active) await this.rules(() => this.people.deactivate(organizationId, id));
  }

  private async apply(organizationId: string, current: ScimUser, wanted: PersonAttributes): Promise<ScimUser> {
    const { active, ...fields } = wanted;
    const was = attributesOf(current, current, { clearMissing: true });
    const changes = Object.fromEntries(
      Object.entries(fields).filter(
        ([key, value]) => value !== undefined && !same(key, value, was[key as keyof PersonAttributes]),
      ),
    );
    if (Object.keys(changes).length > 0) {
      const input = await this.valid(UpdatePersonInput, changes);
      await this.rules(() => this.people.update(organizationId, current.id, input));
    }
    if (active === false && current.active) await this.rules(() => this.people.deactivate(organizationId, current.id));
    if (active === true && !current.active) await this.rules(() => this.people.reactivate(organizationId, current.id));
    return this.get(organizationId, current.id);
  }

  private async row(organizationId: string, id: string): Promise<PersonRow> {
    if (!isUUID(id)) throw ScimErrors.notFound('User', id);
    const [row] = await this.dataSource.query<PersonRow[]>(`${PEOPLE} AND p.id = $2`, [organizationId, id]);
    if (!row) throw ScimErrors.notFound('User', id);
    return row;
  }

  /** The same validation as the GraphQL inputs get at the edge. */
  private async valid<T extends object>(metatype: new () => T, value: object): Promise<T> {
    return this.rules(
      async () => (await this.validation.transform(value, { type: 'body', metatype, data: 'input' })) as T,
    );
  }

  private rules<T>(work: () => Promise<T>): Promise<T> {
    return asScim(work, (field) => SCIM_ATTRIBUTE_OF[field] ?? field);
  }
}

function userOf(row: PersonRow): ScimUser {
  const location = `${SCIM_BASE_PATH}/Users/${row.id}`;
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    id: row.id,
    ...(row.external_id === null ? {} : { externalId: row.external_id }),
    userName: row.email,
    name: { formatted: row.name },
    displayName: row.name,
    emails: [{ value: row.email, type: 'work', primary: true }],
    userType: userTypeOf(row.role),
    active: row.active,
    timezone: row.timezone,
    locale: row.locale,
    [ENTERPRISE_USER_SCHEMA]: {
      ...(row.employee_number === null ? {} : { employeeNumber: row.employee_number }),
      ...(row.team_name === null ? {} : { department: row.team_name }),
      ...(row.leader_id === null
        ? {}
        : { manager: { value: row.leader_id, $ref: `${SCIM_BASE_PATH}/Users/${row.leader_id}` } }),
    },
    meta: {
      resourceType: 'User',
      created: row.created_at.toISOString(),
      lastModified: row.updated_at.toISOString(),
      location,
    },
  };
}

/** Tend's role as SCIM's free-form userType: `Learner`, `Leader` or `Admin`. */
function userTypeOf(role: Role): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}

function userBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ScimErrors.invalidSyntax('The body is a SCIM User resource');
  }
  return body as Record<string, unknown>;
}

/**
 * What a SCIM User says of a person. Tend keeps one address and one name: the primary email
 * (else the work one, else the first, else userName), and displayName (else name.formatted,
 * else givenName familyName). Where a client sends two that disagree, the one that differs from
 * what Tend holds is the change (Entra ID patches emails[type eq "work"].value and leaves userName).
 */
function attributesOf(
  resource: object,
  current: ScimUser | undefined,
  options: { clearMissing: boolean } = { clearMissing: false },
): PersonAttributes {
  const user = resource as Record<string, unknown>;
  const enterprise = objectOr(user[ENTERPRISE_USER_SCHEMA]);
  const name = objectOr(user.name);
  const emails = Array.isArray(user.emails) ? (user.emails as Record<string, unknown>[]) : [];
  const email =
    emails.find((entry) => entry?.primary === true || entry?.primary === 'True') ??
    emails.find((entry) => entry?.type === 'work') ??
    emails[0];
  const given = [name.givenName, name.familyName].filter((part) => typeof part === 'string' && part !== '');
  const cleared = options.clearMissing ? null : undefined;
  return {
    email: changed(current?.userName, [email?.value, user.userName]),
    name: changed(current?.displayName, namesOf(user.displayName, name.formatted, given)),
    role: roleOf(user.userType, current),
    timezone: text(user.timezone),
    // Okta sends the locale as en_US.
    locale: text(user.locale)?.replace(/_/g, '-'),
    externalId: text(user.externalId) ?? cleared,
    employeeNumber: text(enterprise.employeeNumber) ?? cleared,
    teamName: text(enterprise.department) ?? cleared,
    leaderId: managerOf(enterprise.manager) ?? cleared,
    active: booleanOf(user.active),
  };
}

/** displayName and name.formatted; givenName familyName only when neither is sent (Okta sends only those). */
function namesOf(displayName: unknown, formatted: unknown, given: unknown[]): unknown[] {
  const names = [displayName, formatted].filter((name) => text(name) !== undefined);
  return names.length > 0 ? names : [given.length > 0 ? given.join(' ') : undefined];
}

/** The first candidate that differs from what Tend holds; what Tend holds when none does. */
function changed(held: string | undefined, candidates: unknown[]): string | undefined {
  const given = candidates.map(text).filter((value): value is string => value !== undefined);
  return (
    given.find((value) => value.toLowerCase() !== held?.toLowerCase()) ?? (given.length ? (held ?? given[0]) : held)
  );
}

/** Identity providers may set Learner or Leader; an admin is made in Tend, and stays one. */
function roleOf(userType: unknown, current: ScimUser | undefined): Role | undefined {
  const type = text(userType);
  if (type === undefined) return undefined;
  const role = type.toUpperCase();
  if (role === Role.LEARNER || role === Role.LEADER) return role;
  if (role === Role.ADMIN && current?.userType === userTypeOf(Role.ADMIN)) return Role.ADMIN;
  throw ScimErrors.invalidValue('userType: must be Learner or Leader (admins are made in Tend)');
}

/**
 * Entra ID patches the manager as the bare id, which scim-patch cannot add onto the `{ value }`
 * Tend shows; the same operation with `{ value: id }` means what Entra ID means.
 */
function withManagerObjects(body: unknown): unknown {
  const request = body as { Operations?: unknown } | null;
  if (!request || !Array.isArray(request.Operations)) return body;
  return {
    ...request,
    Operations: request.Operations.map((operation: unknown) => {
      const { path, value } = (operation ?? {}) as { path?: unknown; value?: unknown };
      return typeof path === 'string' && /(^|:)manager$/i.test(path) && typeof value === 'string'
        ? { ...(operation as object), value: { value } }
        : operation;
    }),
  };
}

/** Okta sends the manager as `{ value }`; Entra ID may patch it as the bare id. */
function managerOf(manager: unknown): string | undefined {
  if (typeof manager === 'string') return text(manager);
  return text(objectOr(manager).value);
}

/** Entra ID sends `"False"` and `"True"` as text in PATCH. */
function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (value === undefined) return undefined;
  throw ScimErrors.invalidValue('active: must be true or false');
}

/** Addresses and language tags are stored in one case (`en-us` is `en-US`), so another case changes nothing. */
function same(key: string, wanted: unknown, held: unknown): boolean {
  if ((key === 'email' || key === 'locale') && typeof wanted === 'string' && typeof held === 'string') {
    return wanted.toLowerCase() === held.toLowerCase();
  }
  return wanted === held;
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw ScimErrors.invalidValue(`expected text, got ${JSON.stringify(value)}`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function objectOr(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
