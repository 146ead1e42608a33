import { Query, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, OptionalIdArg, Roles } from '@tend/graphql';
import { PROGRESS_WINDOW_DAYS, TeamProgressService } from './team-progress.service';

@Resolver()
export class MyTeamCsvResolver {
  constructor(private readonly progress: TeamProgressService) {}

  @Query(() => String, {
    description: `myTeam as CSV (RFC 4180), by email: each report's current lesson, streak, and lessons and reviews of the last ${PROGRESS_WINDOW_DAYS} days; an admin may name the leader`,
  })
  @Roles(Role.LEADER, Role.ADMIN)
  myTeamCsv(
    @CurrentPrincipal() caller: Caller,
    @OptionalIdArg('leaderId') leaderId: string | undefined,
  ): Promise<string> {
    return this.progress.csvOfTeam(caller.organizationId, caller, leaderId);
  }
}
