import { Counter } from 'prom-client';
import type { DomainEvent } from './domain-events';

export const eventConsumerFailures = new Counter({
  name: 'tend_event_consumer_failures_total',
  help: 'Attempts at applying a domain event that threw, by consuming queue and event type; BullMQ retries each',
  labelNames: ['queue', 'event_type'] as const,
});

/** Runs a consumer's work on one event, counting it in `tend_event_consumer_failures_total` when it throws. */
export async function countingFailures<T>(queue: string, event: DomainEvent, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    eventConsumerFailures.inc({ queue, event_type: event.type });
    throw error;
  }
}
