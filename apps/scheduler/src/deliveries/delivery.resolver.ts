import { Args, Context, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { Caller, RequestContext } from '@tend/auth';
import { ConnectionShape, CurrentPrincipal, OptionalIdArg, PageArgs, Scopes } from '@tend/graphql';
import { DeliveryConnection } from './delivery.connection';
import { Delivery, DeliveryStatus } from './delivery.entity';
import { DeliveryService } from './delivery.service';
import { LessonReference, PersonReference, ReviewCardReference } from './federated-references';

@Resolver(() => Delivery)
export class DeliveryResolver {
  constructor(private readonly deliveryService: DeliveryService) {}

  @Query(() => DeliveryConnection, {
    description: "Newest first. Admins: anyone's; leaders: their own and their reports'; learners: their own",
  })
  @Scopes('progress:read')
  deliveries(
    @CurrentPrincipal() principal: Caller,
    @OptionalIdArg('personId') personId: string | undefined,
    @Args() page: PageArgs,
    @Args('status', {
      type: () => DeliveryStatus,
      nullable: true,
      description: 'Only deliveries in this status: FAILED lists what could not be sent',
    })
    status: DeliveryStatus | null,
  ): Promise<ConnectionShape<Delivery>> {
    return this.deliveryService.list(principal.organizationId, principal, personId, page, status ?? undefined);
  }

  @ResolveField(() => PersonReference)
  person(@Parent() delivery: Delivery): PersonReference {
    return { id: delivery.personId };
  }

  @ResolveField(() => LessonReference, { nullable: true, description: 'In the locale of the person it goes to' })
  async lesson(@Parent() delivery: Delivery, @Context() context: RequestContext): Promise<LessonReference | null> {
    if (!delivery.lessonId) return null;
    const readerLocale = await this.deliveryService.loadersFor(context).localeByPerson.load(delivery.personId);
    return { id: delivery.lessonId, readerLocale };
  }

  @ResolveField(() => ReviewCardReference, { nullable: true })
  card(@Parent() delivery: Delivery): ReviewCardReference | null {
    return delivery.cardId ? { id: delivery.cardId } : null;
  }

  @ResolveField(() => Delivery, { nullable: true, description: "A NUDGE's lesson: the delivery to complete" })
  async reminderOf(@Parent() delivery: Delivery, @Context() context: RequestContext): Promise<Delivery | null> {
    if (!delivery.reminderOf) return null;
    return (await this.deliveryService.loadersFor(context).deliveryById.load(delivery.reminderOf)) ?? null;
  }

  /** Apollo calls this as (reference, context). */
  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext): Promise<Delivery | null> {
    if (!isUUID(reference.id)) return null;
    return (await this.deliveryService.loadersFor(context).deliveryById.load(reference.id)) ?? null;
  }
}
