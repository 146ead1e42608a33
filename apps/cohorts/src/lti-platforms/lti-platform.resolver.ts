import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { ConnectionShape, CurrentPerson, PageArgs, Roles } from '@tend/graphql';
import { RegisterLtiPlatformInput } from './dto/register-lti-platform.input';
import { LtiPlatformConnection } from './lti-platform.connection';
import { LtiPlatform } from './lti-platform.entity';
import { LtiPlatformService } from './lti-platform.service';

/** Which LMSs may launch Tend and sign its people in is decided by the organization's HR admins in person. */
@Resolver(() => LtiPlatform)
@Roles(Role.ADMIN)
export class LtiPlatformResolver {
  constructor(private readonly platforms: LtiPlatformService) {}

  @Mutation(() => LtiPlatform, {
    description: 'Its launches sign in and enroll learners of this organization (README "LTI 1.3 Advantage")',
  })
  registerLtiPlatform(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: RegisterLtiPlatformInput,
  ): Promise<LtiPlatform> {
    return this.platforms.register(principal.organizationId, input);
  }

  @Query(() => LtiPlatformConnection, { description: 'Oldest first' })
  ltiPlatforms(
    @CurrentPerson() principal: PersonPrincipal,
    @Args() args: PageArgs,
  ): Promise<ConnectionShape<LtiPlatform>> {
    return this.platforms.list(principal.organizationId, args);
  }
}
