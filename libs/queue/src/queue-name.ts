/**
 * Every BullMQ queue of Tend, in one place (docs/ARCHITECTURE.md#jobs). Job names within them are dotted:
 * `deliveries.send`.
 */
export enum QueueName {
  ContentOutbox = 'content-outbox',
  CohortsOutbox = 'cohorts-outbox',
  CohortsEvents = 'cohorts-events',
  SchedulerEvents = 'scheduler-events',
  DeliveriesPlan = 'deliveries-plan',
  DeliveriesSend = 'deliveries-send',
  DeliveriesReconcile = 'deliveries-reconcile',
}
