import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { recordWebhookEvents, webhookEvent } from '../event-webhooks/webhook-outbox';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@tend/clock';
import { CareerConversationSchedules } from '../career-conversations/career-conversation-schedules';
import { Delivery, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { CardState, ReviewItemKind } from './card-state.entity';
import { UpdateSchedulerSettingsInput } from './dto/update-scheduler-settings.input';
import { ReviewErrors } from './review.errors';
import { CardMemory, ReviewRating, ReviewScheduler } from './review-scheduler';
import { defaultSettings, SchedulerSettings } from './scheduler-settings.entity';

@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly careerConversations: CareerConversationSchedules,
  ) {}

  async settings(organizationId: string): Promise<SchedulerSettings> {
    const settings = await this.dataSource.getRepository(SchedulerSettings).findOneBy({ organizationId });
    return settings ?? defaultSettings(organizationId);
  }

  async updateSettings(organizationId: string, input: UpdateSchedulerSettingsInput): Promise<SchedulerSettings> {
    const current = await this.settings(organizationId);
    // The memory model's columns are the weekly fit's to write, so they are left out here.
    const next: Omit<SchedulerSettings, 'memoryParameters' | 'memoryModelFitId' | 'updatedAt'> = {
      organizationId,
      reviewsPerDay: input.reviewsPerDay ?? current.reviewsPerDay,
      desiredRetention: input.desiredRetention ?? current.desiredRetention,
      leaderLeadDays: input.leaderLeadDays ?? current.leaderLeadDays,
      streakRepairOneIn:
        input.streakRepairOneIn === undefined || input.streakRepairOneIn === null
          ? current.streakRepairOneIn
          : input.streakRepairOneIn || null,
      careerConversationEveryWeeks: input.careerConversationEveryWeeks ?? current.careerConversationEveryWeeks,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(SchedulerSettings).upsert(next, ['organizationId']);
      if (next.careerConversationEveryWeeks !== current.careerConversationEveryWeeks) {
        await this.careerConversations.restartAll(manager, organizationId);
      }
    });
    return this.settings(organizationId);
  }

  /**
   * A learner rates one card review of their bundle: FSRS moves the card's state on at the
   * organization's desired retention, and the review is done. One transaction, the delivery
   * locked first, so two ratings of it never both count.
   */
  async reviewCard(
    organizationId: string,
    personId: string,
    deliveryId: string,
    rating: ReviewRating,
  ): Promise<Delivery> {
    return this.dataSource.transaction(async (manager) => {
      const delivery = await this.openReview(manager, organizationId, personId, deliveryId);
      if (delivery.reviewOf === ReviewItemKind.QUESTION) throw ReviewErrors.answerTheQuestion();
      await this.rate(manager, delivery, rating);
      return delivery;
    });
  }

  /** The caller's review of today's bundle, locked for the rest of the transaction. */
  async openReview(
    manager: EntityManager,
    organizationId: string,
    personId: string,
    deliveryId: string,
  ): Promise<Delivery> {
    const delivery = await manager
      .getRepository(Delivery)
      .createQueryBuilder('delivery')
      .setLock('pessimistic_write')
      .where('delivery.organization_id = :organizationId AND delivery.person_id = :personId AND delivery.id = :id', {
        organizationId,
        personId,
        id: deliveryId,
      })
      .getOne();
    if (!delivery) throw ReviewErrors.notFound(deliveryId);
    if (delivery.kind !== DeliveryKind.REVIEW || delivery.cardId === null) throw ReviewErrors.notAReview(delivery.kind);
    if (delivery.status !== DeliveryStatus.SENT) throw ReviewErrors.notOpen(delivery.status);
    return delivery;
  }

  /**
   * Completes an open review with its rating (a question review's from its answer, which
   * `answered` records): the item's FSRS state moves on, and `review.rated` is recorded.
   */
  async rate(
    manager: EntityManager,
    delivery: Delivery,
    rating: ReviewRating,
    answered: { answers: number[]; correct: number; total: number } | null = null,
  ): Promise<void> {
    const { organizationId, personId } = delivery;
    const cardId = delivery.cardId as string;
    const now = this.clock.now();
    const cards = manager.getRepository(CardState);
    const stored = await cards
      .createQueryBuilder('card')
      .setLock('pessimistic_write')
      .where('card.organization_id = :organizationId AND card.person_id = :personId AND card.card_id = :cardId', {
        organizationId,
        personId,
        cardId,
      })
      .getOne();
    const memory: CardMemory = stored ?? ReviewScheduler.newCard(delivery.dueAt);
    const { desiredRetention, memoryParameters } = await this.settings(organizationId);
    const next = new ReviewScheduler(desiredRetention, memoryParameters).review(memory, now, rating);
    await cards.upsert(
      {
        organizationId,
        personId,
        cardId,
        kind: delivery.reviewOf ?? ReviewItemKind.CARD,
        lessonId: delivery.lessonId ?? stored?.lessonId,
        ...next,
      },
      ['personId', 'cardId'],
    );
    Object.assign(delivery, { status: DeliveryStatus.COMPLETED, rating, completedAt: now, ...answered });
    await manager
      .getRepository(Delivery)
      .update(
        { id: delivery.id, organizationId },
        { status: delivery.status, rating, completedAt: now, ...(answered ?? {}) },
      );
    await recordWebhookEvents(manager, organizationId, [
      webhookEvent('review.rated', personId, now, {
        personId,
        deliveryId: delivery.id,
        cardId,
        lessonId: delivery.lessonId ?? stored?.lessonId ?? null,
        rating,
        ratedAt: now.toISOString(),
        nextDueAt: next.due.toISOString(),
      }),
    ]);
  }
}
