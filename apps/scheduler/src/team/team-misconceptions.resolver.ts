import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { CurrentPerson, OptionalIdArg, Roles } from '@tend/graphql';
import { Misconception } from './misconception.type';
import { TeamMisconceptionsService } from './team-misconceptions.service';

@Resolver(() => Misconception)
export class TeamMisconceptionsResolver {
  constructor(private readonly misconceptions: TeamMisconceptionsService) {}

  @Query(() => [Misconception], {
    description:
      'The questions your subtree missed most over the last weeks, worst first; admins may name any leader, or none for the whole organization',
  })
  @Roles(Role.LEADER, Role.ADMIN)
  teamMisconceptions(
    @CurrentPerson() principal: PersonPrincipal,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
    @Args('weeks', { type: () => Int, nullable: true, description: '1 to 26, default 4' }) weeks: number | null,
    @Args('first', { type: () => Int, nullable: true, description: '1 to 50, default 5' }) first: number | null,
  ): Promise<Misconception[]> {
    return this.misconceptions.list(principal.organizationId, principal, leaderId, weeks ?? 4, first ?? 5);
  }

  @Query(() => String, { description: 'teamMisconceptions as CSV (RFC 4180), worst first' })
  @Roles(Role.LEADER, Role.ADMIN)
  teamMisconceptionsCsv(
    @CurrentPerson() principal: PersonPrincipal,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
    @Args('weeks', { type: () => Int, nullable: true, description: '1 to 26, default 4' }) weeks: number | null,
    @Args('first', { type: () => Int, nullable: true, description: '1 to 50, default 5' }) first: number | null,
  ): Promise<string> {
    return this.misconceptions.csv(principal.organizationId, principal, leaderId, weeks ?? 4, first ?? 5);
  }
}
