import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainEventPayloads, DomainEventType } from './domain-events';

/** Marks a transaction that wrote events, so the relay can run as soon as it commits. */
export const OUTBOX_WRITTEN = 'tend.outboxWritten';

/** Which events a transaction wrote, for the work that must follow its commit at once. */
const EVENTS_WRITTEN = 'tend.eventsWritten';

export interface WrittenEvent {
  organizationId: string;
  type: DomainEventType;
}

function eventsWrittenIn(queryRunner: { data?: Record<string, unknown> }): WrittenEvent[] {
  return (queryRunner.data?.[EVENTS_WRITTEN] as WrittenEvent[] | undefined) ?? [];
}

/**
 * The events the transaction of `queryRunner` appended to the outbox, in order, for the one
 * after-commit step that acts on them; the record is cleared, so the runner's next transaction
 * starts with none.
 */
export function takeEventsWritten(queryRunner: { data?: Record<string, unknown> }): WrittenEvent[] {
  const written = eventsWrittenIn(queryRunner);
  if (queryRunner.data) delete queryRunner.data[EVENTS_WRITTEN];
  return written;
}

export interface PendingEvent<T extends DomainEventType = DomainEventType> {
  type: T;
  payload: DomainEventPayloads[T];
}

/** A typed event to append; keeps `type` and `payload` matched at compile time. */
export function domainEvent<T extends DomainEventType>(type: T, payload: DomainEventPayloads[T]): PendingEvent<T> {
  return { type, payload };
}

/**
 * Appends events to the service's own `outbox` table. Callers pass the entity
 * manager of the transaction that makes the change, so the change and its
 * events commit or roll back together.
 */
export async function appendToOutbox(
  manager: EntityManager,
  schema: string,
  organizationId: string,
  events: PendingEvent[],
): Promise<void> {
  if (events.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox must run inside the transaction that makes the change');
  }
  const written: WrittenEvent[] = [
    ...eventsWrittenIn(manager.queryRunner),
    ...events.map((event) => ({ organizationId, type: event.type })),
  ];
  manager.queryRunner.data = { ...manager.queryRunner.data, [OUTBOX_WRITTEN]: true, [EVENTS_WRITTEN]: written };
  await manager.query(
    `INSERT INTO "${schema}".outbox (id, organization_id, type, payload)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[])`,
    [
      events.map(() => randomUUID()),
      events.map(() => organizationId),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.payload)),
    ],
  );
}
