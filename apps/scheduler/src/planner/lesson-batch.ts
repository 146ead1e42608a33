import { EntityManager } from 'typeorm';
import {
  LessonCadence,
  lessonCadenceOf,
  LessonSlotCalendar,
  LessonSlotCalendars,
  PlannedLesson,
} from '../cadence/lesson-slot-calendar';
import { DeliveryChannel, DeliveryKind } from '../deliveries/delivery.entity';
import { DeliveryTally } from '../metrics/delivery-metrics';
import { WrittenDelivery } from '../leader-prompts/leader-prompt-planner';
import { NUDGE_WITHIN_DAYS, NudgeDay, writeLessonNudges } from '../nudges/lesson-nudges';
import { BundleDay, writeReviewBundles } from '../reviews/review-bundle';
import { channelFor } from '../sending/channel-choice';
import { EmailChannel } from '../sending/email.channel';
import {
  ADVANCE,
  BATCH_TABLE_SQL,
  CLAIM_DUE,
  ClaimedLearner,
  DUE_GROUPS_SQL,
  DueGroup,
  ENROLLMENTS,
  EnrollmentRow,
  INSERT_DELIVERIES,
  keyOf,
  PLAN_GROUPS,
  SINGLE_LEARNERS_SQL,
} from './lesson-batch.statements';
import { DueEnrollment, OneLessonADay } from './one-lesson-a-day';

