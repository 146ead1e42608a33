import type { Job, JobsOptions, Queue } from 'bullmq';
import { QueueName } from './queue-name';

/** Nothing: a tick of a repeatable job, or a run that reads what to do from Postgres. */
export type NoJobData = Record<string, never>;

/** Sends one delivery; its id is the job id. */
export interface DeliverySendJobData {
  organizationId: string;
  deliveryId: string;
}

export interface DeliveryPlanJobData {
  /** Why the pass runs: the repeatable tick, or learners whose first lesson may be due now. */
  reason: 'schedule' | 'learners-scheduled';
}

/** One attempt of one message; `generation` tells a current job from one a retry or replay replaced. */
export interface WebhookSendJobData {
  organizationId: string;
  messageId: string;
  generation: number;
}

/** Sends an organization's waiting statements, oldest first, a batch per request, until none wait. */
export interface XapiSendJobData {
  organizationId: string;
}

/** Sends one kept score to its LMS line item. */
export interface LtiScoreSendJobData {
  organizationId: string;
  scoreId: string;
}

/** Fits one organization's FSRS parameters for one period of `MEMORY_MODEL_FIT_EVERY_MS`. */
export interface MemoryModelFitJobData {
  organizationId: string;
  /** When the period began: an attempt at or after it makes the job a no-op, so a retry fits once. */
  periodStartedAt: string;
}

/**
 * Every queue of Tend, the jobs it carries by name, and each job's payload (docs/ARCHITECTURE.md#jobs).
 * Producers add through `JobQueue<Q>` and processors take `QueueJob<Q>`, both read from here, so a
 * producer and its processor cannot disagree on a name or a payload. The two event queues carry
 * `DomainEvent`s named by their type; `libs/events`, which owns that type, adds them (`EventQueueJobs`).
 */
export interface QueueJobs extends EventQueueJobs {
  [QueueName.ContentOutbox]: { 'outbox.relay': NoJobData };
  [QueueName.CohortsOutbox]: { 'outbox.relay': NoJobData };
  [QueueName.DeliveriesPlan]: { 'deliveries.plan': DeliveryPlanJobData };
  [QueueName.DeliveriesSend]: { 'deliveries.send': DeliverySendJobData };
  [QueueName.DeliveriesReconcile]: { 'deliveries.reconcile': NoJobData };
  [QueueName.WebhooksFanout]: { 'webhooks.fanout': NoJobData; 'webhooks.reconcile': NoJobData };
  [QueueName.WebhooksSend]: { 'webhooks.send': WebhookSendJobData };
  [QueueName.XapiSend]: { 'xapi.send': XapiSendJobData; 'xapi.sweep': NoJobData };
  [QueueName.MemoryModelFit]: { 'memory-model.sweep': NoJobData; 'memory-model.fit': MemoryModelFitJobData };
  [QueueName.LtiScores]: { 'lti.scores.send': LtiScoreSendJobData; 'lti.scores.sweep': NoJobData };
}

/** Filled in by `libs/events` (declaration merging), which owns the events' types. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface EventQueueJobs {}

export type JobQueueName = keyof QueueJobs;
export type JobNameOf<Q extends JobQueueName> = Extract<keyof QueueJobs[Q], string>;
export type JobDataOf<Q extends JobQueueName, N extends JobNameOf<Q> = JobNameOf<Q>> = QueueJobs[Q][N];

/** A queue as a producer holds it: `add` takes only its jobs' names and payloads. */
export type JobQueue<Q extends JobQueueName> = Queue<JobDataOf<Q>, unknown, JobNameOf<Q>>;

/** A job of the queue as its processor takes it; testing its `name` narrows its `data`. */
export type QueueJob<Q extends JobQueueName, N extends JobNameOf<Q> = JobNameOf<Q>> = {
  [Name in N]: Job<JobDataOf<Q, Name>, unknown, Name>;
}[N];

/** A job of the queue ready to add, with the options (its id above all) that make adding it again safe. */
export type JobSpec<Q extends JobQueueName> = {
  [N in JobNameOf<Q>]: { name: N; data: JobDataOf<Q, N>; opts: JobsOptions };
}[JobNameOf<Q>];
