import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '@tend/clock';
import type { DeliveryChannelName } from '@tend/events';
import { QueueName } from '@tend/queue';
import {
  CohortCadenceRow,
  LessonCadence,
  lessonCadenceOf,
  LessonSlotCalendar,
  LessonSlotCalendars,
  PlannedLesson,
} from '../cadence/lesson-slot-calendar';
import { DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { countDeliveries, deliveriesPlanned, DeliveryTally } from '../metrics/delivery-metrics';
import { LeaderPromptPlanner, WrittenDelivery } from '../leader-prompts/leader-prompt-planner';
import { NUDGE_WITHIN_DAYS, NudgeDay, writeLessonNudges } from '../nudges/lesson-nudges';
import { DueEnrollment, OneLessonADay } from './one-lesson-a-day';
import { BundleDay, cardsMetBy, writeReviewBundles } from '../reviews/review-bundle';
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
  /** `next_at` and `channels` as Postgres spells them, to find the learner's group again exactly. */
  next_at_text: string;
  channels_key: string;
  in_several: boolean;
  /** Whether the person has spaced-review cards: without any, a bundle has no reviews to bring or expire. */
  has_cards: boolean;
  /** Whether a recent lesson of theirs is still open: without one, no reminder can follow. */
  may_nudge: boolean;
}

/**
 * Claimed learners alike in everything their lesson depends on: they share its plan. The rows
 * stay in Postgres; only the group and its size come back.
 */
interface DueGroup {
  enrollment_id: string;
  person_timezone: string;
  next_at: Date;
  next_position: number;
  channels: DeliveryChannelName[];
  /** `next_at` and `channels` as Postgres spells them: the key matches the rows to the microsecond. */
  next_at_text: string;
  channels_key: string;
  learners: number;
}

type LearnerKey = Pick<
  DueGroup,
  'enrollment_id' | 'person_timezone' | 'next_at_text' | 'next_position' | 'channels_key'
>;

function keyOf(row: LearnerKey): string {
  return [row.enrollment_id, row.person_timezone, row.next_at_text, row.next_position, row.channels_key].join('|');
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

/** What becomes of a due learner row: today's lesson or none yet, and where the row moves on to. */
interface LessonOutcome {
  lesson?: {
    lessonId: string;
    hasCards: boolean;
    plan: PlannedLesson;
    channel: DeliveryChannel;
    calendar: LessonSlotCalendar;
  };
  nextPosition: number;
  nextAt: Date | null;
}

interface GroupOutcome extends LessonOutcome {
  group: DueGroup;
}

/** A claimed learner with their enrollment's plan, and what ranks the enrollment against the person's others. */
interface DueLearner extends DueEnrollment {
  learner: ClaimedLearner;
  enrollment: EnrollmentPlan;
}

interface PlannedBatch {
  claimed: number;
  /** Deliveries written and read back; those not in-app get a send job. */
  written: WrittenDelivery[];
  /** In-app lessons written by Postgres from the batch's rows, only counted. */
  writtenInApp?: number;
  /** Everything written, reviews included, by kind and channel, for `tend_deliveries_planned_total`. */
  tally: DeliveryTally;
}

export interface PlannerPass {
  /** Deliveries written. */
  planned: number;
  /** Send jobs enqueued for deliveries that go out by email or webhook. */
  enqueued: number;
}

/**
 * A batch's claimed rows stay in Postgres, in a table of the session's own that each commit
 * empties: the planner reads back who is alike, not every learner, and writes their lessons from
 * here. Created on a connection's first batch, there for its later ones.
 */
const BATCH_TABLE_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS planner_batch (
    id uuid, organization_id uuid, enrollment_id uuid, person_id uuid, next_position int, next_at timestamptz,
    person_timezone text, channels text[], in_several boolean, has_cards boolean, may_nudge boolean
  ) ON COMMIT DELETE ROWS`;

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
  INSERT INTO pg_temp.planner_batch
  SELECT claimed.*, several.found IS NOT NULL, cards.found IS NOT NULL, open_lesson.found IS NOT NULL
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

/** The learners planned as a group: everyone but those in several cohorts, who are ranked one by one. */
const DUE_GROUPS_SQL = `
  SELECT enrollment_id, person_timezone, next_at, next_position, channels, next_at::text AS next_at_text,
         channels::text AS channels_key, count(*)::int AS learners
  FROM pg_temp.planner_batch
  WHERE NOT in_several
  GROUP BY enrollment_id, person_timezone, next_at, next_position, channels`;

/** The learners who need more than their group's plan: one lesson a day across cohorts, reviews, a reminder. */
const SINGLE_LEARNERS_SQL = `
  SELECT *, next_at::text AS next_at_text, channels::text AS channels_key
  FROM pg_temp.planner_batch WHERE in_several OR has_cards OR may_nudge`;

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

/**
 * A time-ordered id (UUIDv7, RFC 9562): the Unix milliseconds, then a random UUID's bits with its
 * version set to 7. New deliveries land at the right edge of the primary key, where its pages are
 * in memory, instead of on a random page of an index of millions.
 */
const UUID_V7_SQL = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
  52, 1), 53, 1), 'hex')::uuid`;

/**
 * Writes the lessons `planned` names (organization_id, person_id, lesson_id, enrollment_id,
 * local_date, due_at, channel), one per person, lesson and day. An in-app lesson is sent once
 * written, at `sentAt`: `today` shows it.
 */
function insertLessons(planned: string, sentAt: string): string {
  return `
  INSERT INTO scheduler.deliveries
    (id, organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel, sent_at)
  SELECT ${UUID_V7_SQL}, organization_id, person_id, '${DeliveryKind.LESSON}', lesson_id, enrollment_id, local_date,
         due_at,
         CASE WHEN channel = '${DeliveryChannel.IN_APP}' THEN '${DeliveryStatus.SENT}' ELSE '${DeliveryStatus.SCHEDULED}' END,
         channel, CASE WHEN channel = '${DeliveryChannel.IN_APP}' THEN ${sentAt}::timestamptz END
  FROM ${planned}
  ON CONFLICT DO NOTHING`;
}

const INSERT_DELIVERIES_SQL = `${insertLessons(
  `unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::timestamptz[], $8::text[])
    AS planned(organization_id, person_id, lesson_id, enrollment_id, local_date, due_at, channel)`,
  '$7',
)}
  RETURNING id, organization_id, channel`;

