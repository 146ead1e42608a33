import { Resolver, ResolveReference } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { RequestContext, requestScoped } from '@tend/auth';
import { callerOf } from '@tend/graphql';
import { Team } from './team.entity';
import { TeamService } from './team.service';

@Resolver(() => Team)
export class TeamResolver {
  constructor(private readonly teams: TeamService) {}

  /** A team another subgraph names (the scheduler's analytics), within the caller's organization. */
  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext): Promise<Team | null> {
    if (!isUUID(reference.id)) return null;
    const loader = requestScoped(context, 'teams', () => this.teams.teamsById(callerOf(context).organizationId));
    return (await loader.load(reference.id)) ?? null;
  }
}
