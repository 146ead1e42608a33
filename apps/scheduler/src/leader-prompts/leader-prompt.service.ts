import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { recordWebhookEvents, webhookEvent } from '../event-webhooks/webhook-outbox';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { Delivery, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { PromptResponseInput } from './dto/prompt-response.input';
import { LeaderPromptErrors } from './leader-prompt.errors';
import { PromptResponseKind } from './leader-prompt.types';

/** A prompt sent by email or webhook is answered in the app, so SCHEDULED stays answerable; FAILED too, read in-app. */
const ANSWERABLE = [DeliveryStatus.SENT, DeliveryStatus.SCHEDULED, DeliveryStatus.FAILED, DeliveryStatus.COMPLETED];

@Injectable()
export class LeaderPromptService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * A leader marks their own prompt done or skipped, with a note. Answering
   * again replaces the answer: a leader who skipped on Monday and had the
   * huddle on Thursday says so.
   */
  async respond(
    organizationId: string,
    leaderId: string,
    deliveryId: string,
    input: PromptResponseInput,
  ): Promise<Delivery> {
    const deliveries = this.dataSource.getRepository(Delivery);
    const prompt = await deliveries.findOneBy({ organizationId, personId: leaderId, id: deliveryId });
    if (!prompt) throw LeaderPromptErrors.notFound(deliveryId);
    if (prompt.kind !== DeliveryKind.LEADER_PROMPT) throw LeaderPromptErrors.notAPrompt(prompt.kind);
    if (!ANSWERABLE.includes(prompt.status)) throw LeaderPromptErrors.notOpen(prompt.status);
    const respondedAt = this.clock.now();
    const response = input.done ? PromptResponseKind.DONE : PromptResponseKind.SKIPPED;
    // The answer and its webhook event commit together (docs/ARCHITECTURE.md#events).
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(Delivery)
        .update(
          { organizationId, personId: leaderId, id: deliveryId },
          { status: DeliveryStatus.COMPLETED, response, responseNote: input.note || null, completedAt: respondedAt },
        );
      await recordWebhookEvents(manager, organizationId, [
        webhookEvent('leader_prompt.responded', leaderId, respondedAt, {
          deliveryId,
          leaderId,
          enrollmentId: prompt.enrollmentId,
          response,
          respondedAt: respondedAt.toISOString(),
        }),
      ]);
    });
    return deliveries.findOneByOrFail({ organizationId, id: deliveryId });
  }
}