const ADVANCE_SQL = `
  UPDATE scheduler.learner_enrollments le
  SET next_position = advanced.next_position, next_at = advanced.next_at, updated_at = now()
  FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS advanced(id, next_position, next_at)
  WHERE le.id = advanced.id`;

/**
 * A group's outcome applied to its learners in one statement: their lessons written (the cards
 * of lessons that bring some join their decks) and their rows advanced. What comes back is the
 * count and the deliveries that need a send job.
 */
const PLAN_GROUPS_SQL = `
  WITH outcome AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::uuid[], $7::date[],
                         $8::timestamptz[], $9::text[], $10::int[], $11::timestamptz[])
      AS o(enrollment_id, person_timezone, next_at, next_position, channels_key, lesson_id, local_date, due_at,
           channel, new_position, new_next_at)
  ),
  learner AS (
    SELECT b.id, b.organization_id, b.person_id, o.*
    FROM pg_temp.planner_batch b
    JOIN outcome o ON o.enrollment_id = b.enrollment_id AND o.person_timezone = b.person_timezone
      AND o.next_at = b.next_at AND o.next_position = b.next_position AND o.channels_key = b.channels::text
    WHERE NOT b.in_several
  ),
  lesson AS (${insertLessons('(SELECT * FROM learner WHERE lesson_id IS NOT NULL) planned', '$12')}
    RETURNING id, organization_id, person_id, lesson_id, enrollment_id, due_at, channel
  ),
  met AS (${cardsMetBy('(SELECT * FROM lesson WHERE lesson_id = ANY($13::uuid[]))')}),
  advanced AS (
    UPDATE scheduler.learner_enrollments le
    SET next_position = learner.new_position, next_at = learner.new_next_at, updated_at = now()
    FROM learner WHERE le.id = learner.id
  )
  SELECT count(*)::int AS planned,
         COALESCE(jsonb_agg(jsonb_build_object('id', id, 'organization_id', organization_id, 'channel', channel))
           FILTER (WHERE channel <> '${DeliveryChannel.IN_APP}'), '[]') AS outgoing
  FROM lesson`;

