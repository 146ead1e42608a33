import { DateTime } from 'luxon';
import { isKnownZone } from '@tend/clock';
import { QuietHours, withinQuietHours } from '@tend/events';

// today/ reads the rule from here, beside the calendar it guards.
export { isKnownZone };

export interface LessonCadence {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  daysOfWeek: readonly number[];
  /** Local wall time, HH:mm. */
  lessonTime: string;
  /** Local dates (YYYY-MM-DD) without lessons, like days off. */
  holidays?: readonly string[];
  /** Nothing is delivered between these local times. */
  quietHours?: QuietHours | null;
}

/** The columns of `scheduler.cohorts` a lesson cadence is read from, as SQL returns them. */
export interface CohortCadenceRow {
  days_of_week: number[];
  lesson_time: string;
  holidays: string[];
  quiet_start: string | null;
  quiet_end: string | null;
}

export function lessonCadenceOf(row: CohortCadenceRow): LessonCadence {
  return {
    daysOfWeek: row.days_of_week,
    lessonTime: row.lesson_time,
    holidays: row.holidays,
    quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
  };
}

/** What the planner writes for one learner it found due. */
export interface PlannedLesson {
  /** The learner's local date the lesson belongs to: the one lesson of that day. */
  localDate: string;
  dueAt: Date;
  /** When the following lesson is due. */
  nextAt: Date;
}

/** Spring-forward gaps are at most this long anywhere in the tz database. */
const LONGEST_GAP_MS = 3 * 60 * 60_000;
const MINUTE_MS = 60_000;

