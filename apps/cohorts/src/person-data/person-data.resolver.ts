import { Mutation, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, IdArg, Roles } from '@tend/graphql';
import { Person } from '../people/person.entity';
import { PersonErasureService } from './person-erasure.service';

/** A person's rights over their data. Closed to API clients. */
@Resolver()
export class PersonDataResolver {
  constructor(private readonly erasure: PersonErasureService) {}

  @Mutation(() => Person, {
    description:
      'Erases the person’s personal data in every service and stops their deliveries; anonymous counts remain',
  })
  @Roles(Role.ADMIN)
  erasePerson(@CurrentPrincipal() principal: Caller, @IdArg('personId') personId: string): Promise<Person> {
    return this.erasure.erase(principal.organizationId, personId);
  }
}
