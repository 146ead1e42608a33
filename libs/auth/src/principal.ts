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

/** The gateway itself, composing the schema: may read SDL, never tenant data. */
export interface GatewayPrincipal {
  kind: 'gateway';
}

export type Principal = PersonPrincipal | GatewayPrincipal;

export function isPersonPrincipal(principal: Principal | undefined): principal is PersonPrincipal {
  return principal?.kind === 'person';
}

export const ROLES: readonly Role[] = [Role.ADMIN, Role.LEADER, Role.LEARNER];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
