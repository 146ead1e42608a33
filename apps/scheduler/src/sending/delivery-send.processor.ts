import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Type } from '@nestjs/common';
import { QueueJob, QueueName } from '@tend/queue';
import { runInOrganization } from '@tend/database';
import { SchedulerConfig } from '../scheduler.config';
import { DeliverySender } from './delivery-sender';

@Injectable()
export class DeliverySendProcessor extends WorkerHost {
  constructor(private readonly sender: DeliverySender) {
    super();
  }

  process(job: QueueJob<QueueName.DeliveriesSend>): Promise<'sent' | 'skipped'> {
    return runInOrganization(job.data.organizationId, () =>
      this.sender.send(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
    );
  }
}

/** The send worker, with the job lock and stalled check the configuration asks for (worker options are fixed at start). */
export function deliverySendProcessorFor(config: SchedulerConfig): Type<DeliverySendProcessor> {
  @Processor(QueueName.DeliveriesSend, {
    concurrency: 10,
    lockDuration: config.SEND_JOB_LOCK_MS,
    stalledInterval: config.SEND_STALLED_CHECK_EVERY_MS,
  })
  class ConfiguredDeliverySendProcessor extends DeliverySendProcessor {}
  return ConfiguredDeliverySendProcessor;
}
