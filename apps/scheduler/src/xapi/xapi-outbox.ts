import type { EntityManager } from 'typeorm';
import type { WebhookEventPayloads } from '../event-webhooks/webhook-event-types';
import { isXapiEventType, statementId, statementRolesOf, XapiEventType } from './xapi-statements';

/** Marks a transaction that recorded statements, with their organizations, so their sends start once it commits. */
export const XAPI_STATEMENTS_WRITTEN = 'tend.xapiStatementsWritten';

/** A public event with its id settled, as `recordWebhookEvents` hands it on. */
export interface RecordedEvent {
  id: string;
  type: string;
  occurredAt: Date;
  data: unknown;
  reflection?: string | null;
}

/**
 * Keeps the statements of an organization's public events for its turned-on LRS, in the
 * transaction that records the events (so with the change itself): the event-webhooks
 * outbox and this one are fed by the same call, which reads `lrs` with its own statement. Each statement's id is derived from the
 * event's, so a domain event applied twice keeps nothing twice. Nothing is kept while the
 * organization has no LRS turned on; a reflection's text only when it opted in.
 */
export async function recordXapiStatements(
  manager: EntityManager,
  organizationId: string,
  lrs: { sendReflections: boolean },
  events: readonly RecordedEvent[],
): Promise<void> {
  const relevant = events.filter((event) => isXapiEventType(event.type));
  if (relevant.length === 0) return;

  const rows: { id: string; event: RecordedEvent; role: string }[] = [];
  for (const event of relevant) {
    const type = event.type as XapiEventType;
    const payload = event.data as WebhookEventPayloads[XapiEventType];
    const learners = type === 'enrollment.created' ? await learnersOf(manager, organizationId, event) : [];
    for (const role of statementRolesOf(type, payload, learners)) {
      rows.push({ id: statementId(event.id, role), event, role });
    }
  }
  if (rows.length === 0) return;
  const recorded: unknown[] = await manager.query(
    `INSERT INTO scheduler.xapi_statements (id, organization_id, event_id, event_type, role, occurred_at, payload, reflection)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[], $8::text[])
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      rows.map((row) => row.id),
      rows.map(() => organizationId),
      rows.map((row) => row.event.id),
      rows.map((row) => row.event.type),
      rows.map((row) => row.role),
      rows.map((row) => row.event.occurredAt.toISOString()),
      rows.map((row) => JSON.stringify(row.event.data)),
      rows.map((row) => (lrs.sendReflections && row.role === 'completed' ? (row.event.reflection ?? null) : null)),
    ],
  );
  const queryRunner = manager.queryRunner;
  if (recorded.length > 0 && queryRunner) {
    const organizations = new Set<string>(queryRunner.data?.[XAPI_STATEMENTS_WRITTEN] ?? []);
    organizations.add(organizationId);
    queryRunner.data = { ...queryRunner.data, [XAPI_STATEMENTS_WRITTEN]: organizations };
  }
}

/** The learners an enrollment holds when it is applied: each registers for the track. */
async function learnersOf(manager: EntityManager, organizationId: string, event: RecordedEvent): Promise<string[]> {
  const { enrollmentId } = event.data as WebhookEventPayloads['enrollment.created'];
  const rows: { person_id: string }[] = await manager.query(
    `SELECT person_id FROM scheduler.learner_enrollments
      WHERE organization_id = $1 AND enrollment_id = $2 ORDER BY person_id`,
    [organizationId, enrollmentId],
  );
  return rows.map((row) => row.person_id);
}

/** The organization's LRS while it is turned on (the organization an SQL placeholder), as a subquery. */
export function enabledLrsSql(organizationId: string): string {
  return `SELECT send_reflections FROM scheduler.lrs_configurations WHERE organization_id = ${organizationId} AND enabled`;
}

/** Whether the organization's LRS is turned on, as an SQL condition. */
export function lrsEnabledSql(organizationId: string): string {
  return `EXISTS (${enabledLrsSql(organizationId)})`;
}
