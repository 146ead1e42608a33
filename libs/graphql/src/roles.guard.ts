import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiScope, callerFrom, Role } from '@tend/auth';
import { forbidden, unauthenticated } from './domain-error';
import { isReferenceResolver, principalOf } from './current-principal.decorator';

const ROLES_KEY = 'tend:roles';
const SCOPES_KEY = 'tend:scopes';

/** Who may call a resolver; without it, any signed-in person of the organization may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Which API client scopes open a resolver; any one of them is enough. People are not concerned. */
export const Scopes = (...scopes: ApiScope[]) => SetMetadata(SCOPES_KEY, scopes);

/**
 * Registered as a global guard in every subgraph: every query and mutation
 * needs a signed-in person or an API client, and `@Roles` narrows who. An API
 * client reaches only what `@Scopes` opens to one of its scopes, so a new
 * operation is closed to third parties until someone decides otherwise.
 * Entity lookups through `_entities` carry the caller's principal too, as the
 * gateway signs it on every subgraph fetch; they are exempt from scopes
 * because only an operation the client was allowed leads there, and they are
 * scoped to its organization like everything else.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const principal = principalOf(context);
    const caller = callerFrom(principal);
    if (!caller) throw unauthenticated();
    const targets = [context.getHandler(), context.getClass()];
    if (principal?.kind === 'api-client' && !isReferenceResolver(context)) {
      const scopes = this.reflector.getAllAndOverride<ApiScope[] | undefined>(SCOPES_KEY, targets);
      if (!scopes?.some((scope) => principal.scopes.includes(scope))) {
        throw forbidden('The API key’s scopes do not allow this operation');
      }
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(caller.role)) throw forbidden();
    return true;
  }
}
