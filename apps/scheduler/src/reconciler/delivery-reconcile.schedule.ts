import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { RECONCILE_JOB, RECONCILE_JOB_OPTIONS } from './delivery-reconcile.job';

/** Registers the repeatable reconciliation once, at start. */
@Injectable()
export class DeliveryReconcileSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.DeliveriesReconcile) private readonly queue: Queue,
    private readonly config: SchedulerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILE_JOB,
      { every: this.config.RECONCILER_EVERY_MS },
      { name: RECONCILE_JOB, opts: RECONCILE_JOB_OPTIONS },
    );
  }
}
