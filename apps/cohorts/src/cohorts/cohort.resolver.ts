import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { Caller, RequestContext, Role } from '@tend/auth';
import { ConnectionShape, CurrentPrincipal, IdArg, IdListArg, PageArgs, Roles, Scopes } from '@tend/graphql';
import { PersonConnection } from '../people/person.connection';
import { Person } from '../people/person.entity';
import { CohortConnection } from './cohort.connection';
import { CohortMemberPages } from './cohort-members';
import { Cohort } from './cohort.entity';
import { CohortService } from './cohort.service';
import { CadenceInput, CreateCohortInput } from './dto/create-cohort.input';

@Resolver(() => Cohort)
export class CohortResolver {
  constructor(
    private readonly cohortService: CohortService,
    private readonly memberPages: CohortMemberPages,
  ) {}

  @Query(() => Cohort, { nullable: true })
  @Scopes('people:read')
  cohort(@CurrentPrincipal() principal: Caller, @IdArg('id') id: string): Promise<Cohort> {
    return this.cohortService.get(principal.organizationId, id, principal);
  }

  @Query(() => CohortConnection, { description: 'Admins see every cohort, everyone else the cohorts they belong to' })
  @Scopes('people:read')
  cohorts(@CurrentPrincipal() principal: Caller, @Args() args: PageArgs): Promise<ConnectionShape<Cohort>> {
    return this.cohortService.list(principal.organizationId, args, principal);
  }

  @Mutation(() => Cohort)
  @Roles(Role.ADMIN)
  @Scopes('enrollments:write')
  createCohort(@CurrentPrincipal() principal: Caller, @Args('input') input: CreateCohortInput): Promise<Cohort> {
    return this.cohortService.create(principal.organizationId, input);
  }

  @Mutation(() => Cohort, {
    description: 'Replaces the cadence: workdays, times, quiet hours and holidays; pending lessons move onto it',
  })
  @Roles(Role.ADMIN)
  @Scopes('enrollments:write')
  updateCohortCadence(
    @CurrentPrincipal() principal: Caller,
    @IdArg('cohortId') cohortId: string,
    @Args('input') input: CadenceInput,
  ): Promise<Cohort> {
    return this.cohortService.updateCadence(principal.organizationId, cohortId, input);
  }

  @Mutation(() => Cohort, {
    description: 'Someone in several cohorts gets one new lesson a day: from the cohort of highest priority (0-100)',
  })
  @Roles(Role.ADMIN)
  @Scopes('enrollments:write')
  setCohortPriority(
    @CurrentPrincipal() principal: Caller,
    @IdArg('cohortId') cohortId: string,
    @Args('priority', { type: () => Int }) priority: number,
  ): Promise<Cohort> {
    return this.cohortService.setPriority(principal.organizationId, cohortId, priority);
  }

  @Mutation(() => Cohort, { description: 'Idempotent: people already in the cohort stay as they are' })
  @Roles(Role.ADMIN)
  @Scopes('enrollments:write')
  addCohortMembers(
    @CurrentPrincipal() principal: Caller,
    @IdArg('cohortId') cohortId: string,
    @IdListArg('personIds') personIds: string[],
  ): Promise<Cohort> {
    return this.cohortService.addMembers(principal.organizationId, cohortId, personIds);
  }

  @ResolveField(() => PersonConnection, { description: 'Only the members the caller may see as people' })
  members(
    @Parent() cohort: Cohort,
    @Args() args: PageArgs,
    @Context() context: RequestContext,
  ): Promise<ConnectionShape<Person>> {
    return this.memberPages.membersOf(context, cohort.id, args);
  }

  /** A cohort another subgraph names (the scheduler's analytics), within the caller's organization. */
  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext): Promise<Cohort | null> {
    if (!isUUID(reference.id)) return null;
    return (await this.cohortService.loadersFor(context).cohortById.load(reference.id)) ?? null;
  }
}
