import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { applyEventOnce, countingFailures, DomainEvent, DomainEventType } from '@tend/events';
import { JobQueue, QueueJob, QueueName } from '@tend/queue';
import { PLAN_JOB, PLAN_JOB_OPTIONS } from '../planner/delivery-plan.job';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';
import { CohortMembersAddedHandler } from './cohort-members-added.handler';
import { CohortMembersRemovedHandler } from './cohort-members-removed.handler';
import { CohortUpsertedHandler } from './cohort-upserted.handler';
import { EnrollmentCreatedHandler } from './enrollment-created.handler';
import { EnrollmentsMigratedHandler } from './enrollments-migrated.handler';
import { EventHandler, SchedulerEventType } from './event-handler';
import { ParticipationChangedHandler } from './participation-changed.handler';
import { PersonDeactivatedHandler, PersonReactivatedHandler } from './person-activity.handlers';
import { PersonUpsertedHandler } from './person-upserted.handler';
import { ErasedPersonJobs } from '../person-data/erased-person-jobs';
import { PersonErasedHandler } from '../person-data/person-erased.handler';
import { TrackPublishedHandler } from './track-published.handler';
import { LtiLineItemLinkedHandler } from '../lti-scores/lti-line-item-linked.handler';
import { beforeApplying, webhookEventsOf } from '../event-webhooks/domain-event-webhooks';
import { recordWebhookEvents } from '../event-webhooks/webhook-outbox';

/**
 * Applies the domain events other services publish to the scheduler's projections,
 * each once. A failure (Postgres restarting, say) throws, and BullMQ retries the job
 * with the backoff the producing relay gave it.
 */
@Processor(QueueName.SchedulerEvents, { concurrency: 1 })
export class SchedulerEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(SchedulerEventsProcessor.name);
  private readonly handlers: { [T in SchedulerEventType]: EventHandler<T> };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.DeliveriesPlan) private readonly planQueue: JobQueue<QueueName.DeliveriesPlan>,
    trackPublished: TrackPublishedHandler,
    personUpserted: PersonUpsertedHandler,
    cohortUpserted: CohortUpsertedHandler,
    cohortMembersAdded: CohortMembersAddedHandler,
    enrollmentCreated: EnrollmentCreatedHandler,
    enrollmentsMigrated: EnrollmentsMigratedHandler,
    personDeactivated: PersonDeactivatedHandler,
    personReactivated: PersonReactivatedHandler,
    cohortMembersRemoved: CohortMembersRemovedHandler,
    participationChanged: ParticipationChangedHandler,
    personErased: PersonErasedHandler,
    ltiLineItemLinked: LtiLineItemLinkedHandler,
    private readonly erasedPersonJobs: ErasedPersonJobs,
  ) {
    super();
    this.handlers = {
      'content.track_published': trackPublished,
      'cohorts.person_upserted': personUpserted,
      'cohorts.cohort_upserted': cohortUpserted,
      'cohorts.cohort_members_added': cohortMembersAdded,
      'cohorts.enrollment_created': enrollmentCreated,
      'content.enrollments_migrated': enrollmentsMigrated,
      'cohorts.person_deactivated': personDeactivated,
      'cohorts.person_reactivated': personReactivated,
      'cohorts.cohort_members_removed': cohortMembersRemoved,
      'cohorts.participation_changed': participationChanged,
      'cohorts.person_erased': personErased,
      'cohorts.lti_line_item_linked': ltiLineItemLinked,
    };
  }

  async process(job: QueueJob<QueueName.SchedulerEvents>): Promise<'applied' | 'already applied' | 'ignored'> {
    const event = job.data;
    if (!Object.hasOwn(this.handlers, event.type)) {
      this.logger.warn(
        { eventId: event.id, type: event.type },
        'ignoring an event type the scheduler does not consume',
      );
      return 'ignored';
    }
    return countingFailures(QueueName.SchedulerEvents, event, () => this.apply(event));
  }

  private async apply(event: DomainEvent): Promise<'applied' | 'already applied'> {
    const handler = this.handlers[event.type as SchedulerEventType] as EventHandler<DomainEventType>;
    let planNow = false;
    const applied = await applyEventOnce(this.dataSource, SCHEDULER_SCHEMA, event, async (manager) => {
      // Serializes an organization's events across workers, so two events that each
      // complete half of a learner row (members, enrollment) always see each other.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `scheduler.projections:${event.organizationId}`,
      ]);
      const before = await beforeApplying(manager, event);
      planNow = await handler.apply(manager, event);
      // What subscribed endpoints hear of it, in the same transaction (event-webhooks/).
      await recordWebhookEvents(manager, event.organizationId, await webhookEventsOf(manager, event, before));
    });
    if (planNow) await this.planQueue.add(PLAN_JOB, { reason: 'learners-scheduled' }, PLAN_JOB_OPTIONS);
    // Outside the transaction, and again on a retry: Redis is not part of what applyEventOnce guards.
    if (event.type === 'cohorts.person_erased') {
      await this.erasedPersonJobs.forget((event as DomainEvent<'cohorts.person_erased'>).payload.personId);
    }
    return applied ? 'applied' : 'already applied';
  }
}
