import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '@tend/clock';
import type { DeliveryChannelName } from '@tend/events';
import { QueueName } from '@tend/queue';
import { CohortCadenceRow, lessonCadenceOf, LessonSlotCalendars } from '../cadence/lesson-slot-calendar';
import { DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { LeaderPromptPlanner, WrittenDelivery } from '../leader-prompts/leader-prompt-planner';
import { NUDGE_WITHIN_DAYS, writeLessonNudges } from '../nudges/lesson-nudges';
import { OneLessonADay } from './one-lesson-a-day';
import { BundleDay, writeReviewBundles } from '../reviews/review-bundle';
import { SchedulerConfig } from '../scheduler.config';
import { DeliverySendJobData, deliverySendJob } from '../sending/delivery-send.job';
import { channelFor } from '../sending/channel-choice';
import { EmailChannel } from '../sending/email.channel';

/** A learner enrollment whose next lesson is due, with what planning it needs. */
interface DueLearner extends CohortCadenceRow {
  id: string;
  organization_id: string;
  enrollment_id: string;
  person_id: string;
  next_position: number;
  next_at: Date;
  person_timezone: string;
  channels: DeliveryChannelName[];
  cohort_timezone: string;
  priority: number;
  lesson_id: string | null;
  has_next: boolean;
  has_webhook: boolean;
  in_several: boolean;
  /** Whether the person has spaced-review cards: without any, a bundle has no reviews to bring or expire. */
  has_cards: boolean;
  lesson_has_cards: boolean;
  /** Whether a recent lesson of theirs is still open: without one, no reminder can follow. */
  may_nudge: boolean;
}

interface PlannedBatch {
  claimed: number;
  written: WrittenDelivery[];
}

export interface PlannerPass {
  /** Deliveries written. */
  planned: number;
  /** Send jobs enqueued for deliveries that go out by email or webhook. */
  enqueued: number;
}

/**
 * Rows stay unclaimable until their track's lessons are projected, so an
 * enrollment that arrived before its track waits instead of finishing early.
 * Only the learner rows are locked, never the projections they join.
 */
const CLAIM_DUE_SQL = `
  SELECT le.id, le.organization_id, le.enrollment_id, le.person_id, le.next_position, le.next_at,
         p.timezone AS person_timezone, p.channels,
         c.timezone AS cohort_timezone, c.days_of_week, c.lesson_time, c.holidays, c.quiet_start, c.quiet_end,
         c.priority,
         lesson.lesson_id,
         EXISTS (
           SELECT 1 FROM scheduler.track_lessons later
           WHERE later.track_id = e.track_id AND later.version = e.track_version AND later.position > le.next_position
         ) AS has_next,
         EXISTS (SELECT 1 FROM scheduler.webhook_endpoints w WHERE w.organization_id = le.organization_id) AS has_webhook,
         EXISTS (
           SELECT 1 FROM scheduler.learner_enrollments other WHERE other.person_id = le.person_id AND other.id <> le.id
         ) AS in_several,
         EXISTS (SELECT 1 FROM scheduler.card_states cs WHERE cs.person_id = le.person_id) AS has_cards,
         COALESCE(jsonb_array_length(lesson.review_cards) > 0, false) AS lesson_has_cards,
         EXISTS (
           SELECT 1 FROM scheduler.deliveries d
           WHERE d.organization_id = le.organization_id AND d.person_id = le.person_id
             AND d.kind = '${DeliveryKind.LESSON}' AND d.status IN ('${DeliveryStatus.SENT}', '${DeliveryStatus.SCHEDULED}')
             AND d.local_date >= $3::date
         ) AS may_nudge
  FROM scheduler.learner_enrollments le
  JOIN scheduler.enrollments e ON e.enrollment_id = le.enrollment_id
  JOIN scheduler.people p ON p.person_id = le.person_id
  JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
  LEFT JOIN scheduler.track_lessons lesson
    ON lesson.track_id = e.track_id AND lesson.version = e.track_version AND lesson.position = le.next_position
  WHERE le.next_at <= $1
    AND p.active
    AND le.status = 'ACTIVE'
    AND EXISTS (
      SELECT 1 FROM scheduler.track_lessons known WHERE known.track_id = e.track_id AND known.version = e.track_version
    )
  ORDER BY le.next_at, le.person_id
  LIMIT $2
  FOR UPDATE OF le SKIP LOCKED`;

/**
 * The earliest lesson day a reminder can follow: a learner's local date is at most a day behind
 * UTC's, and a reminder follows a lesson by at most NUDGE_WITHIN_DAYS.
 */
function nudgeWindowStart(now: Date): string {
  return new Date(now.getTime() - (1 + NUDGE_WITHIN_DAYS) * DAY_MS).toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60_000;

const DEADLOCK_RETRIES = 3;

function isDeadlock(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '40P01';
}

const INSERT_DELIVERIES_SQL = `
  INSERT INTO scheduler.deliveries
    (organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel, sent_at)
  SELECT organization_id, person_id, '${DeliveryKind.LESSON}', lesson_id, enrollment_id, local_date, due_at, status,
         channel, sent_at
  FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::timestamptz[], $7::text[], $8::text[],
              $9::timestamptz[])
    AS planned(organization_id, person_id, lesson_id, enrollment_id, local_date, due_at, status, channel, sent_at)
  ON CONFLICT DO NOTHING
  RETURNING id, organization_id, channel`;

const ADVANCE_SQL = `
  UPDATE scheduler.learner_enrollments le
  SET next_position = advanced.next_position, next_at = advanced.next_at, updated_at = now()
  FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS advanced(id, next_position, next_at)
  WHERE le.id = advanced.id`;

/**
 * Turns due learner enrollments into deliveries (DESIGN §3). Each batch is one
 * transaction: claim due rows with SKIP LOCKED, write one delivery per
 * (person, lesson, local date) under the unique constraint, advance the rows.
 * Concurrent passes, in one process or many, never claim the same row, and a
 * pass that crashes rolls back whole, so nothing is lost or doubled.
 */
@Injectable()
export class DeliveryPlanner {
  private readonly logger = new Logger(DeliveryPlanner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: SchedulerConfig,
    private readonly email: EmailChannel,
    private readonly leaderPrompts: LeaderPromptPlanner,
    @InjectQueue(QueueName.DeliveriesSend) private readonly sendQueue: Queue<DeliverySendJobData>,
  ) {}

  /** Plans batch after batch until nothing is due: the day's lessons first, then the prompts that look back on them. */
  async runPass(): Promise<PlannerPass> {
    const now = this.clock.now();
    const limit = this.config.PLANNER_BATCH_SIZE;
    const pass: PlannerPass = { planned: 0, enqueued: 0 };
    // One pass plans one instant, so its calendars' memories hold across batches.
    const calendars = new LessonSlotCalendars();
    const steps: ((manager: EntityManager) => Promise<PlannedBatch>)[] = [
      (manager) => this.planLessons(manager, now, limit, calendars),
      (manager) => this.leaderPrompts.planBatch(manager, now, limit),
    ];
    for (const step of steps) {
      // Side by side, one batch's statements run while another's jobs are enqueued; SKIP LOCKED
      // keeps their rows apart. A short batch means nothing else is free to claim.
      await Promise.all(
        Array.from({ length: this.config.PLANNER_CONCURRENCY }, async () => {
          for (;;) {
            const batch = await this.planBatch(step);
            pass.planned += batch.planned;
            pass.enqueued += batch.enqueued;
            if (batch.claimed < limit) return;
          }
        }),
      );
    }
    if (pass.planned > 0) this.logger.log(pass, 'planned deliveries');
    return pass;
  }

  private async planBatch(
    step: (manager: EntityManager) => Promise<PlannedBatch>,
  ): Promise<PlannerPass & { claimed: number }> {
    const { claimed, written } = await this.inTransaction(step);
    const outgoing = written.filter((delivery) => delivery.channel !== DeliveryChannel.IN_APP);
    // After the commit, so no job names a delivery that was rolled back; if this
    // process dies first, the reconciler enqueues them.
    if (outgoing.length > 0) {
      await this.sendQueue.addBulk(
        outgoing.map((delivery) =>
          deliverySendJob(
            { organizationId: delivery.organization_id, deliveryId: delivery.id },
            { attempts: this.config.SEND_ATTEMPTS, backoffMs: this.config.SEND_BACKOFF_MS },
          ),
        ),
      );
    }
    return { claimed, planned: written.length, enqueued: outgoing.length };
  }

  /**
   * Two batches of one person (several enrollments) can wait on each other's rows, and Postgres
   * then rolls one back whole; that one is simply planned again.
   */
  private async inTransaction(step: (manager: EntityManager) => Promise<PlannedBatch>): Promise<PlannedBatch> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(step);
      } catch (error) {
        if (attempt >= DEADLOCK_RETRIES || !isDeadlock(error)) throw error;
      }
    }
  }

  private async planLessons(
    manager: EntityManager,
    now: Date,
    limit: number,
    calendars: LessonSlotCalendars,
  ): Promise<PlannedBatch> {
    const due: DueLearner[] = await manager.query(CLAIM_DUE_SQL, [now.toISOString(), limit, nudgeWindowStart(now)]);
    if (due.length === 0) return { claimed: 0, written: [] };
    return { claimed: due.length, written: await this.writeDeliveries(manager, due, now, calendars) };
  }

  private async writeDeliveries(
    manager: EntityManager,
    due: DueLearner[],
    now: Date,
    calendars: LessonSlotCalendars,
  ): Promise<WrittenDelivery[]> {
    const deliveries: DueLearner[] = [];
    const plans: { localDate: string; dueAt: Date; channel: DeliveryChannel }[] = [];
    const bundles: BundleDay[] = [];
    const advanced: { id: string; nextPosition: number; nextAt: string | null }[] = [];
    const oneADay = await OneLessonADay.load(manager, due, now);

    for (const learner of due) {
      if (learner.lesson_id === null) {
        advanced.push({ id: learner.id, nextPosition: learner.next_position, nextAt: null });
        continue;
      }
      const calendar = calendars.for(learner.person_timezone, learner.cohort_timezone, lessonCadenceOf(learner));
      if (!calendar.isWorkday(calendar.localDate(now)) || calendar.isQuiet(now)) {
        // Due on a holiday or a day off (after downtime, or a holiday added since), or in the quiet
        // hours (enrolled late in the evening): the lesson waits for the next slot.
        advanced.push({
          id: learner.id,
          nextPosition: learner.next_position,
          nextAt: calendar.slotAfter(now).toISOString(),
        });
        continue;
      }
      const plan = calendar.planLesson(learner.next_at, now);
      if (oneADay.waits(learner, plan.localDate, calendar)) {
        advanced.push({ id: learner.id, nextPosition: learner.next_position, nextAt: plan.nextAt.toISOString() });
        continue;
      }
      oneADay.planned(learner, plan.localDate);
      const channel = channelFor(this.email.enabled, learner.channels, learner.has_webhook);
      deliveries.push(learner);
      plans.push({ localDate: plan.localDate, dueAt: plan.dueAt, channel });
      bundles.push({
        organizationId: learner.organization_id,
        personId: learner.person_id,
        localDate: plan.localDate,
        dueAt: plan.dueAt,
        nextBundleAt: plan.nextAt,
      });
      advanced.push({
        id: learner.id,
        nextPosition: learner.next_position + 1,
        nextAt: learner.has_next ? plan.nextAt.toISOString() : null,
      });
    }

    const written = deliveries.length
      ? await manager.query(INSERT_DELIVERIES_SQL, [
          deliveries.map((learner) => learner.organization_id),
          deliveries.map((learner) => learner.person_id),
          deliveries.map((learner) => learner.lesson_id),
          deliveries.map((learner) => learner.enrollment_id),
          plans.map((plan) => plan.localDate),
          plans.map((plan) => plan.dueAt.toISOString()),
          plans.map((plan) =>
            plan.channel === DeliveryChannel.IN_APP ? DeliveryStatus.SENT : DeliveryStatus.SCHEDULED,
          ),
          plans.map((plan) => plan.channel),
          plans.map((plan) => (plan.channel === DeliveryChannel.IN_APP ? now.toISOString() : null)),
        ])
      : [];
    await writeReviewBundles(
      manager,
      bundles.filter((_, index) => deliveries[index].has_cards),
      deliveries.some((learner) => learner.lesson_has_cards)
        ? written.map((delivery: { id: string }) => delivery.id)
        : [],
      now,
    );
    const nudges = await writeLessonNudges(
      manager,
      bundles
        .map((day, index) => ({ ...day, channel: plans[index].channel }))
        .filter((_, index) => deliveries[index].may_nudge),
      now,
    );
    await manager.query(ADVANCE_SQL, [
      advanced.map((row) => row.id),
      advanced.map((row) => row.nextPosition),
      advanced.map((row) => row.nextAt),
    ]);
    return [...written, ...nudges];
  }
}
