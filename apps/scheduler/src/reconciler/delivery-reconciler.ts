import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { JobQueue, QueueJob, QueueName } from '@tend/queue';
import { DeliveryChannel, DeliveryStatus } from '../deliveries/delivery.entity';
import { reconcilerRepairs } from '../metrics/delivery-metrics';
import { SchedulerConfig } from '../scheduler.config';
import { deliverySendJob, SENT_NOT_RECORDED } from '../sending/delivery-send.job';

/** A delivery still SCHEDULED this long after it fell due has probably lost its job. */
const GRACE_MS = 60_000;
const BATCH_SIZE = 1000;

/**
 * Postgres is the source of truth and Redis only carries work: this re-adds
 * the send job of every scheduled delivery that is overdue. The job id is the
 * delivery id, so a job still queued is not added twice. A delivery still
 * SCHEDULED whose job has failed is one whose outcome never reached Postgres
 * (the database was away when the last attempt ended): its job runs again,
 * unless the message went out, in which case the delivery is recorded SENT.
 */
@Injectable()
export class DeliveryReconciler {
  private readonly logger = new Logger(DeliveryReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: SchedulerConfig,
    @InjectQueue(QueueName.DeliveriesSend) private readonly sendQueue: JobQueue<QueueName.DeliveriesSend>,
  ) {}

  /** Returns how many jobs it (re-)added. */
  async reconcile(): Promise<number> {
    const overdueBefore = new Date(this.clock.now().getTime() - GRACE_MS).toISOString();
    let total = 0;
    let after = { dueAt: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    let failedJobs: Map<string | undefined, QueueJob<QueueName.DeliveriesSend>> | undefined;
    for (;;) {
      const overdue: { id: string; organization_id: string; due_at: Date }[] = await this.dataSource.query(
        `SELECT id, organization_id, due_at FROM scheduler.deliveries
         WHERE status = $1 AND channel = ANY($2::text[]) AND due_at <= $3 AND (due_at, id) > ($4::timestamptz, $5::uuid)
         ORDER BY due_at, id LIMIT $6`,
        [
          DeliveryStatus.SCHEDULED,
          [DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK],
          overdueBefore,
          after.dueAt,
          after.id,
          BATCH_SIZE,
        ],
      );
      if (overdue.length === 0) break;
      reconcilerRepairs.inc(await this.jobsMissing(overdue));
      await this.sendQueue.addBulk(
        overdue.map((delivery) =>
          deliverySendJob(
            { organizationId: delivery.organization_id, deliveryId: delivery.id },
            { attempts: this.config.SEND_ATTEMPTS, backoffMs: this.config.SEND_BACKOFF_MS },
          ),
        ),
      );
      // Read once a run, not per delivery: send jobs keep at most their last 1,000 failures (removeOnFail).
      failedJobs ??= new Map((await this.sendQueue.getFailed()).map((job) => [job.id, job]));
      await this.settleFailedJobs(overdue, failedJobs);
      total += overdue.length;
      const last = overdue[overdue.length - 1];
      after = { dueAt: last.due_at.toISOString(), id: last.id };
      if (overdue.length < BATCH_SIZE) break;
    }
    if (total > 0) this.logger.log({ deliveries: total }, 'reconciled scheduled deliveries with their send jobs');
    return total;
  }

  /** How many of these deliveries have no send job in Redis: the ones adding them again repairs. */
  private async jobsMissing(deliveries: { id: string }[]): Promise<number> {
    const states = await Promise.all(deliveries.map(({ id }) => this.sendQueue.getJobState(id)));
    return states.filter((state) => state === 'unknown').length;
  }

  private async settleFailedJobs(
    overdue: { id: string; organization_id: string }[],
    failedJobs: Map<string | undefined, QueueJob<QueueName.DeliveriesSend>>,
  ): Promise<void> {
    for (const delivery of overdue) {
      const job = failedJobs.get(delivery.id);
      if (!job) continue;
      if (job.failedReason?.startsWith(SENT_NOT_RECORDED)) {
        await this.dataSource.query(
          `UPDATE scheduler.deliveries SET status = $1, sent_at = $2, attempts = attempts + 1, updated_at = now()
           WHERE organization_id = $3 AND id = $4 AND status = $5`,
          [DeliveryStatus.SENT, this.clock.now(), delivery.organization_id, delivery.id, DeliveryStatus.SCHEDULED],
        );
        reconcilerRepairs.inc();
        this.logger.warn({ deliveryId: delivery.id }, 'recorded as sent a delivery whose job had sent it');
      } else {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        reconcilerRepairs.inc();
        this.logger.warn({ deliveryId: delivery.id }, 'sending again a delivery whose failure was never recorded');
      }
    }
  }
}