/** What one batch of the pass did, in its transaction. */
export interface PlannedBatch {
  claimed: number;
  /** Deliveries written and read back; those not in-app get a send job. */
  written: WrittenDelivery[];
  /** In-app lessons written by Postgres from the batch's rows, only counted. */
  writtenInApp?: number;
  /** Everything written, reviews included, by kind and channel, for `tend_deliveries_planned_total`. */
  tally: DeliveryTally;
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

/**
 * The earliest lesson day a reminder can follow: a learner's local date is at most a day behind
 * UTC's, and a reminder follows a lesson by at most NUDGE_WITHIN_DAYS.
 */
function nudgeWindowStart(now: Date): string {
  return new Date(now.getTime() - (1 + NUDGE_WITHIN_DAYS) * DAY_MS).toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * One batch of lessons in the pass's transaction. The claimed rows go to the batch table; each
 * group of alike learners is planned once here and written by Postgres from that table; people in
 * several cohorts are planned one by one. Reviews and reminders come from the rows of those who
 * have any, gathered as the batch goes.
 */
export class LessonBatch {
  private readonly reviewDays: BundleDay[] = [];
  private readonly nudgeDays: NudgeDay[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly now: Date,
    /** The pass's calendars: one pass plans one instant, so their memories hold across batches. */
    private readonly calendars: LessonSlotCalendars,
    private readonly email: EmailChannel,
  ) {}

  async plan(limit: number): Promise<PlannedBatch> {
    const { manager, now } = this;
    await manager.query(BATCH_TABLE_SQL);
    await CLAIM_DUE.run(manager, { now: now.toISOString(), limit, nudgeWindowStart: nudgeWindowStart(now) });
    const groups: DueGroup[] = await manager.query(DUE_GROUPS_SQL);
    const singles: ClaimedLearner[] = await manager.query(SINGLE_LEARNERS_SQL);
    const several = singles.filter((learner) => learner.in_several);
    const claimed = groups.reduce((sum, group) => sum + group.learners, several.length);
    if (claimed === 0) return { claimed: 0, written: [], tally: new DeliveryTally() };
    const enrollments = await this.enrollmentPlans([...groups, ...several]);

    const outcomes = new Map<string, GroupOutcome>();
    for (const group of groups) {
      const enrollment = enrollments.get(group.enrollment_id);
      // The cohort went away since the claim; the next claim no longer finds the row either.
      if (enrollment) outcomes.set(keyOf(group), { group, ...this.outcomeFor(group, enrollment) });
    }
    for (const learner of singles) {
      const lesson = learner.in_several ? undefined : outcomes.get(keyOf(learner))?.lesson;
      if (lesson) this.bundleDay(learner, lesson);
    }
    const oneByOne = await this.planOneByOne(several, enrollments);
    // Today's cards join the decks after the reviews are chosen, so they come back from the next bundle on.
    const reviews = await writeReviewBundles(manager, this.reviewDays, oneByOne.meetingCards, now);
    const nudges = await writeLessonNudges(manager, this.nudgeDays, now);
    const grouped = await this.planGroups([...outcomes.values()]);
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

  private async enrollmentPlans(learners: { enrollment_id: string }[]): Promise<Map<string, EnrollmentPlan>> {
    const enrollmentIds = [...new Set(learners.map((learner) => learner.enrollment_id))];
    const rows = await ENROLLMENTS.run(this.manager, { enrollmentIds });
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
  ): LessonOutcome {
    const { now } = this;
    const lesson = enrollment.lessons.get(learner.next_position);
    if (!lesson) return { nextPosition: learner.next_position, nextAt: null };
    const calendar = this.calendars.for(learner.person_timezone, enrollment.row.cohort_timezone, enrollment.cadence);
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
    several: ClaimedLearner[],
    enrollments: Map<string, EnrollmentPlan>,
  ): Promise<{ written: WrittenDelivery[]; meetingCards: string[] }> {
    const { manager, now } = this;
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
      const outcome = this.outcomeFor(learner, enrollment);
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
      this.bundleDay(learner, lesson);
      advance(learner, outcome.nextPosition, outcome.nextAt);
    }

    const written = lessons.personIds.length
      ? await INSERT_DELIVERIES.run(manager, { ...lessons, sentAt: now.toISOString() })
      : [];
    if (advanced.ids.length > 0) await ADVANCE.run(manager, advanced);
    return { written, meetingCards: lessonsBringCards ? written.map((delivery) => delivery.id) : [] };
  }

  private async planGroups(outcomes: GroupOutcome[]): Promise<{ planned: number; outgoing: WrittenDelivery[] }> {
    if (outcomes.length === 0) return { planned: 0, outgoing: [] };
    const lessonsWithCards = new Set<string>();
    for (const { lesson } of outcomes) if (lesson?.hasCards) lessonsWithCards.add(lesson.lessonId);
    const [result] = await PLAN_GROUPS.run(this.manager, {
      enrollmentIds: outcomes.map(({ group }) => group.enrollment_id),
      personTimezones: outcomes.map(({ group }) => group.person_timezone),
      nextAts: outcomes.map(({ group }) => group.next_at_text),
      nextPositions: outcomes.map(({ group }) => group.next_position),
      channelsKeys: outcomes.map(({ group }) => group.channels_key),
      lessonIds: outcomes.map(({ lesson }) => lesson?.lessonId ?? null),
      localDates: outcomes.map(({ lesson }) => lesson?.plan.localDate ?? null),
      dueAts: outcomes.map(({ lesson }) => lesson?.plan.dueAt.toISOString() ?? null),
      channels: outcomes.map(({ lesson }) => lesson?.channel ?? null),
      newPositions: outcomes.map((outcome) => outcome.nextPosition),
      newNextAts: outcomes.map((outcome) => outcome.nextAt?.toISOString() ?? null),
      sentAt: this.now.toISOString(),
      lessonsWithCards: [...lessonsWithCards],
    });
    return result;
  }

  /** The review half of the learner's bundle and a reminder of an open lesson, where they have either. */
  private bundleDay(learner: ClaimedLearner, lesson: NonNullable<LessonOutcome['lesson']>): void {
    const day = {
      organizationId: learner.organization_id,
      personId: learner.person_id,
      localDate: lesson.plan.localDate,
      dueAt: lesson.plan.dueAt,
      nextBundleAt: lesson.plan.nextAt,
    };
    if (learner.has_cards) this.reviewDays.push(day);
    if (learner.may_nudge) this.nudgeDays.push({ ...day, channel: lesson.channel });
  }
}
