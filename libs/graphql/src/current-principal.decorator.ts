import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { isPersonPrincipal, PersonPrincipal, Principal, RequestContext } from '@tend/auth';
import { unauthenticated } from './domain-error';

/** Set by `@ResolveReference()`; such resolvers are called as (reference, context, info). */
const RESOLVE_REFERENCE_METADATA = 'graphql:resolve_reference';

export function principalOf(context: ExecutionContext): Principal | undefined {
  const isReferenceResolver = Reflect.getMetadata(RESOLVE_REFERENCE_METADATA, context.getHandler()) === true;
  const requestContext: RequestContext | undefined = isReferenceResolver
    ? context.getArgByIndex(1)
    : GqlExecutionContext.create(context).getContext<RequestContext>();
  return requestContext?.principal;
}

/** The signed-in person of a request context; tenant data is always read through it. */
export function personOf(context: RequestContext): PersonPrincipal {
  if (!isPersonPrincipal(context.principal)) throw unauthenticated();
  return context.principal;
}

/** The person calling, with their organization. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): PersonPrincipal => {
  const principal = principalOf(context);
  if (!isPersonPrincipal(principal)) throw unauthenticated();
  return principal;
});
