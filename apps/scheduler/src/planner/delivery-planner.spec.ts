import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AdjustableClock } from '@tend/clock';
import { applyEventOnce, DomainEvent, DomainEventPayloads, DomainEventType } from '@tend/events';
import { JobQueue, QueueName, redisOptionsFromUrl } from '@tend/queue';
import { eventually, testRedisUrl, uniqueSuffix } from '@tend/testing';
import { createSchedulerTestDatabase, SchedulerTestDatabase } from '../../test/scheduler-test-database';
import { CareerConversationPlanner } from '../career-conversations/career-conversation-planner';
import { CareerConversationSchedules } from '../career-conversations/career-conversation-schedules';
import { CohortMembersAddedHandler } from '../events/cohort-members-added.handler';
import { CohortMembersRemovedHandler } from '../events/cohort-members-removed.handler';
import { CohortUpsertedHandler } from '../events/cohort-upserted.handler';
import { EnrollmentSchedules } from '../events/enrollment-schedules';
import { EnrollmentCreatedHandler } from '../events/enrollment-created.handler';
import { EnrollmentsMigratedHandler } from '../events/enrollments-migrated.handler';
import { EventHandler, SchedulerEventType } from '../events/event-handler';
import { ParticipationChangedHandler } from '../events/participation-changed.handler';
import { PersonDeactivatedHandler, PersonReactivatedHandler } from '../events/person-activity.handlers';
import { PersonErasedHandler } from '../person-data/person-erased.handler';
import { LtiLineItemLinkedHandler } from '../lti-scores/lti-line-item-linked.handler';
import { LtiToolKeyService } from '../lti-scores/lti-tool-key.service';
import { PersonUpsertedHandler } from '../events/person-upserted.handler';
import { TrackPublishedHandler } from '../events/track-published.handler';
import { LearnerEnrollments } from '../projections/learner-enrollments';
import { LeaderPromptPlanner } from '../leader-prompts/leader-prompt-planner';
import { LeaderPromptSchedules } from '../leader-prompts/leader-prompt-schedules';
import { DeliveryReconciler } from '../reconciler/delivery-reconciler';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';
import { SchedulerConfig } from '../scheduler.config';
import { EmailChannel } from '../sending/email.channel';
import { DeliveryPlanner } from './delivery-planner';

const WEEKDAYS_AT_NINE = { daysOfWeek: [1, 2, 3, 4, 5], lessonTime: '09:00', promptDay: 5, promptTime: '15:00' };

