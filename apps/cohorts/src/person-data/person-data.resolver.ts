import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, IdArg, Roles } from '@tend/graphql';
import { Person } from '../people/person.entity';
import { PersonDataExport } from './person-data-export.type';
import { PersonDataExportService } from './person-data-export.service';
import { PersonErasureService } from './person-erasure.service';

/** A person's rights over their data: to read all of it, and to have it erased. Closed to API clients. */
@Resolver(() => PersonDataExport)
export class PersonDataResolver {
  constructor(
    private readonly erasure: PersonErasureService,
    private readonly exports: PersonDataExportService,
  ) {}

  @Mutation(() => Person, {
    description:
      'Erases the person’s personal data in every service and stops their deliveries; anonymous counts remain',
  })
  @Roles(Role.ADMIN)
  erasePerson(@CurrentPrincipal() principal: Caller, @IdArg('personId') personId: string): Promise<Person> {
    return this.erasure.erase(principal.organizationId, personId);
  }

  @Query(() => PersonDataExport, {
    description: 'Everything stored about the person, from every service; an admin, or the person themself',
  })
  personDataExport(
    @CurrentPrincipal() principal: Caller,
    @IdArg('personId') personId: string,
  ): Promise<PersonDataExport> {
    return this.exports.export(principal.organizationId, principal, personId);
  }
}
