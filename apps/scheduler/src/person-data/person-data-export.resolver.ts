import { Resolver, ResolveReference } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { RequestContext, Role } from '@tend/auth';
import { callerOf, forbidden } from '@tend/graphql';
import { PersonDataExportService } from './person-data-export.service';
import { SchedulerPersonDataExport } from './person-data-export.type';

@Resolver(() => SchedulerPersonDataExport)
export class PersonDataExportResolver {
  constructor(private readonly exports: PersonDataExportService) {}

  /**
   * Reached only through cohorts' `personDataExport`, which checks the caller
   * first; the same rule is checked again here, as this part is read on its own.
   */
  @ResolveReference()
  resolveReference(reference: { personId: string }, context: RequestContext): Promise<SchedulerPersonDataExport> {
    const caller = callerOf(context);
    if (!isUUID(reference.personId)) throw forbidden();
    if (caller.role !== Role.ADMIN && caller.personId !== reference.personId) throw forbidden();
    return this.exports.export(caller.organizationId, reference.personId);
  }
}
