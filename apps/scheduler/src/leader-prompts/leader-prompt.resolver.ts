import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, RequestContext, Role } from '@tend/auth';
import { CurrentPerson, IdArg, Roles } from '@tend/graphql';
import { Delivery, DeliveryKind } from '../deliveries/delivery.entity';
import { DeliveryService } from '../deliveries/delivery.service';
import { PromptResponseInput } from './dto/prompt-response.input';
import { LeaderPrompt, PromptResponse, PromptResponseKind, toLeaderPrompt } from './leader-prompt.types';
import { LeaderPromptService } from './leader-prompt.service';

@Resolver(() => Delivery)
export class LeaderPromptResolver {
  constructor(
    private readonly prompts: LeaderPromptService,
    private readonly deliveries: DeliveryService,
  ) {}

  @Mutation(() => Delivery, { description: 'Marks one of your weekly prompts done or skipped, with an optional note' })
  @Roles(Role.LEADER, Role.ADMIN)
  respondToPrompt(
    @CurrentPerson() principal: PersonPrincipal,
    @IdArg('deliveryId') deliveryId: string,
    @Args('input') input: PromptResponseInput,
  ): Promise<Delivery> {
    return this.prompts.respond(principal.organizationId, principal.personId, deliveryId, input);
  }

  @ResolveField(() => LeaderPrompt, {
    nullable: true,
    description: "A LEADER_PROMPT's week: themes, team snapshot, most missed question, opener, last week's note",
  })
  async leaderPrompt(@Parent() delivery: Delivery, @Context() context: RequestContext): Promise<LeaderPrompt | null> {
    if (!delivery.promptDetails) return null;
    const readerLocale = await this.deliveries.loadersFor(context).localeByPerson.load(delivery.personId);
    return {
      ...toLeaderPrompt(delivery.promptDetails, readerLocale),
      leader: { organizationId: delivery.organizationId, personId: delivery.personId },
    };
  }

  @ResolveField(() => PromptResponse, { nullable: true, description: "The leader's answer to a LEADER_PROMPT" })
  response(@Parent() delivery: Delivery): PromptResponse | null {
    // A career conversation's record shares the columns; it is that delivery's `careerConversation`.
    if (delivery.kind !== DeliveryKind.LEADER_PROMPT || !delivery.response || !delivery.completedAt) return null;
    return {
      done: delivery.response === PromptResponseKind.DONE,
      note: delivery.responseNote,
      respondedAt: delivery.completedAt,
    };
  }
}
