import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName } from '@tend/queue';
import { DeliveryReconciler } from './delivery-reconciler';
import { runAcrossTenants } from '@tend/database';

@Processor(QueueName.DeliveriesReconcile, { concurrency: 1 })
export class DeliveryReconcileProcessor extends WorkerHost {
  constructor(private readonly reconciler: DeliveryReconciler) {
    super();
  }

  process(): Promise<number> {
    return runAcrossTenants('deliveries.reconcile', () => this.reconciler.reconcile());
  }
}