// March 2026: Wednesday the 4th; Monday the 9th. 16:00 UTC is 10:00 in Chicago and 21:30 in Kolkata.
describe('DeliveryPlanner (real Postgres and Redis)', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const organizationId = randomUUID();
  const clock = new AdjustableClock();
  let database: SchedulerTestDatabase;
  let sendQueue: JobQueue<QueueName.DeliveriesSend>;
  let handlers: { [T in SchedulerEventType]: EventHandler<T> };

  const config = (overrides: Partial<SchedulerConfig> = {}) =>
    Object.assign(new SchedulerConfig(), { PLANNER_BATCH_SIZE: 50 }, overrides);
  const plannerWith = (settings: SchedulerConfig, dataSource: DataSource = database.dataSource) => {
    const email = new EmailChannel(settings);
    return new DeliveryPlanner(
      dataSource,
      clock,
      settings,
      email,
      new LeaderPromptPlanner(email),
      new CareerConversationPlanner(email),
      sendQueue,
    );
  };

  async function publish<T extends SchedulerEventType>(type: T, payload: DomainEventPayloads[T]): Promise<void> {
    const event = { id: randomUUID(), type, organizationId, occurredAt: clock.now().toISOString(), payload };
    await applyEventOnce(database.dataSource, SCHEDULER_SCHEMA, event, async (manager) => {
      await (handlers[type] as EventHandler<DomainEventType>).apply(manager, event as DomainEvent);
    });
  }

  /** A published three-lesson track, a cohort in Chicago and its members, enrolled from `startsOn`. */
  async function givenEnrolledCohort(members: { timezone: string; channels?: ('IN_APP' | 'EMAIL')[] }[]) {
    const trackId = randomUUID();
    const cohortId = randomUUID();
    const enrollmentId = randomUUID();
    const personIds = members.map(() => randomUUID());
    await publish('content.track_published', {
      trackId,
      version: 1,
      title: 'Calm conversations',
      lessons: [1, 2, 3].map((position) => ({
        lessonId: randomUUID(),
        position,
        title: `Lesson ${position}`,
        kind: 'READ' as const,
        minutes: 3,
        questions: [],
        reviewCards: [],
        leaderPrompt: null,
      })),
    });
    await publish('cohorts.cohort_upserted', { cohortId, timezone: 'America/Chicago', cadence: WEEKDAYS_AT_NINE });
    for (const [index, member] of members.entries()) {
      await publish('cohorts.person_upserted', {
        personId: personIds[index],
        role: 'LEARNER',
        timezone: member.timezone,
        leaderId: null,
        email: `learner${index}@example.com`,
        channels: member.channels ?? ['IN_APP'],
        locale: 'en-US',
        webhookBridgeId: null,
        active: true,
      });
    }
    await publish('cohorts.cohort_members_added', { cohortId, personIds });
    await publish('cohorts.enrollment_created', {
      enrollmentId,
      cohortId,
      trackId,
      trackVersion: 1,
      startsOn: '2026-03-02',
    });
    return { trackId, cohortId, enrollmentId, personIds };
  }

  /** The enrollment's lessons; reminders of undone ones are the nudges spec's story. */
  async function deliveriesOf(enrollmentId: string) {
    return database.dataSource.query<
      { person_id: string; local_date: string; status: string; channel: string; id: string; due_at: Date }[]
    >(
      `SELECT id, person_id, local_date::text AS local_date, status, channel, due_at FROM scheduler.deliveries
       WHERE enrollment_id = $1 AND kind = 'LESSON' ORDER BY local_date, person_id`,
      [enrollmentId],
    );
  }

  beforeAll(async () => {
    database = await createSchedulerTestDatabase();
    sendQueue = new Queue(QueueName.DeliveriesSend, {
      connection: redisOptionsFromUrl(testRedisUrl()),
      prefix: `scheduler-spec-${uniqueSuffix()}`,
    });
    const learners = new EnrollmentSchedules(new LearnerEnrollments(clock), new LeaderPromptSchedules(clock));
    const careerConversations = new CareerConversationSchedules(clock);
    handlers = {
      'content.track_published': new TrackPublishedHandler(),
      'cohorts.person_upserted': new PersonUpsertedHandler(learners, careerConversations),
      'cohorts.cohort_upserted': new CohortUpsertedHandler(learners),
      'cohorts.cohort_members_added': new CohortMembersAddedHandler(learners),
      'cohorts.enrollment_created': new EnrollmentCreatedHandler(learners),
      'content.enrollments_migrated': new EnrollmentsMigratedHandler(),
      'cohorts.person_deactivated': new PersonDeactivatedHandler(careerConversations),
      'cohorts.person_reactivated': new PersonReactivatedHandler(learners, careerConversations),
      'cohorts.cohort_members_removed': new CohortMembersRemovedHandler(),
      'cohorts.participation_changed': new ParticipationChangedHandler(learners),
      'cohorts.person_erased': new PersonErasedHandler(careerConversations),
      'cohorts.lti_line_item_linked': new LtiLineItemLinkedHandler(
        new LtiToolKeyService(
          database.dataSource,
          Object.assign(new SchedulerConfig(), { GATEWAY_SIGNING_SECRET: 'a planner spec never signs with this key' }),
        ),
      ),
    };
  });

  afterAll(async () => {
    await sendQueue?.obliterate({ force: true });
    await sendQueue?.close();
    await database?.drop();
  });

  it('plans one lesson per learner and day, however often it runs', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const chicago = Array.from({ length: 60 }, () => ({ timezone: 'America/Chicago' }));
    const kolkata = Array.from({ length: 60 }, () => ({ timezone: 'Asia/Kolkata' }));
    const { enrollmentId, personIds } = await givenEnrolledCohort([...chicago, ...kolkata]);
    const planner = plannerWith(config());

    expect(await planner.runPass()).toEqual({ planned: 120, enqueued: 0 });
    expect(await planner.runPass()).toEqual({ planned: 0, enqueued: 0 });

    const deliveries = await deliveriesOf(enrollmentId);
    expect(new Set(deliveries.map((delivery) => delivery.person_id)).size).toBe(120);
    expect(deliveries.every((delivery) => delivery.local_date === '2026-03-04')).toBe(true);
    expect(deliveries.every((delivery) => delivery.status === 'SENT' && delivery.channel === 'IN_APP')).toBe(true);

    const next = await database.dataSource.query<{ person_id: string; next_position: number; next_at: Date }[]>(
      `SELECT person_id, next_position, next_at FROM scheduler.learner_enrollments WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    const nextOf = (personId: string) => next.find((row) => row.person_id === personId);
    expect(nextOf(personIds[0])).toMatchObject({ next_position: 2, next_at: new Date('2026-03-05T15:00:00Z') });
    expect(nextOf(personIds[119])).toMatchObject({ next_position: 2, next_at: new Date('2026-03-05T03:30:00Z') });
  });

  it('plans learners due a microsecond apart, each once', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const { enrollmentId } = await givenEnrolledCohort(
      Array.from({ length: 3 }, () => ({ timezone: 'America/Chicago' })),
    );
    // Postgres keeps microseconds where a JavaScript date keeps milliseconds: all three fall in one millisecond.
    await database.dataSource.query(
      `UPDATE scheduler.learner_enrollments le
       SET next_at = '2026-03-04T15:00:00Z'::timestamptz + ordered.n * interval '1 microsecond'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM scheduler.learner_enrollments
             WHERE enrollment_id = $1) ordered
       WHERE le.id = ordered.id`,
      [enrollmentId],
    );
    const planner = plannerWith(config());

    expect(await planner.runPass()).toEqual({ planned: 3, enqueued: 0 });
    expect(await planner.runPass()).toEqual({ planned: 0, enqueued: 0 });
    expect((await deliveriesOf(enrollmentId)).map((delivery) => delivery.local_date)).toEqual([
      '2026-03-04',
      '2026-03-04',
      '2026-03-04',
    ]);
  });

  it('plans each learner once when two passes run at the same time', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const { enrollmentId } = await givenEnrolledCohort(
      Array.from({ length: 300 }, () => ({ timezone: 'America/Chicago' })),
    );
    const [first, second] = await Promise.all([plannerWith(config()).runPass(), plannerWith(config()).runPass()]);

    expect(first.planned + second.planned).toBe(300);
    const deliveries = await deliveriesOf(enrollmentId);
    expect(deliveries).toHaveLength(300);
    expect(new Set(deliveries.map((delivery) => delivery.person_id)).size).toBe(300);
  });

  it('plans a batch again, each learner once, after Postgres rolled it back to break a deadlock', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const { trackId, enrollmentId, personIds } = await givenEnrolledCohort([
      { timezone: 'America/Chicago' },
      { timezone: 'America/Chicago' },
    ]);
    // The batch writes its lessons in the claim's order, by person id among learners due at once.
    const [first, second] = [...personIds].sort();
    const [{ lesson_id: lessonId }] = await database.dataSource.query<{ lesson_id: string }[]>(
      `SELECT lesson_id FROM scheduler.track_lessons WHERE track_id = $1 AND position = 1`,
      [trackId],
    );
    const other = database.dataSource.createQueryRunner();
    const sameLessonOf = (personId: string) =>
      other.query(
        `INSERT INTO scheduler.deliveries
           (organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel)
         VALUES ($1, $2, 'LESSON', $3, $4, '2026-03-04', now(), 'SCHEDULED', 'IN_APP')`,
        [organizationId, personId, lessonId, enrollmentId],
      );
    const deadlocks = async () => {
      const [{ count }] = await database.dataSource.query<{ count: string }[]>(
        `SELECT deadlocks AS count FROM pg_stat_database WHERE datname = current_database()`,
      );
      return Number(count);
    };
    const deadlocksBefore = await deadlocks();

    // Postgres looks for a deadlock once, deadlock_timeout after a wait begins, and rolls back the
    // transaction that looks. So that the batch is the one, it looks late (10 s, time enough for
    // the cycle to close on a busy machine), and the other transaction never does.
    const lateToLook = await new DataSource({
      ...database.dataSource.options,
      extra: { options: '-c deadlock_timeout=10s' },
    } as DataSourceOptions).initialize();
    // Another transaction writes the second learner's lesson first and keeps it uncommitted...
    await other.startTransaction();
    await other.query(`SET LOCAL deadlock_timeout = '1h'`);
    await sameLessonOf(second);
    // One batch claims both learners: two side by side could each claim one, and the first
    // learner's lesson would then commit alone, with no deadlock to break.
    const pass = plannerWith(config({ PLANNER_CONCURRENCY: 1 }), lateToLook).runPass();
    // ...so the batch, having written the first learner's lesson, waits on it...
    await eventually(
      async () => {
        const [{ waiting }] = await database.dataSource.query<{ waiting: number }[]>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%planner_batch%'`,
        );
        expect(waiting).toBe(1);
      },
      5_000,
      10,
    );
    // ...and the other transaction then writes the first learner's lesson too: each waits on the other.
    await sameLessonOf(first);
    await other.rollbackTransaction();
    await other.release();

    expect(await pass).toEqual({ planned: 2, enqueued: 0 });
    await lateToLook.destroy();
    const deliveries = await deliveriesOf(enrollmentId);
    expect(deliveries.map((delivery) => delivery.person_id).sort()).toEqual([first, second]);
    await eventually(async () => expect(await deadlocks()).toBe(deadlocksBefore + 1));
  });

  it('catches up after downtime with one lesson today, then finishes the track', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const { enrollmentId } = await givenEnrolledCohort([{ timezone: 'America/Chicago' }]);
    const planner = plannerWith(config());
    const lessonDays = async () => (await deliveriesOf(enrollmentId)).map((delivery) => delivery.local_date);
    await planner.runPass();
    expect(await lessonDays()).toEqual(['2026-03-04']);

    // Down from Wednesday evening until Monday 10:00: Thursday's and Friday's lessons were missed.
    clock.setNow(new Date('2026-03-09T15:00:00Z'));
    await planner.runPass();
    await planner.runPass();
    expect(await lessonDays()).toEqual(['2026-03-04', '2026-03-09']);

    clock.setNow(new Date('2026-03-10T15:00:00Z'));
    await planner.runPass();
    clock.setNow(new Date('2026-03-11T15:00:00Z'));
    await planner.runPass();
    expect(await lessonDays()).toEqual(['2026-03-04', '2026-03-09', '2026-03-10']);

    const [learner] = await database.dataSource.query(
      `SELECT next_position, next_at FROM scheduler.learner_enrollments WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    expect(learner).toEqual({ next_position: 4, next_at: null });
  });

  it('builds the learner row from events in any order, and waits for a track it has not seen', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const [trackId, cohortId, enrollmentId, personId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await publish('cohorts.enrollment_created', {
      enrollmentId,
      cohortId,
      trackId,
      trackVersion: 1,
      startsOn: '2026-03-02',
    });
    await publish('cohorts.cohort_members_added', { cohortId, personIds: [personId] });
    await publish('cohorts.cohort_upserted', { cohortId, timezone: 'America/Chicago', cadence: WEEKDAYS_AT_NINE });
    const planner = plannerWith(config());
    await planner.runPass();
    expect(await deliveriesOf(enrollmentId)).toHaveLength(0);

    await publish('cohorts.person_upserted', {
      personId,
      role: 'LEADER',
      timezone: 'America/Chicago',
      leaderId: null,
      email: 'leader@example.com',
      channels: ['IN_APP'],
      locale: 'en-US',
      webhookBridgeId: null,
      active: true,
    });
    await planner.runPass();
    expect(await deliveriesOf(enrollmentId)).toHaveLength(0);

    await publish('content.track_published', {
      trackId,
      version: 1,
      title: 'Late track',
      lessons: [
        {
          lessonId: randomUUID(),
          position: 1,
          title: 'Only lesson',
          kind: 'READ',
          minutes: 2,
          questions: [],
          reviewCards: [],
          leaderPrompt: null,
        },
      ],
    });
    await planner.runPass();
    expect(await deliveriesOf(enrollmentId)).toHaveLength(1);
  });

  it('schedules email deliveries with one send job each, and the reconciler restores lost jobs', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const { enrollmentId } = await givenEnrolledCohort([
      { timezone: 'America/Chicago', channels: ['IN_APP', 'EMAIL'] },
      { timezone: 'America/Chicago', channels: ['IN_APP'] },
    ]);
    const planner = plannerWith(config({ SMTP_URL: 'smtp://127.0.0.1:2525' }));
    expect(await planner.runPass()).toMatchObject({ enqueued: 1 });

    const deliveries = await deliveriesOf(enrollmentId);
    const emailed = deliveries.find((delivery) => delivery.channel === 'EMAIL');
    if (!emailed) throw new Error('expected an email delivery');
    expect(emailed.status).toBe('SCHEDULED');
    expect(deliveries.find((delivery) => delivery.channel === 'IN_APP')).toMatchObject({ status: 'SENT' });
    const job = await sendQueue.getJob(emailed.id);
    expect(job?.data).toEqual({ organizationId, deliveryId: emailed.id });
    expect(job?.opts.attempts).toBe(5);

    // Redis loses the job; a minute later the reconciler puts it back, once.
    await job?.remove();
    const reconciler = new DeliveryReconciler(database.dataSource, clock, config(), sendQueue);
    expect(await reconciler.reconcile()).toBe(0);
    clock.setNow(new Date('2026-03-04T16:02:00Z'));
    expect(await reconciler.reconcile()).toBe(1);
    expect(await reconciler.reconcile()).toBe(1);
    expect((await sendQueue.getJob(emailed.id))?.data.deliveryId).toBe(emailed.id);
    expect(await sendQueue.getWaitingCount()).toBe(1);
  });

  it('plans nothing more for members who left the cohort, and expires their pending sends', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const { cohortId, enrollmentId, personIds } = await givenEnrolledCohort([
      { timezone: 'America/Chicago', channels: ['IN_APP', 'EMAIL'] },
      { timezone: 'America/Chicago' },
    ]);
    const [leaving, staying] = personIds;
    const planner = plannerWith(config({ SMTP_URL: 'smtp://127.0.0.1:2525' }));
    await planner.runPass();
    await publish('cohorts.cohort_members_removed', { cohortId, personIds: [leaving] });
    expect((await deliveriesOf(enrollmentId)).find((delivery) => delivery.person_id === leaving)).toMatchObject({
      status: 'EXPIRED',
    });
    clock.setNow(new Date('2026-03-05T16:00:00Z'));
    await planner.runPass();
    const deliveries = await deliveriesOf(enrollmentId);
    expect(deliveries.filter((delivery) => delivery.person_id === leaving)).toHaveLength(1);
    expect(deliveries.filter((delivery) => delivery.person_id === staying)).toHaveLength(2);
  });

  it('passes a deactivated learner by, expires their pending send, and resumes at the next slot on reactivation', async () => {
    clock.setNow(new Date('2026-03-04T16:00:00Z'));
    const { enrollmentId, personIds } = await givenEnrolledCohort([
      { timezone: 'America/Chicago', channels: ['IN_APP', 'EMAIL'] },
      { timezone: 'America/Chicago' },
    ]);
    const [leaving, staying] = personIds;
    const planner = plannerWith(config({ SMTP_URL: 'smtp://127.0.0.1:2525' }));
    await planner.runPass();
    await publish('cohorts.person_deactivated', { personId: leaving });
    expect((await deliveriesOf(enrollmentId)).find((delivery) => delivery.person_id === leaving)).toMatchObject({
      status: 'EXPIRED',
    });

    // Thursday and Friday pass: only the one still active gets lessons.
    for (const instant of ['2026-03-05T16:00:00Z', '2026-03-06T16:00:00Z']) {
      clock.setNow(new Date(instant));
      await planner.runPass();
    }
    const byPerson = (deliveries: { person_id: string }[], personId: string) =>
      deliveries.filter((delivery) => delivery.person_id === personId).length;
    let deliveries = await deliveriesOf(enrollmentId);
    expect(byPerson(deliveries, leaving)).toBe(1);
    expect(byPerson(deliveries, staying)).toBe(3);

    // Back on Monday afternoon: one lesson that day, not the missed ones at once.
    clock.setNow(new Date('2026-03-09T16:00:00Z'));
    await publish('cohorts.person_reactivated', { personId: leaving });
    await planner.runPass();
    deliveries = await deliveriesOf(enrollmentId);
    expect(
      deliveries.filter((delivery) => delivery.person_id === leaving).map((delivery) => delivery.local_date),
    ).toEqual(['2026-03-04', '2026-03-09']);
  });

  it('writes one career conversation per report after downtime, when two passes run at the same time', async () => {
    clock.setNow(new Date('2026-03-02T12:00:00Z'));
    const leaderId = randomUUID();
    const reportIds = Array.from({ length: 5 }, () => randomUUID());
    for (const [index, personId] of [leaderId, ...reportIds].entries()) {
      await publish('cohorts.person_upserted', {
        personId,
        role: index === 0 ? 'LEADER' : 'LEARNER',
        timezone: 'America/Chicago',
        leaderId: index === 0 ? null : leaderId,
        email: `team${index}@example.com`,
        channels: ['IN_APP'],
        locale: 'en-US',
        webhookBridgeId: null,
        active: true,
      });
    }

    // Fourteen weeks without a pass, more than two cycles of six: then two passes at once.
    clock.setNow(new Date('2026-06-08T16:00:00Z'));
    await Promise.all([plannerWith(config()).runPass(), plannerWith(config()).runPass()]);
    await plannerWith(config()).runPass();

    const conversations = await database.dataSource.query<{ subject_id: string; local_date: string }[]>(
      `SELECT subject_id, local_date::text AS local_date FROM scheduler.deliveries
       WHERE person_id = $1 AND kind = 'CAREER_CONVERSATION' ORDER BY subject_id`,
      [leaderId],
    );
    expect(conversations).toEqual(
      [...reportIds].sort().map((subjectId) => ({ subject_id: subjectId, local_date: '2026-06-08' })),
    );
  });
});
