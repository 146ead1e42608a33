import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { ConnectionShape, CurrentPrincipal, OptionalIdArg, PageArgs, Roles } from '@tend/graphql';
import { PersonConnection } from '../people/person.connection';
import { Person } from '../people/person.entity';
import { MyTeamService } from './my-team.service';

@Resolver(() => Person)
export class MyTeamResolver {
  constructor(private readonly team: MyTeamService) {}

  @Query(() => PersonConnection, {
    description:
      'A leader’s direct and indirect reports, with each one’s current lesson and streak; an admin may name the leader',
  })
  @Roles(Role.LEADER, Role.ADMIN)
  myTeam(
    @CurrentPrincipal() principal: Caller,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<Person>> {
    return this.team.list(principal.organizationId, principal, leaderId, page);
  }
}
