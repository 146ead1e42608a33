import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, Roles, Scopes } from '@tend/graphql';
import { ImportPeopleInput } from './dto/import-people.input';
import { PeopleImportService } from './people-import.service';
import { PeopleImportReport } from './people-import.type';

@Resolver()
export class PeopleImportResolver {
  constructor(private readonly peopleImport: PeopleImportService) {}

  @Mutation(() => PeopleImportReport, {
    description:
      'Creates, updates, deactivates and reactivates people from an HRIS export. A real run applies every valid row ' +
      'at once and reports the refused ones; a dry run reports every row and writes nothing.',
  })
  @Roles(Role.ADMIN)
  @Scopes('people:write')
  importPeople(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: ImportPeopleInput,
  ): Promise<PeopleImportReport> {
    return this.peopleImport.import(principal.organizationId, input);
  }
}
