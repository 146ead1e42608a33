import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PersonPrincipal, Role } from '@tend/auth';
import { CurrentPerson, IdArg, Roles } from '@tend/graphql';
import { Delivery, DeliveryKind } from '../deliveries/delivery.entity';
import { PromptResponseKind } from '../leader-prompts/leader-prompt.types';
import { RecordCareerConversationInput } from './dto/record-career-conversation.input';
import { CareerConversation, CareerConversationOutcome } from './career-conversation.types';
import { CareerConversationService } from './career-conversation.service';

@Resolver(() => Delivery)
export class CareerConversationResolver {
  constructor(private readonly conversations: CareerConversationService) {}

  @Mutation(() => Delivery, {
    description: 'Records one of your career conversations done or skipped, with an optional note; again replaces it',
  })
  @Roles(Role.LEADER, Role.ADMIN)
  recordCareerConversation(
    @CurrentPerson() principal: PersonPrincipal,
    @IdArg('deliveryId') deliveryId: string,
    @Args('input') input: RecordCareerConversationInput,
  ): Promise<Delivery> {
    return this.conversations.record(principal.organizationId, principal.personId, deliveryId, input);
  }

  @ResolveField(() => CareerConversation, {
    nullable: true,
    description: 'A CAREER_CONVERSATION: the direct report it names and what the leader recorded',
  })
  careerConversation(@Parent() delivery: Delivery): CareerConversation | null {
    if (delivery.kind !== DeliveryKind.CAREER_CONVERSATION || !delivery.subjectId) return null;
    const recorded = delivery.response !== null && delivery.completedAt !== null;
    return {
      report: { id: delivery.subjectId },
      outcome: recorded
        ? delivery.response === PromptResponseKind.DONE
          ? CareerConversationOutcome.DONE
          : CareerConversationOutcome.SKIPPED
        : null,
      note: recorded ? delivery.responseNote : null,
      recordedAt: recorded ? delivery.completedAt : null,
    };
  }
}