/**
 * Turns due learner enrollments into deliveries (docs/ARCHITECTURE.md#scheduling). Each batch is one
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
      async (manager) => {
        const batch = await this.leaderPrompts.planBatch(manager, now, limit);
        return { ...batch, tally: new DeliveryTally().addEach(DeliveryKind.LEADER_PROMPT, batch.written) };
      },
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
    const { claimed, written, writtenInApp = 0, tally } = await this.inTransaction(step);
    countDeliveries(deliveriesPlanned, tally.entries());
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
    return { claimed, planned: written.length + writtenInApp, enqueued: outgoing.length };
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

  /**
   * One batch of lessons. The claimed rows go to the batch table; each group of alike learners is
   * planned once here and written by Postgres from that table; people in several cohorts are
   * planned one by one. Reviews and reminders come from the rows of those who have any.
   */
  private async planLessons(
    manager: EntityManager,
    now: Date,
    limit: number,
    calendars: LessonSlotCalendars,
  ): Promise<PlannedBatch> {
    await manager.query(BATCH_TABLE_SQL);
    await manager.query(CLAIM_DUE_SQL, [now.toISOString(), limit, nudgeWindowStart(now)]);
    const groups: DueGroup[] = await manager.query(DUE_GROUPS_SQL);
    const singles: ClaimedLearner[] = await manager.query(SINGLE_LEARNERS_SQL);
    const several = singles.filter((learner) => learner.in_several);
    const claimed = groups.reduce((sum, group) => sum + group.learners, several.length);
    if (claimed === 0) return { claimed: 0, written: [], tally: new DeliveryTally() };
    const enrollments = await this.enrollmentPlans(manager, [...groups, ...several]);

    const outcomes = new Map<string, GroupOutcome>();
    for (const group of groups) {
      const enrollment = enrollments.get(group.enrollment_id);
      // The cohort went away since the claim; the next claim no longer finds the row either.
      if (enrollment) outcomes.set(keyOf(group), { group, ...this.outcomeFor(group, enrollment, now, calendars) });
    }
    const reviewDays: BundleDay[] = [];
    const nudgeDays: NudgeDay[] = [];
    for (const learner of singles) {
      const lesson = learner.in_several ? undefined : outcomes.get(keyOf(learner))?.lesson;
      if (lesson) bundleDay(learner, lesson, reviewDays, nudgeDays);
    }
    const oneByOne = await this.planOneByOne(manager, several, enrollments, now, calendars, reviewDays, nudgeDays);
    // Today's cards join the decks after the reviews are chosen, so they come back from the next bundle on.
    const reviews = await writeReviewBundles(manager, reviewDays, oneByOne.meetingCards, now);
    const nudges = await writeLessonNudges(manager, nudgeDays, now);
    const grouped = await this.planGroups(manager, [...outcomes.values()], now);
    const writtenInApp = grouped.planned - grouped.outgoing.length;
    return {
      claimed,
      written: [...oneByOne.written, ...grouped.outgoing, ...nudges],
      writtenInApp,
      tally: new DeliveryTally()
        .addEach(DeliveryKind.LESSON, [...oneByOne.written, ...grouped.outgoing])
        .add(DeliveryKind.LESSON, DeliveryChannel.IN_APP, writtenInApp)
        .add(DeliveryKind.REVIEW, DeliveryChannel.IN_APP, reviews)
        .addEach(DeliveryKind.NUDGE, nudges),
    };
  }

  private async enrollmentPlans(
    manager: EntityManager,
    learners: { enrollment_id: string }[],
  ): Promise<Map<string, EnrollmentPlan>> {
    const ids = [...new Set(learners.map((learner) => learner.enrollment_id))];
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

  /** Today's lesson for a due row, if today is a lesson day for it, and where the row moves on to. */
  private outcomeFor(
    learner: Pick<DueGroup, 'person_timezone' | 'next_at' | 'next_position' | 'channels'>,
    enrollment: EnrollmentPlan,
    now: Date,
    calendars: LessonSlotCalendars,
  ): LessonOutcome {
    const lesson = enrollment.lessons.get(learner.next_position);
    if (!lesson) return { nextPosition: learner.next_position, nextAt: null };
    const calendar = calendars.for(learner.person_timezone, enrollment.row.cohort_timezone, enrollment.cadence);
    if (!calendar.isWorkday(calendar.localDate(now)) || calendar.isQuiet(now)) {
      // Due on a holiday or a day off (after downtime, or a holiday added since), or in the quiet
      // hours (enrolled late in the evening): the lesson waits for the next slot.
      return { nextPosition: learner.next_position, nextAt: calendar.slotAfter(now) };
    }
    const plan = calendar.planLesson(learner.next_at, now);
    return {
      lesson: {
        ...lesson,
        plan,
        channel: channelFor(this.email.enabled, learner.channels, enrollment.row.has_webhook),
        calendar,
      },
      nextPosition: learner.next_position + 1,
      nextAt: learner.next_position < enrollment.lastPosition ? plan.nextAt : null,
    };
  }

  /** The learners in several cohorts, one by one: their enrollments compete for the day's one lesson. */
  private async planOneByOne(
    manager: EntityManager,
    several: ClaimedLearner[],
    enrollments: Map<string, EnrollmentPlan>,
    now: Date,
    calendars: LessonSlotCalendars,
    reviewDays: BundleDay[],
    nudgeDays: NudgeDay[],
  ): Promise<{ written: WrittenDelivery[]; meetingCards: string[] }> {
    const due: DueLearner[] = [];
    for (const learner of several) {
      const enrollment = enrollments.get(learner.enrollment_id);
      if (!enrollment) continue;
      due.push({
        learner,
        enrollment,
        person_id: learner.person_id,
        enrollment_id: learner.enrollment_id,
        priority: enrollment.row.priority,
      });
    }
    const oneADay = await OneLessonADay.load(manager, due, now);
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
      advanced.nextAts.push(nextAt && nextAt.toISOString());
    };
    let lessonsBringCards = false;

    for (const row of due) {
      const { learner, enrollment } = row;
      const outcome = this.outcomeFor(learner, enrollment, now, calendars);
      const { lesson } = outcome;
      if (!lesson) {
        advance(learner, outcome.nextPosition, outcome.nextAt);
        continue;
      }
      if (oneADay.waits(row, lesson.plan.localDate, lesson.calendar)) {
        advance(learner, learner.next_position, lesson.plan.nextAt);
        continue;
      }
      oneADay.planned(row, lesson.plan.localDate);
      lessons.organizationIds.push(learner.organization_id);
      lessons.personIds.push(learner.person_id);
      lessons.lessonIds.push(lesson.lessonId);
      lessons.enrollmentIds.push(learner.enrollment_id);
      lessons.localDates.push(lesson.plan.localDate);
      lessons.dueAts.push(lesson.plan.dueAt.toISOString());
      lessons.channels.push(lesson.channel);
      lessonsBringCards ||= lesson.hasCards;
      bundleDay(learner, lesson, reviewDays, nudgeDays);
      advance(learner, outcome.nextPosition, outcome.nextAt);
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
        ])
      : [];
    if (advanced.ids.length > 0) {
      await manager.query(ADVANCE_SQL, [advanced.ids, advanced.nextPositions, advanced.nextAts]);
    }
    return { written, meetingCards: lessonsBringCards ? written.map((delivery) => delivery.id) : [] };
  }

  private async planGroups(
    manager: EntityManager,
    outcomes: GroupOutcome[],
    now: Date,
  ): Promise<{ planned: number; outgoing: WrittenDelivery[] }> {
    if (outcomes.length === 0) return { planned: 0, outgoing: [] };
    const lessonsWithCards = new Set<string>();
    for (const { lesson } of outcomes) if (lesson?.hasCards) lessonsWithCards.add(lesson.lessonId);
    const [result]: { planned: number; outgoing: WrittenDelivery[] }[] = await manager.query(PLAN_GROUPS_SQL, [
      outcomes.map(({ group }) => group.enrollment_id),
      outcomes.map(({ group }) => group.person_timezone),
      outcomes.map(({ group }) => group.next_at_text),
      outcomes.map(({ group }) => group.next_position),
      outcomes.map(({ group }) => group.channels_key),
      outcomes.map(({ lesson }) => lesson?.lessonId ?? null),
      outcomes.map(({ lesson }) => lesson?.plan.localDate ?? null),
      outcomes.map(({ lesson }) => lesson?.plan.dueAt.toISOString() ?? null),
      outcomes.map(({ lesson }) => lesson?.channel ?? null),
      outcomes.map((outcome) => outcome.nextPosition),
      outcomes.map((outcome) => outcome.nextAt?.toISOString() ?? null),
      now.toISOString(),
      [...lessonsWithCards],
    ]);
    return result;
  }
}

/** The review half of the learner's bundle and a reminder of an open lesson, where they have either. */
function bundleDay(
  learner: ClaimedLearner,
  lesson: NonNullable<LessonOutcome['lesson']>,
  reviewDays: BundleDay[],
  nudgeDays: NudgeDay[],
): void {
  const day = {
    organizationId: learner.organization_id,
    personId: learner.person_id,
    localDate: lesson.plan.localDate,
    dueAt: lesson.plan.dueAt,
    nextBundleAt: lesson.plan.nextAt,
  };
  if (learner.has_cards) reviewDays.push(day);
  if (learner.may_nudge) nudgeDays.push({ ...day, channel: lesson.channel });
}
