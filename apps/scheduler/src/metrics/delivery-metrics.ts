import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { DeliveryChannel, DeliveryKind } from '../deliveries/delivery.entity';

const labelNames = ['kind', 'channel'] as const;

export const deliveriesPlanned = new Counter({
  name: 'tend_deliveries_planned_total',
  help: 'Deliveries the planner wrote (lessons, reviews, reminders, leader prompts), by kind and channel',
  labelNames,
});
export const deliveriesSent = new Counter({
  name: 'tend_deliveries_sent_total',
  help: 'Deliveries sent through their channel (email, webhook), by kind and channel; in-app ones are sent once planned',
  labelNames,
});
export const deliveriesFailed = new Counter({
  name: 'tend_deliveries_failed_total',
  help: 'Deliveries that became FAILED after their last attempt, or a failure no retry mends, by kind and channel',
  labelNames,
});
export const deliveriesExpired = new Counter({
  name: 'tend_deliveries_expired_total',
  help: 'Deliveries that expired unsent or undone (superseded reviews, people deactivated, paused, gone), by kind and channel',
  labelNames,
});
export const reconcilerRepairs = new Counter({
  name: 'tend_reconciler_repairs_total',
  help: 'Send jobs the reconciler added again for due deliveries that had lost theirs (a Redis flush, a crash)',
});

/** Deliveries by kind and channel, as a statement that changed them reports them. */
export interface DeliveryCount {
  kind: DeliveryKind | string;
  channel: DeliveryChannel | string;
  count: number;
}

/** Wraps an `UPDATE scheduler.deliveries ... RETURNING kind, channel` so that it answers how many rows of each. */
export function countedByKindAndChannel(update: string): string {
  return `WITH changed AS (${update}) SELECT kind, channel, count(*)::int AS count FROM changed GROUP BY kind, channel`;
}

/** What a batch of the planner wrote, added up by kind and channel. */
export class DeliveryTally {
  private readonly counts = new Map<string, DeliveryCount>();

  add(kind: DeliveryKind, channel: DeliveryChannel, count = 1): this {
    if (count === 0) return this;
    const key = `${kind} ${channel}`;
    const entry = this.counts.get(key);
    if (entry) entry.count += count;
    else this.counts.set(key, { kind, channel, count });
    return this;
  }

  addEach(kind: DeliveryKind, deliveries: readonly { channel: DeliveryChannel }[]): this {
    for (const delivery of deliveries) this.add(kind, delivery.channel);
    return this;
  }

  entries(): DeliveryCount[] {
    return [...this.counts.values()];
  }
}

export function countDeliveries(counter: Counter<'kind' | 'channel'>, counts: readonly DeliveryCount[]): void {
  for (const { kind, channel, count } of counts) counter.inc({ kind, channel }, count);
}

const COUNTS_ON_COMMIT = 'tend.deliveryCountsOnCommit';

/**
 * Counts deliveries a transaction changed once it commits, so that a rolled-back attempt (an event
 * applied again after a failure) is counted once, by the attempt that committed. Outside a
 * transaction, counts at once.
 */
export function countOnCommit(
  manager: EntityManager,
  counter: Counter<'kind' | 'channel'>,
  counts: readonly DeliveryCount[],
): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return countDeliveries(counter, counts);
  const pending = (runner.data[COUNTS_ON_COMMIT] ??= []) as (() => void)[];
  pending.push(() => countDeliveries(counter, counts));
}

/** Applies the counts `countOnCommit` kept for a transaction when it commits, and drops them when it rolls back. */
@Injectable()
export class DeliveryCountsOnCommit implements EntitySubscriberInterface {
  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const pending = event.queryRunner.data?.[COUNTS_ON_COMMIT] as (() => void)[] | undefined;
    if (!pending) return;
    delete event.queryRunner.data[COUNTS_ON_COMMIT];
    for (const count of pending) count();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.data) delete event.queryRunner.data[COUNTS_ON_COMMIT];
  }
}
