import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JobQueue, KeptJobScheduler, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { PLAN_JOB, PLAN_JOB_OPTIONS } from './delivery-plan.job';

/** Registers the repeatable planner pass at start, and again whenever Redis has lost it; every replica upserts the same scheduler. */
@Injectable()
export class DeliveryPlanSchedule extends KeptJobScheduler<QueueName.DeliveriesPlan> {
  constructor(
    @InjectQueue(QueueName.DeliveriesPlan) queue: JobQueue<QueueName.DeliveriesPlan>,
    config: SchedulerConfig,
  ) {
    super(queue, PLAN_JOB, config.PLANNER_EVERY_MS, {
      name: PLAN_JOB,
      data: { reason: 'schedule' },
      opts: PLAN_JOB_OPTIONS,
    });
  }
}
