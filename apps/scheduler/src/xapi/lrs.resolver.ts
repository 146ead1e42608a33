import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, Roles, Scopes } from '@tend/graphql';
import { ConfigureLrsInput } from './dto/configure-lrs.input';
import { LrsStatus } from './lrs.types';
import { LrsService } from './lrs.service';

/** xAPI statements to the organization's LRS: an admin's, or an API client's with `webhooks:write`. */
@Resolver(() => LrsStatus)
export class LrsResolver {
  constructor(private readonly lrs: LrsService) {}

  @Query(() => LrsStatus, { nullable: true, description: "The organization's LRS, or null; never its password" })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  lrsStatus(@CurrentPrincipal() principal: Caller): Promise<LrsStatus | null> {
    return this.lrs.status(principal.organizationId);
  }

  @Mutation(() => LrsStatus, {
    description: "Sends the organization's learning events to its LRS as xAPI statements; replaces an earlier one",
  })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  configureLrs(@CurrentPrincipal() principal: Caller, @Args('input') input: ConfigureLrsInput): Promise<LrsStatus> {
    return this.lrs.configure(principal.organizationId, input);
  }

  @Mutation(() => LrsStatus, {
    nullable: true,
    description: 'Stops keeping and sending statements until configureLrs is called again; null without an LRS',
  })
  @Roles(Role.ADMIN)
  @Scopes('webhooks:write')
  disableLrs(@CurrentPrincipal() principal: Caller): Promise<LrsStatus | null> {
    return this.lrs.disable(principal.organizationId);
  }
}
