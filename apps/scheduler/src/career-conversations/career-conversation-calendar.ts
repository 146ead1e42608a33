import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { LessonSlotCalendar, LessonSlotCalendars } from '../cadence/lesson-slot-calendar';

export const DEFAULT_CAREER_CONVERSATION_EVERY_WEEKS = 6;
export const MIN_CAREER_CONVERSATION_EVERY_WEEKS = 2;
export const MAX_CAREER_CONVERSATION_EVERY_WEEKS = 26;

/** A career conversation falls on a weekday, at a time a leader can still plan the day around. */
export const CAREER_CONVERSATION_WEEKDAYS = [1, 2, 3, 4, 5] as const;
export const CAREER_CONVERSATION_TIME = '10:00';

/** The Monday every cycle counts from: cycles are the same weeks for everyone, whenever a pair began. */
const FIRST_MONDAY = '1970-01-05';

/**
 * When one leader's conversations with one report fall (docs/ARCHITECTURE.md#scheduling): every
 * `everyWeeks` weeks, in the week and on the weekday a stable hash of the report's id picks, at
 * 10:00 in the leader's zone. The hash spreads a leader's reports over the cycle's weeks and
 * days, and a report keeps their place when they move to another leader. A day off of a cohort the
 * leader belongs to moves the conversation to the next workday. Pure, like `LessonSlotCalendar`.
 */
export class CareerConversationCalendar {
  private readonly weekInCycle: number;
  private readonly weekday: number;
  private readonly first: DateTime;

  constructor(
    private readonly days: LessonSlotCalendar,
    reportId: string,
    private readonly everyWeeks: number,
  ) {
    if (!Number.isInteger(everyWeeks) || everyWeeks < 1) throw new Error(`every ${everyWeeks} weeks is no cadence`);
    const spread = createHash('sha256').update(reportId).digest().readUInt32BE(0);
    this.weekInCycle = spread % everyWeeks;
    this.weekday = 1 + (Math.floor(spread / everyWeeks) % CAREER_CONVERSATION_WEEKDAYS.length);
    this.first = DateTime.fromISO(FIRST_MONDAY, { zone: days.zone });
  }

  static for(
    calendars: LessonSlotCalendars,
    leaderZone: string,
    holidays: readonly string[],
    reportId: string,
    everyWeeks: number,
  ): CareerConversationCalendar {
    const days = calendars.for(leaderZone, 'UTC', {
      daysOfWeek: CAREER_CONVERSATION_WEEKDAYS,
      lessonTime: CAREER_CONVERSATION_TIME,
      holidays,
    });
    return new CareerConversationCalendar(days, reportId, everyWeeks);
  }

  /** The leader's calendar date at `instant`. */
  localDate(instant: Date): string {
    return this.days.localDate(instant);
  }

  /** The latest conversation slot at or before `now`. */
  latestOnOrBefore(now: Date): Date {
    const cycle = this.cycleOf(now);
    const slot = this.slotOf(cycle);
    return slot <= now ? slot : this.slotOf(cycle - 1);
  }

  /** The first conversation slot strictly after `now`. */
  firstAfter(now: Date): Date {
    const cycle = this.cycleOf(now);
    const slot = this.slotOf(cycle);
    return slot > now ? slot : this.slotOf(cycle + 1);
  }

  /** The cycle whose conversation week is the latest one that began on or before `now`'s week. */
  private cycleOf(now: Date): number {
    const today = DateTime.fromISO(this.days.localDate(now), { zone: this.days.zone });
    // Rounded: a day across a change of clocks is 23 or 25 hours long.
    const week = Math.floor(Math.round(today.diff(this.first, 'days').days) / 7);
    return Math.floor((week - this.weekInCycle) / this.everyWeeks);
  }

  private slotOf(cycle: number): Date {
    const date = this.first.plus({ weeks: cycle * this.everyWeeks + this.weekInCycle, days: this.weekday - 1 });
    return this.days.nextSlotOnOrAfter(date.toISODate() as string);
  }
}
