import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { runAcrossTenants, runInOrganization } from '@tend/database';
import { JobQueue, KeptJobScheduler, QueueJob, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { XAPI_STATEMENTS_WRITTEN } from './xapi-outbox';
import { XAPI_SWEEP_JOB, xapiSendJob, xapiSendJobId } from './xapi-send.job';
import { XapiSender } from './xapi-sender';

/**
 * Adds the send job of organizations whose statements wait: those whose job was lost
 * (Redis flushed), those recorded while a job was past its last read, and those whose
 * round of retries ran out, which starts a new round: nothing is dropped.
 */
@Injectable()
export class XapiSends {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.XapiSend) private readonly queue: JobQueue<QueueName.XapiSend>,
    private readonly config: SchedulerConfig,
  ) {}

  async add(organizationId: string): Promise<void> {
    const job = xapiSendJob({ organizationId }, this.config.XAPI_SEND_ATTEMPTS, this.config.XAPI_BACKOFF_MS);
    await this.queue.add(job.name, job.data, job.opts);
  }

  /** Like `add`, but first clears a job whose retries ran out, so a new round starts. */
  async restart(organizationId: string): Promise<void> {
    const existing = await this.queue.getJob(xapiSendJobId(organizationId));
    if (existing && (await existing.isFailed())) await existing.remove();
    await this.add(organizationId);
  }

  /** After the LRS is configured again: what waits goes now, not at the end of a backoff meant for the old one. */
  async sendNow(organizationId: string): Promise<void> {
    const existing = await this.queue.getJob(xapiSendJobId(organizationId));
    // A job that left the delayed state meanwhile is running already, which is all promoting asks.
    if (existing && (await existing.isDelayed())) await existing.promote().catch(() => undefined);
    await this.restart(organizationId);
  }

  async sweep(): Promise<number> {
    const organizations: { organization_id: string }[] = await runAcrossTenants('xapi.sweep', () =>
      this.dataSource.query(
        `SELECT c.organization_id FROM scheduler.lrs_configurations c
          WHERE c.enabled AND EXISTS (SELECT 1 FROM scheduler.xapi_statements s
                                       WHERE s.organization_id = c.organization_id AND s.sent_at IS NULL)`,
      ),
    );
    for (const { organization_id: organizationId } of organizations) await this.restart(organizationId);
    return organizations.length;
  }
}

@Processor(QueueName.XapiSend, { concurrency: 4 })
export class XapiSendProcessor extends WorkerHost {
  constructor(
    private readonly sender: XapiSender,
    private readonly sends: XapiSends,
  ) {
    super();
  }

  process(job: QueueJob<QueueName.XapiSend>): Promise<number> {
    if (job.name === XAPI_SWEEP_JOB) return this.sends.sweep();
    return runInOrganization(job.data.organizationId, () => this.sender.sendWaiting(job.data.organizationId));
  }
}

@Injectable()
export class XapiSweepSchedule extends KeptJobScheduler<QueueName.XapiSend> {
  constructor(@InjectQueue(QueueName.XapiSend) queue: JobQueue<QueueName.XapiSend>, config: SchedulerConfig) {
    super(queue, XAPI_SWEEP_JOB, config.OUTBOX_RELAY_EVERY_MS, {
      name: XAPI_SWEEP_JOB,
      opts: { removeOnComplete: true, removeOnFail: 100 },
    });
  }
}

/** Starts an organization's send as soon as a transaction that recorded its statements commits. */
@Injectable()
export class XapiSendAfterCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger('XapiSend');

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly sends: XapiSends,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const organizations = event.queryRunner.data?.[XAPI_STATEMENTS_WRITTEN] as Set<string> | undefined;
    if (!organizations) return;
    delete event.queryRunner.data[XAPI_STATEMENTS_WRITTEN];
    for (const organizationId of organizations) {
      this.sends
        .add(organizationId)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'the sweep starts the send instead'));
    }
  }
}
