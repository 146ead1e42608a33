import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { KeptJobScheduler, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { DeliveryPlanJobData, PLAN_JOB, PLAN_JOB_OPTIONS } from './delivery-plan.job';

/** Registers the repeatable planner pass at start, and again whenever Redis has lost it; every replica upserts the same scheduler. */
@Injectable()
export class DeliveryPlanSchedule extends KeptJobScheduler {
  constructor(@InjectQueue(QueueName.DeliveriesPlan) queue: Queue<DeliveryPlanJobData>, config: SchedulerConfig) {
    super(queue, PLAN_JOB, config.PLANNER_EVERY_MS, {
      name: PLAN_JOB,
      data: { reason: 'schedule' },
      opts: PLAN_JOB_OPTIONS,
    });
  }
}
