import {
  Args,
  Context,
  Directive,
  Info,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { isUUID } from 'class-validator';
import { Caller, RequestContext } from '@tend/auth';
import { ConnectionShape, CurrentPrincipal, OptionalIdArg, PageArgs, Scopes } from '@tend/graphql';
import { DeliveryConnection } from './delivery.connection';
import { Delivery, DeliveryStatus } from './delivery.entity';
import { DeliveryService } from './delivery.service';
import {
  LessonReference,
  PersonReference,
  PROVIDED_CARD_FIELDS,
  PROVIDED_LESSON_FIELDS,
  ReviewCardReference,
} from './federated-references';
import { asksForProvidedFields, cardOf, lessonAsRead, questionOf } from './lesson-texts';
import { ReviewQuestion } from './review-question.type';
import { ReviewItemKind } from '../reviews/card-state.entity';

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
  @Directive(`@provides(fields: "${PROVIDED_LESSON_FIELDS}")`)
  async lesson(
    @Parent() delivery: Delivery,
    @Context() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LessonReference | null> {
    if (!delivery.lessonId) return null;
    const loaders = this.deliveryService.loadersFor(context);
    if (!asksForProvidedFields(info)) {
      return { id: delivery.lessonId, readerLocale: await loaders.localeByPerson.load(delivery.personId) };
    }
    const [readerLocale, text] = await Promise.all([
      loaders.localeByPerson.load(delivery.personId),
      loaders.lessonTextById.load(delivery.lessonId),
    ]);
    return lessonAsRead(delivery.lessonId, readerLocale, text);
  }

  @ResolveField(() => ReviewCardReference, { nullable: true })
  @Directive(`@provides(fields: "${PROVIDED_CARD_FIELDS}")`)
  async card(
    @Parent() delivery: Delivery,
    @Context() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReviewCardReference | null> {
    if (!delivery.cardId || delivery.reviewOf === ReviewItemKind.QUESTION) return null;
    if (!asksForProvidedFields(info)) return { id: delivery.cardId };
    // A review's lesson is the one that brought its card.
    const lessonTexts = this.deliveryService.loadersFor(context).lessonTextById;
    return cardOf(delivery.cardId, delivery.lessonId ? await lessonTexts.load(delivery.lessonId) : undefined);
  }

  @ResolveField(() => ReviewQuestion, {
    nullable: true,
    description: "A question review's question, in the learner's locale: the one they once got wrong",
  })
  async question(@Parent() delivery: Delivery, @Context() context: RequestContext): Promise<ReviewQuestion | null> {
    if (delivery.reviewOf !== ReviewItemKind.QUESTION || !delivery.cardId || !delivery.lessonId) return null;
    const loaders = this.deliveryService.loadersFor(context);
    const [readerLocale, text] = await Promise.all([
      loaders.localeByPerson.load(delivery.personId),
      loaders.lessonTextById.load(delivery.lessonId),
    ]);
    return questionOf(delivery.cardId, delivery.lessonId, readerLocale, text);
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
