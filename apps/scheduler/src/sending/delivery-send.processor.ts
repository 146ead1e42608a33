import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Type } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import { QueueJob, QueueName } from '@tend/queue';
import { runInOrganization } from '@tend/database';
import { SchedulerConfig } from '../scheduler.config';
import { DeliverySender, SendClaimedElsewhere } from './delivery-sender';

@Injectable()
export class DeliverySendProcessor extends WorkerHost {
  constructor(private readonly sender: DeliverySender) {
    super();
  }

  async process(job: QueueJob<QueueName.DeliveriesSend>, token?: string): Promise<'sent' | 'skipped'> {
    try {
      return await runInOrganization(job.data.organizationId, () =>
        this.sender.send(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
      );
    } catch (error) {
      // Back when the other send's claim lapses, without spending an attempt: by then it is SENT, or it died.
      if (!(error instanceof SendClaimedElsewhere) || !token) throw error;
      await job.moveToDelayed(Date.now() + error.waitMs + 100, token);
      throw new DelayedError();
    }
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
