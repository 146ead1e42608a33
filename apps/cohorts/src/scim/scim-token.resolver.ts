import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { ConnectionShape, CurrentPerson, IdArg, PageArgs, Roles } from '@tend/graphql';
import { CreateScimTokenInput } from './dto/create-scim-token.input';
import { ScimTokenConnection } from './scim-token.connection';
import { ScimToken, ScimTokenSecret } from './scim-token.entity';
import { ScimTokenService } from './scim-token.service';

/** Tokens are managed by the organization's HR admins in person; no API client or token can mint one. */
@Resolver(() => ScimToken)
@Roles(Role.ADMIN)
export class ScimTokenResolver {
  constructor(private readonly tokens: ScimTokenService) {}

  @Mutation(() => ScimTokenSecret, { description: 'The token is in this response and nowhere else' })
  createScimToken(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: CreateScimTokenInput,
  ): Promise<ScimTokenSecret> {
    return this.tokens.create(principal.organizationId, principal.personId, input);
  }

  @Mutation(() => ScimToken, { description: 'The token is refused from the next request on' })
  revokeScimToken(@CurrentPerson() principal: PersonPrincipal, @IdArg('id') id: string): Promise<ScimToken> {
    return this.tokens.revoke(principal.organizationId, id);
  }

  @Query(() => ScimTokenConnection, { description: 'Oldest first, revoked ones included; never the secret' })
  scimTokens(@CurrentPerson() principal: PersonPrincipal, @Args() args: PageArgs): Promise<ConnectionShape<ScimToken>> {
    return this.tokens.list(principal.organizationId, args);
  }
}
