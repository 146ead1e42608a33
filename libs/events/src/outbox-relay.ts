import type { DataSource } from 'typeorm';
import type { JobQueue } from '@tend/queue';
import { DomainEvent, DomainEventType, EVENT_CONSUMERS, EventQueueName } from './domain-events';
import { runAcrossTenants } from '@tend/database';

interface OutboxRow {
  id: string;
  organization_id: string;
  type: DomainEventType;
  payload: DomainEvent['payload'];
  created_at: Date;
}

const BATCH_SIZE = 500;

/**
 * A consumer that cannot apply an event yet (its database is down, or an
 * event it depends on is still on the way) gets it again with backoff.
 */
const CONSUMER_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: false,
} as const;

/**
 * Publishes unpublished outbox rows to their consumers' queues, oldest first.
 * The job id is the event id, so a relay that crashes after enqueuing and
 * before marking rows published enqueues nothing twice on its next run.
 */
export class OutboxRelay {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly queues: ReadonlyMap<EventQueueName, JobQueue<EventQueueName>>,
  ) {}

  /** Relays one batch; returns how many events it published. */
  async relayBatch(): Promise<number> {
    return runAcrossTenants('outbox.relay', () =>
      this.dataSource.transaction(async (manager) => {
        const rows: OutboxRow[] = await manager.query(
          `SELECT id, organization_id, type, payload, created_at FROM "${this.schema}".outbox
         WHERE published_at IS NULL ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [BATCH_SIZE],
        );
        if (rows.length === 0) return 0;
        for (const [queueName, queue] of this.queues) {
          const jobs = rows
            .filter((row) => EVENT_CONSUMERS[row.type].includes(queueName))
            .map((row) => ({ name: row.type, data: toEvent(row), opts: { jobId: row.id, ...CONSUMER_JOB_OPTIONS } }));
          if (jobs.length > 0) await queue.addBulk(jobs);
        }
        await manager.query(`UPDATE "${this.schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [
          rows.map((row) => row.id),
        ]);
        return rows.length;
      }),
    );
  }
}

function toEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    organizationId: row.organization_id,
    occurredAt: row.created_at.toISOString(),
    payload: row.payload,
  };
}
