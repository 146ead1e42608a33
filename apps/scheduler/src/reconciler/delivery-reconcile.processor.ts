import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName } from '@tend/queue';
import { DeliveryReconciler } from './delivery-reconciler';

@Processor(QueueName.DeliveriesReconcile, { concurrency: 1 })
export class DeliveryReconcileProcessor extends WorkerHost {
  constructor(private readonly reconciler: DeliveryReconciler) {
    super();
  }

  process(): Promise<number> {
    return this.reconciler.reconcile();
  }
}
