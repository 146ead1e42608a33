import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { runInOrganization } from '@tend/database';
import { JobQueue, KeptJobScheduler, QueueJob, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { WebhookFanout } from './webhook-fanout';
import { WEBHOOK_EVENTS_WRITTEN } from './webhook-outbox';
import { WEBHOOK_FANOUT_JOB, WEBHOOK_RECONCILE_JOB } from './webhook-send.job';
import { AttemptResult, WebhookSender } from './webhook-sender';

const KEPT_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: 100 };

/** `webhooks.fanout` (the outbox's tick, and at once after a commit that recorded events) and `webhooks.reconcile`. */
@Processor(QueueName.WebhooksFanout, { concurrency: 1 })
export class WebhookFanoutProcessor extends WorkerHost {
  constructor(private readonly fanout: WebhookFanout) {
    super();
  }

  process(job: QueueJob<QueueName.WebhooksFanout>): Promise<number> {
    return job.name === WEBHOOK_RECONCILE_JOB ? this.fanout.reconcile() : this.fanout.drain();
  }
}

@Injectable()
export class WebhookFanoutSchedule extends KeptJobScheduler<QueueName.WebhooksFanout> {
  constructor(
    @InjectQueue(QueueName.WebhooksFanout) queue: JobQueue<QueueName.WebhooksFanout>,
    config: SchedulerConfig,
  ) {
    super(queue, WEBHOOK_FANOUT_JOB, config.OUTBOX_RELAY_EVERY_MS, {
      name: WEBHOOK_FANOUT_JOB,
      opts: KEPT_JOB_OPTIONS,
    });
  }
}

@Injectable()
export class WebhookReconcileSchedule extends KeptJobScheduler<QueueName.WebhooksFanout> {
  constructor(
    @InjectQueue(QueueName.WebhooksFanout) queue: JobQueue<QueueName.WebhooksFanout>,
    config: SchedulerConfig,
  ) {
    super(queue, WEBHOOK_RECONCILE_JOB, config.RECONCILER_EVERY_MS, {
      name: WEBHOOK_RECONCILE_JOB,
      opts: KEPT_JOB_OPTIONS,
    });
  }
}

/** Fans out as soon as a transaction that recorded webhook events commits; the fixed id folds a burst into one run. */
@Injectable()
export class WebhookFanoutAfterCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger('WebhookFanout');

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectQueue(QueueName.WebhooksFanout) private readonly queue: JobQueue<QueueName.WebhooksFanout>,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data?.[WEBHOOK_EVENTS_WRITTEN]) return;
    delete event.queryRunner.data[WEBHOOK_EVENTS_WRITTEN];
    this.queue
      .add(WEBHOOK_FANOUT_JOB, {}, { jobId: `${WEBHOOK_FANOUT_JOB}.now`, removeOnComplete: true, removeOnFail: true })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'the fan-out runs at its next tick instead'));
  }
}

export class WebhookSendProcessor extends WorkerHost {
  constructor(private readonly sender: WebhookSender) {
    super();
  }

  process(job: QueueJob<QueueName.WebhooksSend>): Promise<AttemptResult> {
    return runInOrganization(job.data.organizationId, () => this.sender.attempt(job.data));
  }
}

/** The send worker, with the job lock and stalled check of the delivery sends (worker options are fixed at start). */
export function webhookSendProcessorFor(config: SchedulerConfig): Type<WebhookSendProcessor> {
  @Processor(QueueName.WebhooksSend, {
    concurrency: 10,
    lockDuration: config.SEND_JOB_LOCK_MS,
    stalledInterval: config.SEND_STALLED_CHECK_EVERY_MS,
  })
  @Injectable()
  class ConfiguredWebhookSendProcessor extends WebhookSendProcessor {
    constructor(sender: WebhookSender) {
      super(sender);
    }
  }
  return ConfiguredWebhookSendProcessor;
}
