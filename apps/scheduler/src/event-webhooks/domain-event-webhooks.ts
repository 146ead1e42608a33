import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventPayloads } from '@tend/events';
import { PersonData } from './webhook-event-types';
import { PendingWebhookEvent, webhookEvent } from './webhook-outbox';

/** What a domain event's webhook events need to know of the projections before it is applied. */
export interface BeforeApplying {
  /** For `cohorts.person_upserted`: whether the scheduler knew the person already (else it is `person.created`). */
  personKnown: boolean;
}

export async function beforeApplying(manager: EntityManager, event: DomainEvent): Promise<BeforeApplying> {
  if (event.type !== 'cohorts.person_upserted') return { personKnown: false };
  const { personId } = (event as DomainEvent<'cohorts.person_upserted'>).payload;
  const rows: unknown[] = await manager.query(
    'SELECT 1 FROM scheduler.people WHERE organization_id = $1 AND person_id = $2',
    [event.organizationId, personId],
  );
  return { personKnown: rows.length > 0 };
}

/**
 * The webhook events a domain event from cohorts becomes, recorded in the transaction
 * that applies it (so once, whatever the queue redelivers). Each takes the domain event's
 * id, which makes it the `webhook-id`: a relay or a consumer that runs twice records
 * nothing twice.
 */
export async function webhookEventsOf(
  manager: EntityManager,
  event: DomainEvent,
  before: BeforeApplying,
): Promise<PendingWebhookEvent[]> {
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'cohorts.person_upserted': {
      const person = event.payload as DomainEventPayloads['cohorts.person_upserted'];
      if (person.restated && before.personKnown) return [];
      const data = personData(person);
      const type = before.personKnown ? 'person.updated' : 'person.created';
      return [webhookEvent(type, person.personId, at, data, event.id)];
    }
    case 'cohorts.person_reactivated': {
      const { personId } = event.payload as DomainEventPayloads['cohorts.person_reactivated'];
      const [person]: (PersonData & { active: boolean })[] = await manager.query(
        `SELECT person_id AS "personId", role, timezone, locale, leader_id AS "leaderId", active
           FROM scheduler.people WHERE organization_id = $1 AND person_id = $2`,
        [event.organizationId, personId],
      );
      return person ? [webhookEvent('person.updated', personId, at, { ...person, active: true }, event.id)] : [];
    }
    case 'cohorts.person_deactivated': {
      const { personId } = event.payload as DomainEventPayloads['cohorts.person_deactivated'];
      return [webhookEvent('person.deactivated', personId, at, { personId }, event.id)];
    }
    case 'cohorts.person_erased': {
      const { personId } = event.payload as DomainEventPayloads['cohorts.person_erased'];
      return [webhookEvent('person.erased', personId, at, { personId }, event.id)];
    }
    case 'cohorts.enrollment_created': {
      const enrollment = event.payload as DomainEventPayloads['cohorts.enrollment_created'];
      return [
        webhookEvent(
          'enrollment.created',
          enrollment.enrollmentId,
          at,
          {
            enrollmentId: enrollment.enrollmentId,
            cohortId: enrollment.cohortId,
            trackId: enrollment.trackId,
            trackVersion: enrollment.trackVersion,
            startsOn: enrollment.startsOn,
          },
          event.id,
        ),
      ];
    }
    case 'cohorts.participation_changed': {
      const change = event.payload as DomainEventPayloads['cohorts.participation_changed'];
      if (change.status !== 'COMPLETED') return [];
      const [enrollment]: { trackId: string; trackVersion: number }[] = await manager.query(
        `SELECT track_id AS "trackId", track_version AS "trackVersion" FROM scheduler.enrollments
          WHERE organization_id = $1 AND enrollment_id = $2`,
        [event.organizationId, change.enrollmentId],
      );
      if (!enrollment) return [];
      return [
        webhookEvent(
          'enrollment.completed',
          change.personId,
          at,
          {
            enrollmentId: change.enrollmentId,
            personId: change.personId,
            trackId: enrollment.trackId,
            trackVersion: enrollment.trackVersion,
            completedAt: at.toISOString(),
            reason: 'MARKED_COMPLETED',
          },
          event.id,
        ),
      ];
    }
    default:
      return [];
  }
}

function personData(person: DomainEventPayloads['cohorts.person_upserted']): PersonData {
  return {
    personId: person.personId,
    role: person.role,
    timezone: person.timezone,
    locale: person.locale,
    leaderId: person.leaderId,
    active: person.active,
  };
}
