import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { Delivery, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { PromptResponseKind } from '../leader-prompts/leader-prompt.types';
import { RecordCareerConversationInput } from './dto/record-career-conversation.input';
import { CareerConversationOutcome } from './career-conversation.types';
import { CareerConversationErrors } from './career-conversation.errors';

/** Sent by email or webhook it is recorded in the app, so SCHEDULED and FAILED stay recordable, as for prompts. */
const RECORDABLE = [DeliveryStatus.SENT, DeliveryStatus.SCHEDULED, DeliveryStatus.FAILED, DeliveryStatus.COMPLETED];

@Injectable()
export class CareerConversationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The leader it was sent to records the conversation done or skipped, with a note. Recording
   * again replaces the record, as answering a prompt again does: a conversation skipped on Monday
   * and held on Thursday is done.
   */
  async record(
    organizationId: string,
    leaderId: string,
    deliveryId: string,
    input: RecordCareerConversationInput,
  ): Promise<Delivery> {
    const deliveries = this.dataSource.getRepository(Delivery);
    const conversation = await deliveries.findOneBy({ organizationId, personId: leaderId, id: deliveryId });
    if (!conversation) throw CareerConversationErrors.notFound(deliveryId);
    if (conversation.kind !== DeliveryKind.CAREER_CONVERSATION) {
      throw CareerConversationErrors.notAConversation(conversation.kind);
    }
    // An EXPIRED one was cancelled before it was sent: the report moved on or left.
    if (!RECORDABLE.includes(conversation.status)) throw CareerConversationErrors.notOpen(conversation.status);
    await deliveries.update(
      { organizationId, personId: leaderId, id: deliveryId },
      {
        status: DeliveryStatus.COMPLETED,
        response:
          input.outcome === CareerConversationOutcome.DONE ? PromptResponseKind.DONE : PromptResponseKind.SKIPPED,
        responseNote: input.note || null,
        completedAt: this.clock.now(),
      },
    );
    return deliveries.findOneByOrFail({ organizationId, id: deliveryId });
  }
}
