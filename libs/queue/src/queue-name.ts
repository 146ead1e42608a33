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
  /** Event webhooks: fan-out of recorded events to subscriptions, and the reconciler of lost sends. */
  WebhooksFanout = 'webhooks-fanout',
  /** Event webhooks: one job per attempt of a message. */
  WebhooksSend = 'webhooks-send',
  /** xAPI: one job per organization sends its waiting statements to its LRS in batches; and the sweep. */
  XapiSend = 'xapi-send',
  /** FSRS fitted per organization: the weekly sweep, and one job per organization. */
  MemoryModelFit = 'memory-model-fit',
  /** LTI grade services: one job per lesson score for an LMS's line item; and the sweep. */
  LtiScores = 'lti-scores',
}
