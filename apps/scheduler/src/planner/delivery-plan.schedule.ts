import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { DeliveryPlanJobData, PLAN_JOB, PLAN_JOB_OPTIONS } from './delivery-plan.job';

/** Registers the repeatable planner pass once, at start; every replica upserts the same scheduler. */
@Injectable()
export class DeliveryPlanSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.DeliveriesPlan) private readonly queue: Queue<DeliveryPlanJobData>,
    private readonly config: SchedulerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      PLAN_JOB,
      { every: this.config.PLANNER_EVERY_MS },
      { name: PLAN_JOB, data: { reason: 'schedule' }, opts: PLAN_JOB_OPTIONS },
    );
  }
}
