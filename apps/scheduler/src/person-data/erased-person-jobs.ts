import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@tend/events';
import { JobQueue, QueueName } from '@tend/queue';

/**
 * BullMQ keeps event jobs after running them (the last thousand completed,
 * every failed one), and a `cohorts.person_upserted` job carries the person's
 * address: erasure removes the finished ones about the person. One still
 * waiting at that moment is applied without anything personal (see
 * PersonUpsertedHandler) and kept until newer jobs push it out.
 */
@Injectable()
export class ErasedPersonJobs {
  constructor(@InjectQueue(QueueName.SchedulerEvents) private readonly events: JobQueue<QueueName.SchedulerEvents>) {}

  async forget(personId: string): Promise<number> {
    const finished = await this.events.getJobs(['completed', 'failed']);
    const theirs = finished.filter(
      (job) =>
        job?.data?.type === 'cohorts.person_upserted' &&
        (job.data as DomainEvent<'cohorts.person_upserted'>).payload.personId === personId,
    );
    await Promise.all(theirs.map((job) => job.remove()));
    return theirs.length;
  }
}
