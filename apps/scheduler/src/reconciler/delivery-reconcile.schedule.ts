import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JobQueue, KeptJobScheduler, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { RECONCILE_JOB, RECONCILE_JOB_OPTIONS } from './delivery-reconcile.job';

/**
 * Registers the repeatable reconciliation at start, and again whenever Redis
 * has lost it: after a flush or a restart it is the reconciler that puts the
 * lost send jobs back, so it must not be lost with them.
 */
@Injectable()
export class DeliveryReconcileSchedule extends KeptJobScheduler<QueueName.DeliveriesReconcile> {
  constructor(
    @InjectQueue(QueueName.DeliveriesReconcile) queue: JobQueue<QueueName.DeliveriesReconcile>,
    config: SchedulerConfig,
  ) {
    super(queue, RECONCILE_JOB, config.RECONCILER_EVERY_MS, { name: RECONCILE_JOB, opts: RECONCILE_JOB_OPTIONS });
  }
}