/** The calendar date (YYYY-MM-DD) at `instant` in `zone`. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}

/** HH:mm from "H:mm", "HH:mm" or "HH:mm:ss"; undefined when it is not a time of day. */
export function normalizeLocalTime(value: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!match) return undefined;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${match[2]}`;
}

/**
 * When one learner's lessons fall (docs/ARCHITECTURE.md#scheduling): on the cohort's workdays, at
 * the cohort's lesson time, read in the learner's own time zone. Pure: every
 * instant comes in as an argument, so the rules are testable without a clock.
 */
export class LessonSlotCalendar {
  private readonly workdays: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly quietHours: QuietHours | null;
  private readonly hour: number;
  private readonly minute: number;
  /** luxon is the planner's main cost; learners planned together share their instants and days. */
  private readonly localDates = new Map<number, string>();
  private readonly workdayDates = new Map<string, boolean>();
  private readonly nextSlots = new Map<string, number>();
  private readonly slotsAfter = new Map<string, number>();

  constructor(
    readonly zone: string,
    cadence: LessonCadence,
  ) {
    if (!isKnownZone(zone)) throw new Error(`${zone} is not an IANA time zone`);
    this.workdays = new Set(cadence.daysOfWeek.filter((day) => Number.isInteger(day) && day >= 1 && day <= 7));
    if (this.workdays.size === 0) throw new Error('a cadence needs at least one workday between 1 and 7');
    this.holidays = new Set(cadence.holidays ?? []);
    this.quietHours = cadence.quietHours ?? null;
    const time = normalizeLocalTime(cadence.lessonTime);
    if (!time) throw new Error(`${cadence.lessonTime} is not a local time HH:mm`);
    [this.hour, this.minute] = time.split(':').map(Number);
  }

  /** The person's own zone wins over the cohort's; a zone the tz database does not know never does. */
  static zoneFor(personZone: string | null | undefined, cohortZone: string): string {
    return [personZone, cohortZone].find((zone): zone is string => !!zone && isKnownZone(zone)) ?? 'UTC';
  }

  localDate(instant: Date): string {
    let date = this.localDates.get(instant.getTime());
    if (date === undefined) {
      date = localDateOf(instant, this.zone);
      this.localDates.set(instant.getTime(), date);
    }
    return date;
  }

  /** A workday of the cadence that is not one of its holidays. */
  isWorkday(localDate: string): boolean {
    let workday = this.workdayDates.get(localDate);
    if (workday === undefined) {
      workday = this.isWorkdayAt(this.day(localDate));
      this.workdayDates.set(localDate, workday);
    }
    return workday;
  }

  /** Whether `instant` falls in the quiet hours, read on the local clock. */
  isQuiet(instant: Date): boolean {
    if (!this.quietHours) return false;
    return withinQuietHours(DateTime.fromJSDate(instant, { zone: this.zone }).toFormat('HH:mm'), this.quietHours);
  }

  /**
   * The lesson time on `localDate`. A time that a spring-forward gap skips
   * becomes the first instant after the gap (02:30 → 03:00 in New York), so
   * the slot still falls on that day; a time a fall-back repeats is one
   * instant, so it is delivered once.
   */
  slotOn(localDate: string): Date {
    const day = this.day(localDate);
    const slot = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: this.hour, minute: this.minute },
      { zone: this.zone },
    );
    if (slot.hour === this.hour && slot.minute === this.minute) return slot.toJSDate();
    return new Date(this.transitionBefore(slot.toMillis()));
  }

  /** The first slot on a workday on or after `localDate`. */
  nextSlotOnOrAfter(localDate: string): Date {
    let slot = this.nextSlots.get(localDate);
    if (slot === undefined) {
      let day = this.day(localDate);
      while (!this.isWorkdayAt(day)) day = day.plus({ days: 1 });
      slot = this.slotOn(day.toISODate() as string).getTime();
      this.nextSlots.set(localDate, slot);
    }
    return new Date(slot);
  }

  /** The first slot on a workday strictly after `localDate`. */
  nextSlotAfter(localDate: string): Date {
    let slot = this.slotsAfter.get(localDate);
    if (slot === undefined) {
      slot = this.nextSlotOnOrAfter(this.day(localDate).plus({ days: 1 }).toISODate() as string).getTime();
      this.slotsAfter.set(localDate, slot);
    }
    return new Date(slot);
  }

  /** The first slot strictly after `instant`. */
  slotAfter(instant: Date): Date {
    const today = this.localDate(instant);
    if (this.isWorkday(today)) {
      const slot = this.slotOn(today);
      if (slot > instant) return slot;
    }
    return this.nextSlotAfter(today);
  }

  /** The workday `count` workdays before `localDate`, counting back over days off. */
  workdaysBefore(localDate: string, count: number): string {
    let day = this.day(localDate);
    for (let left = count; left > 0;) {
      day = day.minus({ days: 1 });
      if (this.isWorkdayAt(day)) left--;
    }
    return day.toISODate() as string;
  }

  /**
   * When an enrollment's next lesson is due. Nothing before `startsOn`, and
   * nothing on or before a day that already had its lesson (`deliveredThrough`).
   * If today may have a lesson and its time has passed, the lesson is due now:
   * someone enrolled at 14:00 gets the 09:00 lesson at once, not tomorrow.
   */
  firstLessonAt(now: Date, startsOn: string, deliveredThrough?: string | null): Date {
    const today = this.localDate(now);
    const afterDelivered = deliveredThrough ? (this.day(deliveredThrough).plus({ days: 1 }).toISODate() as string) : '';
    const from = [startsOn, today, afterDelivered].reduce((latest, date) => (date > latest ? date : latest));
    if (from === today && this.isWorkday(today)) {
      const slot = this.slotOn(today);
      return slot > now ? slot : now;
    }
    return this.nextSlotOnOrAfter(from);
  }

  /**
   * The lesson for a learner whose `scheduledAt` has passed, planned at `now`.
   * It belongs to today, whatever day it was scheduled for: after downtime a
   * learner gets one lesson today and the rest roll forward, one a workday.
   */
  planLesson(scheduledAt: Date, now: Date): PlannedLesson {
    const localDate = this.localDate(now);
    return {
      localDate,
      dueAt: this.localDate(scheduledAt) === localDate ? scheduledAt : now,
      nextAt: this.nextSlotAfter(localDate),
    };
  }

  private isWorkdayAt(day: DateTime): boolean {
    return this.workdays.has(day.weekday) && !this.holidays.has(day.toISODate() as string);
  }

  private day(localDate: string): DateTime {
    const day = DateTime.fromISO(localDate, { zone: this.zone });
    if (!day.isValid) throw new Error(`${localDate} is not a calendar date`);
    return day;
  }

  /**
   * The instant a spring-forward gap ends. luxon places a skipped wall time
   * after the gap by the gap's length (02:30 → 03:30), so the transition lies
   * within the preceding few hours: found by bisection to the minute, as
   * zones change offset on whole minutes.
   */
  private transitionBefore(shiftedMs: number): number {
    const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: this.zone }).offset;
    const after = offsetAt(shiftedMs);
    let low = shiftedMs - LONGEST_GAP_MS;
    let high = shiftedMs;
    if (offsetAt(low) === after) return shiftedMs;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetAt(middle) === after) high = middle;
      else low = middle;
    }
    return high;
  }
}

/**
 * Calendars by zone and cadence for one batch of learners: a cohort's members
 * mostly share both, so they share one calendar and its memory.
 */
export class LessonSlotCalendars {
  private readonly calendars = new Map<string, LessonSlotCalendar>();

  for(personZone: string | null | undefined, cohortZone: string, cadence: LessonCadence): LessonSlotCalendar {
    const zone = LessonSlotCalendar.zoneFor(personZone, cohortZone);
    const quiet = cadence.quietHours ? `${cadence.quietHours.start}-${cadence.quietHours.end}` : '';
    const key = `${zone}|${cadence.daysOfWeek.join(',')}|${cadence.lessonTime}|${quiet}|${cadence.holidays?.join(',') ?? ''}`;
    let calendar = this.calendars.get(key);
    if (!calendar) {
      calendar = new LessonSlotCalendar(zone, cadence);
      this.calendars.set(key, calendar);
    }
    return calendar;
  }
}
