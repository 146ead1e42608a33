import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { CurrentPerson, Roles } from '@tend/graphql';
import { ConfigureIdentityProviderInput } from './dto/configure-identity-provider.input';
import { IdentityProvider } from './identity-provider.type';
import { IdentityProviderService } from './identity-provider.service';

/** Who may sign in is decided by the organization's HR admins in person; no API client can change it. */
@Resolver(() => IdentityProvider)
@Roles(Role.ADMIN)
export class IdentityProviderResolver {
  constructor(private readonly identityProviderService: IdentityProviderService) {}

  @Mutation(() => IdentityProvider, {
    description: 'Its tokens sign in the people of the organization whose email they carry, with their Tend role',
  })
  configureIdentityProvider(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: ConfigureIdentityProviderInput,
  ): Promise<IdentityProvider> {
    return this.identityProviderService.configure(principal.organizationId, input);
  }

  @Query(() => IdentityProvider, { nullable: true, description: 'Null until an admin configures one' })
  identityProvider(@CurrentPerson() principal: PersonPrincipal): Promise<IdentityProvider | null> {
    return this.identityProviderService.get(principal.organizationId);
  }
}
