import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName } from '@tend/queue';
import { DeliveryPlanner, PlannerPass } from './delivery-planner';
import { runAcrossTenants } from '@tend/database';

@Processor(QueueName.DeliveriesPlan, { concurrency: 1 })
export class DeliveryPlanProcessor extends WorkerHost {
  constructor(private readonly planner: DeliveryPlanner) {
    super();
  }

  process(): Promise<PlannerPass> {
    return runAcrossTenants('deliveries.plan', () => this.planner.runPass());
  }
}
