import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Caller, callerFrom, isPersonPrincipal, PersonPrincipal, Principal, RequestContext } from '@tend/auth';
import { forbidden, unauthenticated } from './domain-error';

/** Set by `@ResolveReference()`; such resolvers are called as (reference, context, info). */
const RESOLVE_REFERENCE_METADATA = 'graphql:resolve_reference';

export function isReferenceResolver(context: ExecutionContext): boolean {
  return Reflect.getMetadata(RESOLVE_REFERENCE_METADATA, context.getHandler()) === true;
}

export function principalOf(context: ExecutionContext): Principal | undefined {
  const requestContext: RequestContext | undefined = isReferenceResolver(context)
    ? context.getArgByIndex(1)
    : GqlExecutionContext.create(context).getContext<RequestContext>();
  return requestContext?.principal;
}

/** The caller of a request context, person or API client; tenant data is always read through it. */
export function callerOf(context: RequestContext): Caller {
  const caller = callerFrom(context.principal);
  if (!caller) throw unauthenticated();
  return caller;
}

/** The caller, with their organization: a person, or an API client acting as an admin within its scopes. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = callerFrom(principalOf(context));
  if (!caller) throw unauthenticated();
  return caller;
});

/**
 * The signed-in person, for operations about the caller's own day and lessons.
 * `RolesGuard` already keeps API clients out of them (they declare no scope);
 * this keeps the type honest.
 */
export const CurrentPerson = createParamDecorator((_: unknown, context: ExecutionContext): PersonPrincipal => {
  const principal = principalOf(context);
  if (principal?.kind === 'api-client') throw forbidden('Only a signed-in person can do this');
  if (!isPersonPrincipal(principal)) throw unauthenticated();
  return principal;
});
