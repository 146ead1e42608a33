import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainEventPayloads, DomainEventType } from './domain-events';

/** Marks a transaction that wrote events, so the relay can run as soon as it commits. */
export const OUTBOX_WRITTEN = 'tend.outboxWritten';

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
  manager.queryRunner.data = { ...manager.queryRunner.data, [OUTBOX_WRITTEN]: true };
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
