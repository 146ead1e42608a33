import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { LessonSlotCalendars } from '../cadence/lesson-slot-calendar';
import { CareerConversationCalendar } from './career-conversation-calendar';

const WEEK_MS = 7 * 24 * 60 * 60_000;
const wallTime = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm ccc');

describe('CareerConversationCalendar', () => {
  const calendars = new LessonSlotCalendars();
  const reports = Array.from({ length: 12 }, () => randomUUID());
  const now = new Date('2026-12-08T03:00:00Z');

  it('comes back every N weeks, on a weekday at 10:00 in the leader’s zone', () => {
    for (const reportId of reports) {
      const calendar = CareerConversationCalendar.for(calendars, 'America/Chicago', [], reportId, 6);
      const next = calendar.firstAfter(now);
      const after = calendar.firstAfter(next);
      expect(next > now).toBe(true);
      expect(after.getTime() - next.getTime()).toBeGreaterThan(6 * WEEK_MS - 2 * 60 * 60_000);
      expect(after.getTime() - next.getTime()).toBeLessThan(6 * WEEK_MS + 2 * 60 * 60_000);
      expect(wallTime(next, 'America/Chicago')).toMatch(/ 10:00 (Mon|Tue|Wed|Thu|Fri)$/);
      expect(calendar.latestOnOrBefore(next)).toEqual(next);
      expect(calendar.latestOnOrBefore(new Date(next.getTime() - 1)).getTime()).toBeLessThan(now.getTime());
    }
  });

  it('spreads a leader’s twelve reports over the weeks of the cycle, the same way every time', () => {
    const slots = reports.map((reportId) =>
      CareerConversationCalendar.for(calendars, 'UTC', [], reportId, 6).firstAfter(now),
    );
    const perWeek = new Map<string, number>();
    for (const slot of slots) {
      const week = DateTime.fromJSDate(slot, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
      perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    }
    expect(perWeek.size).toBeGreaterThan(1);
    expect(Math.max(...perWeek.values())).toBeLessThan(12);
    expect(slots.every((slot) => slot.getTime() - now.getTime() <= 6 * WEEK_MS)).toBe(true);
    expect(CareerConversationCalendar.for(calendars, 'UTC', [], reports[0], 6).firstAfter(now)).toEqual(slots[0]);
  });

  it('moves a conversation that falls on a day off to the next workday', () => {
    const calendar = CareerConversationCalendar.for(calendars, 'Europe/Berlin', [], reports[0], 4);
    const slot = calendar.firstAfter(now);
    const day = DateTime.fromJSDate(slot, { zone: 'Europe/Berlin' });
    const withDayOff = CareerConversationCalendar.for(
      calendars,
      'Europe/Berlin',
      [day.toISODate() as string],
      reports[0],
      4,
    ).firstAfter(now);
    expect(withDayOff > slot).toBe(true);
    expect(wallTime(withDayOff, 'Europe/Berlin')).toMatch(/ 10:00 (Mon|Tue|Wed|Thu|Fri)$/);
    expect(withDayOff.getTime() - slot.getTime()).toBeLessThanOrEqual(3 * 24 * 60 * 60_000);
  });

  it('keeps 10:00 local across a change of clocks', () => {
    const spring = new Date('2027-02-01T00:00:00Z');
    for (const reportId of reports) {
      const calendar = CareerConversationCalendar.for(calendars, 'America/New_York', [], reportId, 8);
      let slot = calendar.firstAfter(spring);
      for (let cycle = 0; cycle < 4; cycle++) {
        expect(wallTime(slot, 'America/New_York')).toMatch(/ 10:00 /);
        slot = calendar.firstAfter(slot);
      }
    }
  });
});
