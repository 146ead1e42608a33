import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isPersonPrincipal, Role } from '@tend/auth';
import { forbidden, unauthenticated } from './domain-error';
import { principalOf } from './current-principal.decorator';

const ROLES_KEY = 'tend:roles';

/** Who may call a resolver; without it, any signed-in person of the organization may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Registered as a global guard in every subgraph: every query and mutation
 * needs a signed-in person, and `@Roles` narrows who. Entity lookups through
 * `_entities` carry the caller's principal too, as the gateway signs it on
 * every subgraph fetch.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const principal = principalOf(context);
    if (!isPersonPrincipal(principal)) throw unauthenticated();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(principal.role)) throw forbidden();
    return true;
  }
}
