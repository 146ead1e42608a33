import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { countingFailures, DomainEvent } from '@tend/events';
import { QueueJob, QueueName } from '@tend/queue';
import { COHORTS_EVENT_TYPES, CohortsEventType, PublishedTrackService } from './published-track.service';

/**
 * Applies the events other services publish to cohorts, each once; today that
 * is content's tracks: published, archived, enrollments moved to another version. A failure throws, and the relay's job
 * options bring the event back with backoff.
 */
@Processor(QueueName.CohortsEvents, { concurrency: 1 })
export class CohortsEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(CohortsEventsProcessor.name);

  constructor(private readonly publishedTracks: PublishedTrackService) {
    super();
  }

  async process(job: QueueJob<QueueName.CohortsEvents>): Promise<'applied' | 'already applied' | 'ignored'> {
    const event = job.data;
    if (!COHORTS_EVENT_TYPES.includes(event.type)) {
      this.logger.warn({ eventId: event.id, type: event.type }, 'ignoring an event type cohorts does not consume');
      return 'ignored';
    }
    const applied = await countingFailures(QueueName.CohortsEvents, event, () =>
      this.publishedTracks.applyOnce(event as DomainEvent<CohortsEventType>),
    );
    return applied ? 'applied' : 'already applied';
  }
}
