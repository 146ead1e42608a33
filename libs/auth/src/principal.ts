export enum Role {
  ADMIN = 'ADMIN',
  LEADER = 'LEADER',
  LEARNER = 'LEARNER',
}

/** A person who signed in through their organization's identity provider or the tend CLI. */
export interface PersonPrincipal {
  kind: 'person';
  organizationId: string;
  personId: string;
  role: Role;
}

/** What a third-party LMS's API client may be granted (docs/ARCHITECTURE.md#who-calls-and-what-they-may-do). */
export const API_SCOPES = [
  'content:read',
  'content:write',
  'people:read',
  'people:write',
  'enrollments:write',
  'progress:read',
  'webhooks:write',
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === 'string' && (API_SCOPES as readonly string[]).includes(value);
}

/** A third-party LMS calling with an API key of one organization, limited to its scopes. */
export interface ApiClientPrincipal {
  kind: 'api-client';
  organizationId: string;
  clientId: string;
  scopes: ApiScope[];
}

/** The gateway itself, composing the schema: may read SDL, never tenant data. */
export interface GatewayPrincipal {
  kind: 'gateway';
}

/**
 * An identity provider provisioning one organization's people over SCIM with an organization
 * token. It reaches cohorts' SCIM endpoints only, never the GraphQL API.
 */
export interface ScimTokenPrincipal {
  kind: 'scim-token';
  organizationId: string;
  tokenId: string;
}

export type Principal = PersonPrincipal | ApiClientPrincipal | GatewayPrincipal | ScimTokenPrincipal;

/**
 * Whoever acts on tenant data, as services see them. An API client acts as an
 * admin of its own organization (its scopes already decided which operations it
 * reaches) and is nobody: it has no lessons, team or reports of its own.
 */
export type Caller =
  | { kind: 'person'; organizationId: string; role: Role; personId: string }
  | { kind: 'api-client'; organizationId: string; role: Role.ADMIN; personId: null };

/** Whose eyes a read is for: what it shows depends on who they are and their role. */
export type Viewer = Pick<Caller, 'personId' | 'role'>;

export function callerFrom(principal: Principal | undefined): Caller | undefined {
  switch (principal?.kind) {
    case 'person':
      return {
        kind: 'person',
        organizationId: principal.organizationId,
        role: principal.role,
        personId: principal.personId,
      };
    case 'api-client':
      return { kind: 'api-client', organizationId: principal.organizationId, role: Role.ADMIN, personId: null };
    default:
      return undefined;
  }
}

export function isPersonPrincipal(principal: Principal | undefined): principal is PersonPrincipal {
  return principal?.kind === 'person';
}

export const ROLES: readonly Role[] = [Role.ADMIN, Role.LEADER, Role.LEARNER];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
