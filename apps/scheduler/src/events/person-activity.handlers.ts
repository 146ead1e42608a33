import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { CareerConversationSchedules } from '../career-conversations/career-conversation-schedules';
import { DeliveryStatus } from '../deliveries/delivery.entity';
import { countedByKindAndChannel, countOnCommit, DeliveryCount, deliveriesExpired } from '../metrics/delivery-metrics';
import { ProjectedPerson } from '../projections/person.entity';
import { EnrollmentSchedules } from './enrollment-schedules';
import { EventHandler } from './event-handler';

/** Why a cancelled send never went out, for the admin who reads the delivery. */
export const CANCELLED_FOR_DEACTIVATION = 'cancelled: the person was deactivated';

/**
 * A deactivated person gets nothing more: the planner passes them by, and
 * sends not yet made expire, so a queued job finds nothing to send; so do their
 * leader's unsent career conversations with them.
 */
@Injectable()
export class PersonDeactivatedHandler implements EventHandler<'cohorts.person_deactivated'> {
  constructor(private readonly careerConversations: CareerConversationSchedules) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.person_deactivated'>): Promise<boolean> {
    const { personId } = event.payload;
    await manager.getRepository(ProjectedPerson).update({ personId }, { active: false });
    const expired = await manager.query<DeliveryCount[]>(
      countedByKindAndChannel(`UPDATE scheduler.deliveries SET status = $3, last_error = $4, updated_at = now()
       WHERE organization_id = $1 AND person_id = $2 AND status = $5
       RETURNING kind, channel`),
      [event.organizationId, personId, DeliveryStatus.EXPIRED, CANCELLED_FOR_DEACTIVATION, DeliveryStatus.SCHEDULED],
    );
    countOnCommit(manager, deliveriesExpired, expired);
    await this.careerConversations.expireAbout(manager, event.organizationId, personId, CANCELLED_FOR_DEACTIVATION);
    return false;
  }
}

/**
 * Lessons resume at the person's next slot: the days away roll forward, they do not arrive at once;
 * career conversations with them, or theirs as a leader, start again from now.
 */
@Injectable()
export class PersonReactivatedHandler implements EventHandler<'cohorts.person_reactivated'> {
  constructor(
    private readonly schedules: EnrollmentSchedules,
    private readonly careerConversations: CareerConversationSchedules,
  ) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.person_reactivated'>): Promise<boolean> {
    const { personId } = event.payload;
    await manager.getRepository(ProjectedPerson).update({ personId }, { active: true });
    const rescheduled = await this.schedules.reschedule(manager, event.organizationId, { personId });
    const conversations = await this.careerConversations.keepInStep(manager, event.organizationId, personId);
    return rescheduled + conversations > 0;
  }
}
