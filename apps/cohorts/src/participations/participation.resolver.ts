import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Caller, Role } from '@tend/auth';
import { CurrentPrincipal, IdArg, Roles, Scopes } from '@tend/graphql';
import { Participation, ParticipationStatus } from './participation';
import { ParticipationService } from './participation.service';

@Resolver(() => Participation)
export class ParticipationResolver {
  constructor(private readonly participations: ParticipationService) {}

  @Mutation(() => Participation, {
    description:
      'Pause (leave, holidays) and resume, drop, complete, or re-enroll one member of an enrollment: PAUSED and ' +
      'DROPPED stop their deliveries at once; ACTIVE after PAUSED resumes where they were, after DROPPED or ' +
      'COMPLETED starts the track again.',
  })
  @Roles(Role.ADMIN)
  @Scopes('enrollments:write')
  setParticipation(
    @CurrentPrincipal() principal: Caller,
    @IdArg('enrollmentId') enrollmentId: string,
    @IdArg('personId') personId: string,
    @Args('status', { type: () => ParticipationStatus }) status: ParticipationStatus,
  ): Promise<Participation> {
    return this.participations.set(principal.organizationId, enrollmentId, personId, status);
  }
}
