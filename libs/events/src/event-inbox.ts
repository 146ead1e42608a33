import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent } from './domain-events';
import { runInOrganization } from '@tend/database';

/**
 * Applies a consumed event at most once: its id goes into the service's
 * `applied_events` table in the same transaction as its effects, so a
 * redelivered job finds the id and does nothing.
 */
export async function applyEventOnce(
  dataSource: DataSource,
  schema: string,
  event: DomainEvent,
  apply: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  return runInOrganization(event.organizationId, () =>
    dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${schema}".applied_events (event_id, type) VALUES ($1, $2)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [event.id, event.type],
      );
      if (inserted.length === 0) return false;
      await apply(manager);
      return true;
    }),
  );
}
