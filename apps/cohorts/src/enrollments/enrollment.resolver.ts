import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller, RequestContext, Role } from '@tend/auth';
import { CurrentPrincipal, IdArg, LocalDateScalar, Roles, Scopes } from '@tend/graphql';
import { CohortErrors } from '../cohorts/cohort.errors';
import { Cohort } from '../cohorts/cohort.entity';
import { CohortService } from '../cohorts/cohort.service';
import { Enrollment } from './enrollment.entity';
import { EnrollmentService } from './enrollment.service';
import { TrackReference } from './track.reference';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  constructor(
    private readonly enrollmentService: EnrollmentService,
    private readonly cohortService: CohortService,
  ) {}

  @Mutation(() => Enrollment, { description: 'startsOn defaults to today in the cohort’s time zone' })
  @Roles(Role.ADMIN)
  @Scopes('enrollments:write')
  enrollCohort(
    @CurrentPrincipal() principal: Caller,
    @IdArg('cohortId') cohortId: string,
    @IdArg('trackId') trackId: string,
    @Args('startsOn', { type: () => LocalDateScalar, nullable: true }) startsOn?: string | null,
  ): Promise<Enrollment> {
    return this.enrollmentService.enroll(principal.organizationId, cohortId, trackId, startsOn);
  }

  @ResolveField(() => Cohort)
  async cohort(@Parent() enrollment: Enrollment, @Context() context: RequestContext): Promise<Cohort> {
    const cohort = await this.cohortService.loadersFor(context).cohortById.load(enrollment.cohortId);
    if (!cohort) throw CohortErrors.notFound(enrollment.cohortId);
    return cohort;
  }

  @ResolveField(() => TrackReference)
  track(@Parent() enrollment: Enrollment): TrackReference {
    return { id: enrollment.trackId };
  }
}
