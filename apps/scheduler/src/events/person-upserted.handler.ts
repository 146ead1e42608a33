import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { CareerConversationSchedules } from '../career-conversations/career-conversation-schedules';
import { ProjectedPerson } from '../projections/person.entity';
import { withoutPersonalData } from '../person-data/person-erased.handler';
import { EnrollmentSchedules } from './enrollment-schedules';
import { EventHandler } from './event-handler';

@Injectable()
export class PersonUpsertedHandler implements EventHandler<'cohorts.person_upserted'> {
  constructor(
    private readonly schedules: EnrollmentSchedules,
    private readonly careerConversations: CareerConversationSchedules,
  ) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.person_upserted'>): Promise<boolean> {
    const people = manager.getRepository(ProjectedPerson);
    const before = await people.findOneBy({ personId: event.payload.personId });
    // An event written before the erasure may arrive after it (a retry, another worker).
    const payload = before?.erased ? withoutPersonalData(event.payload) : event.payload;
    const { personId, role, timezone, leaderId, email, channels, locale, webhookBridgeId, active } = payload;
    await people.upsert(
      {
        personId,
        organizationId: event.organizationId,
        role,
        timezone,
        leaderId,
        email,
        channels: [...new Set(channels)],
        locale,
        webhookBridgeId,
        active,
        // An event from before teams were projected says nothing of the team: what is known stays.
        teamId: payload.teamId === undefined ? (before?.teamId ?? null) : payload.teamId,
      },
      ['personId'],
    );
    const rescheduled =
      before && before.timezone !== timezone
        ? await this.schedules.reschedule(manager, event.organizationId, { personId })
        : 0;
    const created = await this.schedules.createMissing(manager, event.organizationId, { personId });
    const conversations = await this.careerConversations.keepInStep(manager, event.organizationId, personId);
    return rescheduled + created + conversations > 0;
  }
}
