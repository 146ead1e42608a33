import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { enabledLrsSql, lrsEnabledSql, recordXapiStatements } from '../xapi/xapi-outbox';
import { isXapiEventType } from '../xapi/xapi-statements';
import { WebhookEventPayloads, WebhookEventType } from './webhook-event-types';

/** Marks a transaction that recorded webhook events, so the fan-out runs as soon as it commits. */
export const WEBHOOK_EVENTS_WRITTEN = 'tend.webhookEventsWritten';

export interface PendingWebhookEvent<T extends WebhookEventType = WebhookEventType> {
  type: T;
  /** Whom or what it is about (a person, an enrollment): ordering is documented per subject. */
  subjectId: string;
  occurredAt: Date;
  data: WebhookEventPayloads[T];
  /**
   * The event id, which is the `webhook-id` every message of it carries. An event that
   * restates a domain event passes that event's id, so a redelivered domain event records
   * nothing twice; otherwise a new one.
   */
  id?: string;
  /**
   * A reflection's text, for the organization's LRS when it opted in to reflections
   * (xapi/); never part of `data`, so no webhook carries it.
   */
  reflection?: string | null;
}

/** A typed event; keeps `type` and `data` matched at compile time. */
export function webhookEvent<T extends WebhookEventType>(
  type: T,
  subjectId: string,
  occurredAt: Date,
  data: WebhookEventPayloads[T],
  id?: string,
): PendingWebhookEvent<T> {
  return { type, subjectId, occurredAt, data, id };
}

/**
 * Appends events for subscribed endpoints to `scheduler.webhook_events`, the scheduler's
 * outbox of public events, inside the transaction that makes the change: the change and
 * its events commit or roll back together, so a crash loses none and doubles none. An
 * event is recorded only while a subscription of the organization (enabled or not) hears
 * its type, so an organization without subscriptions pays one indexed look-up and nothing
 * more; the same statement does both. The same events feed the organization's LRS, if it
 * has one (xapi/xapi-outbox.ts), with the same ids.
 */
export async function recordWebhookEvents(
  manager: EntityManager,
  organizationId: string,
  events: PendingWebhookEvent[],
): Promise<void> {
  if (events.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('recordWebhookEvents must run inside the transaction that makes the change');
  }
  const ids = events.map((event) => event.id ?? randomUUID());
  // The organization's LRS settings come back from the same statement, so an organization
  // without an LRS pays nothing more for it.
  const rows: { id: string | null; lrs_send_reflections: boolean | null }[] = await manager.query(
    `WITH recorded AS (
       INSERT INTO scheduler.webhook_events (id, organization_id, type, subject_id, occurred_at, payload)
       SELECT event.* FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::timestamptz[], $6::jsonb[])
              AS event (id, organization_id, type, subject_id, occurred_at, payload)
        WHERE EXISTS (SELECT 1 FROM scheduler.webhook_subscriptions s
                       WHERE s.organization_id = event.organization_id AND event.type = ANY(s.events))
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     )
     SELECT id, NULL::boolean AS lrs_send_reflections FROM recorded
     UNION ALL
     SELECT NULL, lrs.send_reflections FROM (${enabledLrsSql('$7')}) lrs`,
    [
      ids,
      events.map(() => organizationId),
      events.map((event) => event.type),
      events.map((event) => event.subjectId),
      events.map((event) => event.occurredAt.toISOString()),
      events.map((event) => JSON.stringify(event.data)),
      organizationId,
    ],
  );
  if (rows.some((row) => row.id !== null)) {
    manager.queryRunner.data = { ...manager.queryRunner.data, [WEBHOOK_EVENTS_WRITTEN]: true };
  }
  const lrs = rows.find((row) => row.id === null);
  if (lrs) {
    await recordXapiStatements(
      manager,
      organizationId,
      { sendReflections: lrs.lrs_send_reflections === true },
      events.map((event, index) => ({ ...event, id: ids[index] })),
    );
  }
}

/**
 * Whether a subscription of the organization, or its LRS, hears the type: work that only
 * feeds an event can be skipped.
 */
export async function someoneHears(
  manager: EntityManager,
  organizationId: string,
  type: WebhookEventType,
): Promise<boolean> {
  // One statement for both audiences: it runs in completeLesson's transaction.
  const [row]: { hears: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM scheduler.webhook_subscriptions WHERE organization_id = $1 AND $2 = ANY(events))
            OR ($3 AND ${lrsEnabledSql('$1')}) AS hears`,
    [organizationId, type, isXapiEventType(type)],
  );
  return row.hears;
}
