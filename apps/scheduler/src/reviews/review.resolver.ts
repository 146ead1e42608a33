import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Caller, PersonPrincipal, Role } from '@tend/auth';
import { CurrentPerson, CurrentPrincipal, IdArg, Roles } from '@tend/graphql';
import { Delivery } from '../deliveries/delivery.entity';
import { UpdateSchedulerSettingsInput } from './dto/update-scheduler-settings.input';
import { ReviewService } from './review.service';
import { ReviewRating } from './review-scheduler';
import { SchedulerSettings } from './scheduler-settings.entity';

@Resolver(() => SchedulerSettings)
export class ReviewResolver {
  constructor(private readonly reviews: ReviewService) {}

  @Mutation(() => Delivery, { description: "Rates one of your own reviews; the card's next review follows from it" })
  reviewCard(
    @CurrentPerson() principal: PersonPrincipal,
    @IdArg('deliveryId') deliveryId: string,
    @Args('rating', { type: () => ReviewRating }) rating: ReviewRating,
  ): Promise<Delivery> {
    return this.reviews.reviewCard(principal.organizationId, principal.personId, deliveryId, rating);
  }

  @Query(() => SchedulerSettings, {
    description: "The organization's scheduling settings: spaced reviews, leaders' lead days, streak repair",
  })
  @Roles(Role.ADMIN)
  schedulerSettings(@CurrentPrincipal() principal: Caller): Promise<SchedulerSettings> {
    return this.reviews.settings(principal.organizationId);
  }

  @Mutation(() => SchedulerSettings, {
    description: "Changes the organization's scheduling settings given; the others stay as they are",
  })
  @Roles(Role.ADMIN)
  updateSchedulerSettings(
    @CurrentPrincipal() principal: Caller,
    @Args('input') input: UpdateSchedulerSettingsInput,
  ): Promise<SchedulerSettings> {
    return this.reviews.updateSettings(principal.organizationId, input);
  }
}
