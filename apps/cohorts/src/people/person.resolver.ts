import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { Caller, PersonPrincipal, RequestContext, Role } from '@tend/auth';
import { ConnectionShape, CurrentPerson, CurrentPrincipal, IdArg, Roles, Scopes } from '@tend/graphql';
import { Team } from '../teams/team.entity';
import { CreatePersonInput } from './dto/create-person.input';
import { PeopleArgs } from './dto/people.args';
import { UpdatePersonInput } from './dto/update-person.input';
import { PersonConnection } from './person.connection';
import { Person } from './person.entity';
import { PersonDirectory } from './person-directory';
import { PersonService } from './person.service';

@Resolver(() => Person)
export class PersonResolver {
  constructor(
    private readonly personService: PersonService,
    private readonly directory: PersonDirectory,
  ) {}

  @Query(() => Person, { description: 'The signed-in person' })
  me(@CurrentPerson() principal: PersonPrincipal): Promise<Person> {
    return this.directory.get(principal.organizationId, principal.personId, principal);
  }

  @Query(() => Person, { nullable: true })
  @Scopes('people:read')
  person(@CurrentPrincipal() principal: Caller, @IdArg('id') id: string): Promise<Person> {
    return this.directory.get(principal.organizationId, id, principal);
  }

  @Query(() => PersonConnection, {
    description: 'Admins see everyone, leaders themselves and their reports, learners themselves',
  })
  @Scopes('people:read')
  people(@CurrentPrincipal() principal: Caller, @Args() args: PeopleArgs): Promise<ConnectionShape<Person>> {
    return this.directory.list(principal.organizationId, args, principal);
  }

  @Mutation(() => Person)
  @Roles(Role.ADMIN)
  @Scopes('people:write')
  createPerson(@CurrentPrincipal() principal: Caller, @Args('input') input: CreatePersonInput): Promise<Person> {
    return this.personService.create(principal.organizationId, input);
  }

  @Mutation(() => Person)
  @Roles(Role.ADMIN)
  @Scopes('people:write')
  updatePerson(
    @CurrentPrincipal() principal: Caller,
    @IdArg('id') id: string,
    @Args('input') input: UpdatePersonInput,
  ): Promise<Person> {
    return this.personService.update(principal.organizationId, id, input);
  }

  @Mutation(() => Person, { description: 'Stops every delivery to the person; their history stays' })
  @Roles(Role.ADMIN)
  @Scopes('people:write')
  deactivatePerson(@CurrentPrincipal() principal: Caller, @IdArg('id') id: string): Promise<Person> {
    return this.personService.deactivate(principal.organizationId, id);
  }

  @Mutation(() => Person, {
    description: 'Deliveries resume at the next lesson slot; nothing missed arrives as a flood',
  })
  @Roles(Role.ADMIN)
  @Scopes('people:write')
  reactivatePerson(@CurrentPrincipal() principal: Caller, @IdArg('id') id: string): Promise<Person> {
    return this.personService.reactivate(principal.organizationId, id);
  }

  @ResolveField(() => Person, { nullable: true })
  async leader(@Parent() person: Person, @Context() context: RequestContext): Promise<Person | null> {
    if (!person.leaderId) return null;
    return (await this.directory.loadersFor(context).personById.load(person.leaderId)) ?? null;
  }

  @ResolveField(() => Team, { nullable: true })
  async team(@Parent() person: Person, @Context() context: RequestContext): Promise<Team | null> {
    if (!person.teamId) return null;
    return (await this.directory.loadersFor(context).teamById.load(person.teamId)) ?? null;
  }

  /** Other subgraphs (a delivery's person) point here; Apollo calls this as (reference, context). */
  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext): Promise<Person | null> {
    if (!isUUID(reference.id)) return null;
    return (await this.directory.loadersFor(context).personById.load(reference.id)) ?? null;
  }
}
