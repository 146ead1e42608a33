import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, RequestContext, Role } from '@tend/auth';
import { ConnectionShape, CurrentPerson, PageArgs, Roles } from '@tend/graphql';
import { Delivery } from '../deliveries/delivery.entity';
import { DeliveryService } from '../deliveries/delivery.service';
import { LessonReference, PersonReference } from '../deliveries/federated-references';
import { CoachingMomentConnection } from './coaching-moment.connection';
import { CoachingMoment } from './coaching-moment.entity';
import { CoachingMomentService } from './coaching-moment.service';
import { LogCoachingMomentInput } from './dto/log-coaching-moment.input';

@Resolver(() => CoachingMoment)
export class CoachingMomentResolver {
  constructor(
    private readonly moments: CoachingMomentService,
    private readonly deliveries: DeliveryService,
  ) {}

  @Mutation(() => CoachingMoment, {
    description: 'For someone who reports to you, directly or not (admins: anyone in the organization)',
  })
  @Roles(Role.LEADER, Role.ADMIN)
  logCoachingMoment(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: LogCoachingMomentInput,
  ): Promise<CoachingMoment> {
    return this.moments.log(principal.organizationId, principal, input);
  }

  @Query(() => CoachingMomentConnection, {
    description: 'Newest first: the moments you logged; admins see every leader’s',
  })
  @Roles(Role.LEADER, Role.ADMIN)
  coachingMoments(
    @CurrentPerson() principal: PersonPrincipal,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<CoachingMoment>> {
    return this.moments.list(principal.organizationId, principal, page);
  }

  @ResolveField(() => PersonReference, { description: 'Whom the moment is about' })
  person(@Parent() moment: CoachingMoment): PersonReference {
    return { id: moment.personId };
  }

  @ResolveField(() => PersonReference, { description: 'Who noticed' })
  leader(@Parent() moment: CoachingMoment): PersonReference {
    return { id: moment.leaderId };
  }

  @ResolveField(() => LessonReference, { nullable: true })
  relatedLesson(@Parent() moment: CoachingMoment): LessonReference | null {
    return moment.relatedLessonId ? { id: moment.relatedLessonId } : null;
  }

  @ResolveField(() => Delivery, { nullable: true, description: 'The lesson planned again for the next workday' })
  async followUp(@Parent() moment: CoachingMoment, @Context() context: RequestContext): Promise<Delivery | null> {
    if (!moment.followUpDeliveryId) return null;
    return (await this.deliveries.loadersFor(context).deliveryById.load(moment.followUpDeliveryId)) ?? null;
  }
}
