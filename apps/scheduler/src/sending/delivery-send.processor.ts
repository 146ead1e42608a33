import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QueueName } from '@tend/queue';
import { DeliverySendJobData } from './delivery-send.job';
import { DeliverySender } from './delivery-sender';
import { runInOrganization } from '@tend/database';

@Processor(QueueName.DeliveriesSend, { concurrency: 10 })
export class DeliverySendProcessor extends WorkerHost {
  constructor(private readonly sender: DeliverySender) {
    super();
  }

  process(job: Job<DeliverySendJobData>): Promise<'sent' | 'skipped'> {
    return runInOrganization(job.data.organizationId, () =>
      this.sender.send(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
    );
  }
}
