import { Args, Query, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { Connection, ConnectionShape, CurrentPrincipal, PageArgs, Roles } from '@tend/graphql';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

export const AuditEntryConnection = Connection(AuditEntry);

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEntryConnection, { description: 'Every change admins and API clients made, newest first' })
  @Roles(Role.ADMIN)
  auditLog(
    @CurrentPrincipal() principal: PersonPrincipal,
    @Args() args: PageArgs,
  ): Promise<ConnectionShape<AuditEntry>> {
    return this.audit.list(principal.organizationId, args);
  }
}
