import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ResolveReference } from '@nestjs/graphql';
import { ApiClientPrincipal, Principal, Role } from '@tend/auth';
import { DomainError } from './domain-error';
import { Roles, RolesGuard, Scopes } from './roles.guard';

class TrackResolver {
  @Scopes('content:read')
  tracks(): string {
    return 'tracks';
  }

  @Roles(Role.ADMIN)
  @Scopes('content:write')
  createTrack(): string {
    return 'createTrack';
  }

  @Roles(Role.ADMIN)
  createApiClient(): string {
    return 'createApiClient';
  }

  today(): string {
    return 'today';
  }

  @ResolveReference()
  resolveReference(): string {
    return 'resolveReference';
  }
}

@Scopes('people:read')
class PeopleResolver {
  people(): string {
    return 'people';
  }
}

const reader: ApiClientPrincipal = {
  kind: 'api-client',
  organizationId: 'org-a',
  clientId: 'client-1',
  scopes: ['content:read', 'people:read'],
};
const learner: Principal = { kind: 'person', organizationId: 'org-a', personId: 'p-1', role: Role.LEARNER };
const admin: Principal = { kind: 'person', organizationId: 'org-a', personId: 'p-2', role: Role.ADMIN };

function call(principal: Principal | undefined, resolver: object, method: string): string {
  const handler = (resolver as Record<string, () => string>)[method];
  const requestContext = { principal, loaders: new Map() };
  // Apollo calls a query as (root, args, context, info) and a reference resolver as (reference, context, info).
  const args = method === 'resolveReference' ? [{ id: 'x' }, requestContext, {}] : [{}, {}, requestContext, {}];
  const context = new ExecutionContextHost(args, resolver.constructor as never, handler);
  context.setType('graphql');
  try {
    new RolesGuard(new Reflector()).canActivate(context as ExecutionContext);
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('who the roles guard lets through', () => {
  const tracks = new TrackResolver();

  it('lets an API client call what one of its scopes opens, on the handler or the class', () => {
    expect(call(reader, tracks, 'tracks')).toBe('ok');
    expect(call(reader, new PeopleResolver(), 'people')).toBe('ok');
  });

  it('refuses an API client an operation of a scope it lacks', () => {
    expect(call(reader, tracks, 'createTrack')).toBe('FORBIDDEN');
  });

  it('refuses an API client every operation that declares no scope, admin-only or not', () => {
    expect(call(reader, tracks, 'createApiClient')).toBe('FORBIDDEN');
    expect(call(reader, tracks, 'today')).toBe('FORBIDDEN');
  });

  it('lets an API client through entity lookups, which only an allowed operation leads to', () => {
    expect(call({ ...reader, scopes: [] }, tracks, 'resolveReference')).toBe('ok');
  });

  it('judges people by role alone, whatever scopes say', () => {
    expect(call(learner, tracks, 'tracks')).toBe('ok');
    expect(call(learner, tracks, 'today')).toBe('ok');
    expect(call(learner, tracks, 'createTrack')).toBe('FORBIDDEN');
    expect(call(admin, tracks, 'createApiClient')).toBe('ok');
  });

  it('refuses the gateway’s own principal and a missing one', () => {
    expect(call({ kind: 'gateway' }, tracks, 'tracks')).toBe('UNAUTHENTICATED');
    expect(call(undefined, tracks, 'resolveReference')).toBe('UNAUTHENTICATED');
  });
});
