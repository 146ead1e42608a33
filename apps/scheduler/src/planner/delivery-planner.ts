import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '@tend/clock';
import type { DeliveryChannelName } from '@tend/events';
import { QueueName } from '@tend/queue';
import { CohortCadenceRow, LessonCadence, lessonCadenceOf, LessonSlotCalendars } from '../cadence/lesson-slot-calendar';
import { DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { LeaderPromptPlanner, WrittenDelivery } from '../leader-prompts/leader-prompt-planner';
import { NUDGE_WITHIN_DAYS, NudgeDay, writeLessonNudges } from '../nudges/lesson-nudges';
import { DueEnrollment, OneLessonADay } from './one-lesson-a-day';
import { BundleDay, writeReviewBundles } from '../reviews/review-bundle';
import { SchedulerConfig } from '../scheduler.config';
import { DeliverySendJobData, deliverySendJob } from '../sending/delivery-send.job';
import { channelFor } from '../sending/channel-choice';
import { EmailChannel } from '../sending/email.channel';

/** A claimed learner enrollment whose next lesson is due, and what about the person planning needs. */
interface ClaimedLearner {
  id: string;
  organization_id: string;
  enrollment_id: string;
  person_id: string;
  next_position: number;
  next_at: Date;
  person_timezone: string;
  channels: DeliveryChannelName[];
  in_several: boolean;
  /** Whether the person has spaced-review cards: without any, a bundle has no reviews to bring or expire. */
  has_cards: boolean;
  /** Whether a recent lesson of theirs is still open: without one, no reminder can follow. */
  may_nudge: boolean;
}

/** What the learners of one enrollment share: the cohort's cadence and rank, the track's lessons. */
interface EnrollmentRow extends CohortCadenceRow {
  enrollment_id: string;
  cohort_timezone: string;
  priority: number;
  has_webhook: boolean;
  lessons: { position: number; lessonId: string; hasCards: boolean }[];
}

interface EnrollmentPlan {
  row: EnrollmentRow;
  cadence: LessonCadence;
  lessons: Map<number, { lessonId: string; hasCards: boolean }>;
  lastPosition: number;
}

/** A claimed learner with their enrollment's plan, and what ranks the enrollment against the person's others. */
interface DueLearner extends DueEnrollment {
  learner: ClaimedLearner;
  enrollment: EnrollmentPlan;
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
 * Only the learner rows are locked, never the projections they join, and the
 * per-person look-ups run for the claimed rows only, not for the rows another
 * batch holds and this one skips. Each look-up stops at its first row.
 */
const CLAIM_DUE_SQL = `
  WITH claimed AS (
    SELECT le.id, le.organization_id, le.enrollment_id, le.person_id, le.next_position, le.next_at,
           p.timezone AS person_timezone, p.channels
    FROM scheduler.learner_enrollments le
    JOIN scheduler.people p ON p.person_id = le.person_id
    WHERE le.next_at <= $1
      AND p.active
      AND le.status = 'ACTIVE'
      AND le.enrollment_id IN (
        SELECT e.enrollment_id FROM scheduler.enrollments e
        JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
        WHERE EXISTS (
          SELECT 1 FROM scheduler.track_lessons known WHERE known.track_id = e.track_id AND known.version = e.track_version
        )
      )
    ORDER BY le.next_at, le.person_id
    LIMIT $2
    FOR UPDATE OF le SKIP LOCKED
  )
  SELECT claimed.*, several.found IS NOT NULL AS in_several, cards.found IS NOT NULL AS has_cards,
         open_lesson.found IS NOT NULL AS may_nudge
  FROM claimed
  LEFT JOIN LATERAL (
    SELECT 1 AS found FROM scheduler.learner_enrollments other
    WHERE other.person_id = claimed.person_id AND other.id <> claimed.id LIMIT 1
  ) several ON true
  LEFT JOIN LATERAL (
    SELECT 1 AS found FROM scheduler.card_states cs WHERE cs.person_id = claimed.person_id LIMIT 1
  ) cards ON true
  LEFT JOIN LATERAL (
    SELECT 1 AS found FROM scheduler.deliveries d
    WHERE d.organization_id = claimed.organization_id AND d.person_id = claimed.person_id
      AND d.kind = '${DeliveryKind.LESSON}' AND d.status IN ('${DeliveryStatus.SENT}', '${DeliveryStatus.SCHEDULED}')
      AND d.local_date >= $3::date
    LIMIT 1
  ) open_lesson ON true`;

/** Read once per batch for the few enrollments its learners belong to, not joined to every learner row. */
const ENROLLMENTS_SQL = `
  SELECT e.enrollment_id, c.timezone AS cohort_timezone, c.days_of_week, c.lesson_time, c.holidays, c.quiet_start,
         c.quiet_end, c.priority,
         EXISTS (SELECT 1 FROM scheduler.webhook_endpoints w WHERE w.organization_id = e.organization_id) AS has_webhook,
         COALESCE((
           SELECT jsonb_agg(jsonb_build_object(
             'position', tl.position, 'lessonId', tl.lesson_id, 'hasCards', jsonb_array_length(tl.review_cards) > 0))
           FROM scheduler.track_lessons tl WHERE tl.track_id = e.track_id AND tl.version = e.track_version
         ), '[]') AS lessons
  FROM scheduler.enrollments e
  JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
  WHERE e.enrollment_id = ANY($1::uuid[])`;

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

/** An in-app lesson is sent once written: `today` shows it. */
const INSERT_DELIVERIES_SQL = `
  INSERT INTO scheduler.deliveries
    (id, organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel, sent_at)
  SELECT id, organization_id, person_id, '${DeliveryKind.LESSON}', lesson_id, enrollment_id, local_date, due_at,
         CASE WHEN channel = '${DeliveryChannel.IN_APP}' THEN '${DeliveryStatus.SENT}'
              ELSE '${DeliveryStatus.SCHEDULED}' END,
         channel,
         CASE WHEN channel = '${DeliveryChannel.IN_APP}' THEN $7::timestamptz END
  FROM unnest($9::uuid[], $1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::timestamptz[], $8::text[])
    AS planned(id, organization_id, person_id, lesson_id, enrollment_id, local_date, due_at, channel)
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
    const claimed: ClaimedLearner[] = await manager.query(CLAIM_DUE_SQL, [
      now.toISOString(),
      limit,
      nudgeWindowStart(now),
    ]);
    if (claimed.length === 0) return { claimed: 0, written: [] };
    const enrollments = await this.enrollmentPlans(manager, claimed);
    return {
      claimed: claimed.length,
      written: await this.writeDeliveries(manager, claimed, enrollments, now, calendars),
    };
  }

  private async enrollmentPlans(
    manager: EntityManager,
    claimed: ClaimedLearner[],
  ): Promise<Map<string, EnrollmentPlan>> {
    const ids = [...new Set(claimed.map((learner) => learner.enrollment_id))];
    const rows: EnrollmentRow[] = await manager.query(ENROLLMENTS_SQL, [ids]);
    return new Map(
      rows.map((row) => [
        row.enrollment_id,
        {
          row,
          cadence: lessonCadenceOf(row),
          lessons: new Map(row.lessons.map((lesson) => [lesson.position, lesson])),
          lastPosition: Math.max(0, ...row.lessons.map((lesson) => lesson.position)),
        },
      ]),
    );
  }

  private async writeDeliveries(
    manager: EntityManager,
    claimed: ClaimedLearner[],
    enrollments: Map<string, EnrollmentPlan>,
    now: Date,
    calendars: LessonSlotCalendars,
  ): Promise<WrittenDelivery[]> {
    const due: DueLearner[] = [];
    for (const learner of claimed) {
      const enrollment = enrollments.get(learner.enrollment_id);
      // The cohort went away since the claim; the next claim no longer finds the row either.
      if (!enrollment) continue;
      due.push({
        learner,
        enrollment,
        person_id: learner.person_id,
        enrollment_id: learner.enrollment_id,
        priority: enrollment.row.priority,
        in_several: learner.in_several,
      });
    }
    const oneADay = await OneLessonADay.load(manager, due, now);
    const iso = isoStrings();
    const lessons = {
      organizationIds: [] as string[],
      personIds: [] as string[],
      lessonIds: [] as string[],
      enrollmentIds: [] as string[],
      localDates: [] as string[],
      dueAts: [] as string[],
      channels: [] as DeliveryChannel[],
    };
    const advanced = { ids: [] as string[], nextPositions: [] as number[], nextAts: [] as (string | null)[] };
    const advance = (learner: ClaimedLearner, nextPosition: number, nextAt: Date | null) => {
      advanced.ids.push(learner.id);
      advanced.nextPositions.push(nextPosition);
      advanced.nextAts.push(nextAt && iso(nextAt));
    };
    const reviewDays: BundleDay[] = [];
    const nudgeDays: NudgeDay[] = [];
    let lessonsBringCards = false;

    for (const row of due) {
      const { learner, enrollment } = row;
      const lesson = enrollment.lessons.get(learner.next_position);
      if (!lesson) {
        advance(learner, learner.next_position, null);
        continue;
      }
      const calendar = calendars.for(learner.person_timezone, enrollment.row.cohort_timezone, enrollment.cadence);
      if (!calendar.isWorkday(calendar.localDate(now)) || calendar.isQuiet(now)) {
        // Due on a holiday or a day off (after downtime, or a holiday added since), or in the quiet
        // hours (enrolled late in the evening): the lesson waits for the next slot.
        advance(learner, learner.next_position, calendar.slotAfter(now));
        continue;
      }
      const plan = calendar.planLesson(learner.next_at, now);
      if (oneADay.waits(row, plan.localDate, calendar)) {
        advance(learner, learner.next_position, plan.nextAt);
        continue;
      }
      oneADay.planned(row, plan.localDate);
      const channel = channelFor(this.email.enabled, learner.channels, enrollment.row.has_webhook);
      lessons.organizationIds.push(learner.organization_id);
      lessons.personIds.push(learner.person_id);
      lessons.lessonIds.push(lesson.lessonId);
      lessons.enrollmentIds.push(learner.enrollment_id);
      lessons.localDates.push(plan.localDate);
      lessons.dueAts.push(iso(plan.dueAt));
      lessons.channels.push(channel);
      lessonsBringCards ||= lesson.hasCards;
      const day = {
        organizationId: learner.organization_id,
        personId: learner.person_id,
        localDate: plan.localDate,
        dueAt: plan.dueAt,
        nextBundleAt: plan.nextAt,
      };
      if (learner.has_cards) reviewDays.push(day);
      if (learner.may_nudge) nudgeDays.push({ ...day, channel });
      advance(learner, learner.next_position + 1, learner.next_position < enrollment.lastPosition ? plan.nextAt : null);
    }

    const written: WrittenDelivery[] = lessons.personIds.length
      ? await manager.query(INSERT_DELIVERIES_SQL, [
          lessons.organizationIds,
          lessons.personIds,
          lessons.lessonIds,
          lessons.enrollmentIds,
          lessons.localDates,
          lessons.dueAts,
          now.toISOString(),
          lessons.channels,
          // Time-ordered ids (UUIDv7) land at the right edge of the primary key, where its pages are in
          // memory, instead of on a random page of an index of millions.
          Array.from({ length: lessons.personIds.length }, () => uuidv7()),
        ])
      : [];
    await writeReviewBundles(manager, reviewDays, lessonsBringCards ? written.map((delivery) => delivery.id) : [], now);
    const nudges = await writeLessonNudges(manager, nudgeDays, now);
    await manager.query(ADVANCE_SQL, [advanced.ids, advanced.nextPositions, advanced.nextAts]);
    return [...written, ...nudges];
  }
}

/** A batch's instants repeat (one slot per zone and day), so each is formatted once. */
function isoStrings(): (instant: Date) => string {
  const strings = new Map<number, string>();
  return (instant) => {
    let text = strings.get(instant.getTime());
    if (text === undefined) {
      text = instant.toISOString();
      strings.set(instant.getTime(), text);
    }
    return text;
  };
}
