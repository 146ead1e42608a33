import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventType } from '@tend/events';

/** Applies one type of domain event to the scheduler's projections. */
export interface EventHandler<T extends DomainEventType> {
  /**
   * Runs inside the transaction that records the event as applied. Returns
   * true when lessons may have become due, so a planner pass should run now
   * rather than at the next tick.
   */
  apply(manager: EntityManager, event: DomainEvent<T>): Promise<boolean>;
}

/** The events the relay copies to the scheduler's queue (EVENT_CONSUMERS). */
export type SchedulerEventType = Exclude<DomainEventType, 'content.track_archived'>;
