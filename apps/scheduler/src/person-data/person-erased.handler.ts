import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventPayloads } from '@tend/events';
import { CareerConversationSchedules } from '../career-conversations/career-conversation-schedules';
import { DeliveryStatus } from '../deliveries/delivery.entity';
import { EventHandler } from '../events/event-handler';
import { countOnCommit, DeliveryCount, deliveriesExpired } from '../metrics/delivery-metrics';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';

const S = `"${SCHEDULER_SCHEMA}"`;

type PersonFacts = DomainEventPayloads['cohorts.person_upserted'];

/** A person's facts as the scheduler keeps them once erased: their place in the organization, nothing of them. */
export function withoutPersonalData<T extends Pick<PersonFacts, 'role' | 'leaderId'>>(
  facts: T,
): T & Omit<PersonFacts, 'personId'> {
  return {
    ...facts,
    email: '',
    webhookBridgeId: null,
    channels: ['IN_APP'],
    timezone: 'UTC',
    locale: 'en-US',
    active: false,
  };
}

/** What replaces a coaching moment's text once either person in it is erased; the column may not be empty. */
export const ERASED_TEXT = '[erased]';

/** Why a send never went out, for the admin who reads the delivery. */
export const CANCELLED_FOR_ERASURE = 'cancelled: the person’s data was erased';

/**
 * Forgets what identifies the person or what they wrote, keeping the rows that
 * anonymous counts are made of (deliveries, completions and scores, coaching
 * moments by kind and week, pulse answers by team) under the bare id, which
 * no longer leads to a name anywhere. Pulse answers were never linked to the
 * person, so their own answers cannot be found and stay as anonymous as they were;
 * the comments their team wrote about them as a leader are cleared.
 */
@Injectable()
export class PersonErasedHandler implements EventHandler<'cohorts.person_erased'> {
  constructor(private readonly careerConversations: CareerConversationSchedules) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.person_erased'>): Promise<boolean> {
    const parameters = [event.organizationId, event.payload.personId];
    // Addresses, zone and language go; the row stays, as reporting lines and team sizes count it.
    // Should the erasure overtake the person's first upsert, the placeholder waits for it.
    const blank = withoutPersonalData({ role: 'LEARNER', leaderId: null });
    await manager.query(
      `INSERT INTO ${S}.people
         (person_id, organization_id, role, leader_id, email, webhook_bridge_id, channels, timezone, locale, active, erased)
       VALUES ($2, $1, $3, NULL, $4, NULL, $5, $6, $7, false, true)
       ON CONFLICT (person_id) DO UPDATE
       SET email = EXCLUDED.email, webhook_bridge_id = NULL, channels = EXCLUDED.channels,
           timezone = EXCLUDED.timezone, locale = EXCLUDED.locale, active = false, erased = true, updated_at = now()`,
      [...parameters, blank.role, blank.email, blank.channels, blank.timezone, blank.locale],
    );
    // The sends about to expire, counted and held: a send job cannot take one in between.
    const expiring = await manager.query<DeliveryCount[]>(
      `SELECT kind, channel, count(*)::int AS count
       FROM (SELECT kind, channel FROM ${S}.deliveries WHERE organization_id = $1 AND person_id = $2 AND status = $3
             FOR UPDATE) scheduled
       GROUP BY kind, channel`,
      [...parameters, DeliveryStatus.SCHEDULED],
    );
    await manager.query(
      `UPDATE ${S}.deliveries
       SET reflection = NULL, response_note = NULL,
           -- A leader's prompt brings back the note they wrote on the one before.
           prompt_details = CASE WHEN prompt_details ? 'previousNote'
                                 THEN jsonb_set(prompt_details, '{previousNote}', 'null') ELSE prompt_details END,
           -- A failed send's error may quote the address it was sent to.
           last_error = CASE WHEN status = $3 THEN $4 ELSE NULL END,
           status = CASE WHEN status = $3 THEN $5 ELSE status END,
           updated_at = now()
       WHERE organization_id = $1 AND person_id = $2`,
      [...parameters, DeliveryStatus.SCHEDULED, CANCELLED_FOR_ERASURE, DeliveryStatus.EXPIRED],
    );
    countOnCommit(manager, deliveriesExpired, expiring);
    // What their leader noted of a career conversation with them is about them; the count stays.
    await manager.query(
      `UPDATE ${S}.deliveries SET response_note = NULL, updated_at = now()
       WHERE organization_id = $1 AND subject_id = $2 AND response_note IS NOT NULL`,
      parameters,
    );
    await this.careerConversations.expireAbout(
      manager,
      event.organizationId,
      event.payload.personId,
      CANCELLED_FOR_ERASURE,
    );
    await manager.query(
      `UPDATE ${S}.coaching_moments SET what_happened = $3, updated_at = now()
       WHERE organization_id = $1 AND (person_id = $2 OR leader_id = $2)`,
      [...parameters, ERASED_TEXT],
    );
    // A reflection waiting for the organization's LRS goes without its text.
    await manager.query(
      `UPDATE ${S}.xapi_statements SET reflection = NULL, updated_at = now()
       WHERE organization_id = $1 AND payload->>'personId' = $2::text AND reflection IS NOT NULL`,
      parameters,
    );
    await manager.query(
      `UPDATE ${S}.pulse_answers SET comment = NULL WHERE organization_id = $1 AND leader_id = $2`,
      parameters,
    );
    // Which weeks they answered only served to ask them once; their spaced-review states only
    // served to plan their next reviews. Neither is a count anyone reads.
    await manager.query(`DELETE FROM ${S}.pulse_responses WHERE organization_id = $1 AND person_id = $2`, parameters);
    await manager.query(`DELETE FROM ${S}.card_states WHERE organization_id = $1 AND person_id = $2`, parameters);
    // Their LMS line items name them at the platform; scores not sent yet go with them.
    await manager.query(`DELETE FROM ${S}.lti_line_items WHERE organization_id = $1 AND person_id = $2`, parameters);
    return false;
  }
}
