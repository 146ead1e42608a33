import { DateTime } from 'luxon';
import { LessonSlotCalendar, normalizeLocalTime } from './lesson-slot-calendar';

const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const at = (iso: string) => new Date(iso);
const wallTime = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');

// March 2026: Monday the 2nd, Saturday the 7th; US daylight saving starts Sunday the 8th.
describe('LessonSlotCalendar', () => {
  const chicago = new LessonSlotCalendar('America/Chicago', { daysOfWeek: WEEKDAYS, lessonTime: '09:00' });
  const kolkata = new LessonSlotCalendar('Asia/Kolkata', { daysOfWeek: WEEKDAYS, lessonTime: '09:00' });

  describe('workdays', () => {
    it('puts a lesson on each workday at the lesson time, local', () => {
      expect(chicago.isWorkday('2026-03-06')).toBe(true);
      expect(chicago.isWorkday('2026-03-07')).toBe(false);
      expect(wallTime(chicago.nextSlotOnOrAfter('2026-03-06'), 'America/Chicago')).toBe('2026-03-06 09:00 CST');
    });

    it('rolls a weekend over to Monday', () => {
      expect(wallTime(chicago.nextSlotOnOrAfter('2026-03-07'), 'America/Chicago')).toBe('2026-03-09 09:00 CDT');
      expect(wallTime(chicago.nextSlotAfter('2026-03-06'), 'America/Chicago')).toBe('2026-03-09 09:00 CDT');
    });

    it('refuses a cadence without workdays, and reads lesson times written H:mm or HH:mm:ss', () => {
      expect(() => new LessonSlotCalendar('UTC', { daysOfWeek: [], lessonTime: '09:00' })).toThrow(/workday/);
      expect(() => new LessonSlotCalendar('UTC', { daysOfWeek: [8], lessonTime: '09:00' })).toThrow(/workday/);
      expect(() => new LessonSlotCalendar('UTC', { daysOfWeek: WEEKDAYS, lessonTime: '25:00' })).toThrow(/HH:mm/);
      expect(normalizeLocalTime('9:05')).toBe('09:05');
      expect(normalizeLocalTime('09:05:00')).toBe('09:05');
    });
  });

  describe('time zones', () => {
    it("lets the learner's own zone win over the cohort's", () => {
      expect(LessonSlotCalendar.zoneFor('Asia/Kolkata', 'America/Chicago')).toBe('Asia/Kolkata');
      expect(LessonSlotCalendar.zoneFor(null, 'America/Chicago')).toBe('America/Chicago');
      expect(LessonSlotCalendar.zoneFor('Mars/Olympus_Mons', 'America/Chicago')).toBe('America/Chicago');
      expect(LessonSlotCalendar.zoneFor('Mars/Olympus_Mons', 'Nowhere')).toBe('UTC');
    });

    it('gives the same 09:00 lesson at different instants in Chicago and Kolkata', () => {
      expect(chicago.slotOn('2026-03-04').toISOString()).toBe('2026-03-04T15:00:00.000Z');
      expect(kolkata.slotOn('2026-03-04').toISOString()).toBe('2026-03-04T03:30:00.000Z');
    });

    it('reads "today" in the learner\'s zone: 20:00 UTC Wednesday is already Thursday in Kolkata', () => {
      const now = at('2026-03-04T20:00:00Z');
      expect(chicago.localDate(now)).toBe('2026-03-04');
      expect(kolkata.localDate(now)).toBe('2026-03-05');
      expect(chicago.firstLessonAt(now, '2026-03-01')).toEqual(now);
      expect(kolkata.firstLessonAt(now, '2026-03-01').toISOString()).toBe('2026-03-05T03:30:00.000Z');
    });
  });

  describe('on enrollment', () => {
    it("schedules the first lesson at today's lesson time when enrolled before it", () => {
      const now = at('2026-03-04T14:00:00Z'); // 08:00 in Chicago
      expect(chicago.firstLessonAt(now, '2026-03-04').toISOString()).toBe('2026-03-04T15:00:00.000Z');
    });

    it('delivers the first lesson at once when enrolled after the lesson time on a workday', () => {
      const now = at('2026-03-04T20:00:00Z'); // 14:00 in Chicago
      expect(chicago.firstLessonAt(now, '2026-03-04')).toEqual(now);
    });

    it('waits for Monday when enrolled on a Saturday, even after the lesson time', () => {
      const now = at('2026-03-07T20:00:00Z');
      expect(wallTime(chicago.firstLessonAt(now, '2026-03-07'), 'America/Chicago')).toBe('2026-03-09 09:00 CDT');
    });

    it('waits for startsOn when it is in the future', () => {
      const now = at('2026-03-04T20:00:00Z');
      expect(wallTime(chicago.firstLessonAt(now, '2026-03-11'), 'America/Chicago')).toBe('2026-03-11 09:00 CDT');
    });

    it('never schedules a second lesson on a day that already had one', () => {
      const now = at('2026-03-04T20:00:00Z');
      expect(wallTime(chicago.firstLessonAt(now, '2026-03-01', '2026-03-04'), 'America/Chicago')).toBe(
        '2026-03-05 09:00 CST',
      );
    });
  });

  describe('daylight saving', () => {
    const newYork = new LessonSlotCalendar('America/New_York', { daysOfWeek: EVERY_DAY, lessonTime: '02:30' });

    it('moves a 02:30 slot inside the spring-forward gap to 03:00, on that day, once', () => {
      const slot = newYork.slotOn('2026-03-08');
      expect(wallTime(slot, 'America/New_York')).toBe('2026-03-08 03:00 EDT');
      expect(slot.toISOString()).toBe('2026-03-08T07:00:00.000Z');

      const planned = newYork.planLesson(slot, at('2026-03-08T07:00:30Z'));
      expect(planned.localDate).toBe('2026-03-08');
      expect(planned.dueAt).toEqual(slot);
      expect(wallTime(planned.nextAt, 'America/New_York')).toBe('2026-03-09 02:30 EDT');
    });

    it('schedules an enrollment made just before the gap for the end of the gap', () => {
      const justBefore = at('2026-03-08T06:59:00Z'); // 01:59 EST
      expect(newYork.firstLessonAt(justBefore, '2026-03-08').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    });

    it('delivers a 01:30 slot that the fall-back repeats once', () => {
      const fallBack = new LessonSlotCalendar('America/New_York', { daysOfWeek: EVERY_DAY, lessonTime: '01:30' });
      const slot = fallBack.slotOn('2026-11-01');
      expect(DateTime.fromJSDate(slot, { zone: 'America/New_York' }).toFormat('HH:mm')).toBe('01:30');

      const planned = fallBack.planLesson(slot, slot);
      expect(planned.localDate).toBe('2026-11-01');
      expect(wallTime(planned.nextAt, 'America/New_York')).toBe('2026-11-02 01:30 EST');
      expect(planned.nextAt.getTime() - slot.getTime()).toBeGreaterThan(23 * 3600_000);
    });
  });

  describe('catch-up after downtime', () => {
    it('gives one lesson today after three days of downtime, then one a workday', () => {
      const missed = chicago.slotOn('2026-03-02'); // Monday 09:00; the planner is down until Thursday 10:00
      const thursday = at('2026-03-05T16:00:00Z');
      const planned = chicago.planLesson(missed, thursday);
      expect(planned).toEqual({
        localDate: '2026-03-05',
        dueAt: thursday,
        nextAt: chicago.slotOn('2026-03-06'),
      });

      const lessonDays: string[] = [];
      let nextAt = missed;
      for (let now = thursday.getTime(); now < at('2026-03-10T00:00:00Z').getTime(); now += 60_000) {
        if (nextAt.getTime() > now) continue;
        const lesson = chicago.planLesson(nextAt, new Date(now));
        lessonDays.push(lesson.localDate);
        nextAt = lesson.nextAt;
      }
      expect(lessonDays).toEqual(['2026-03-05', '2026-03-06', '2026-03-09']);
    });

    it('keeps the slot as the due time when the planner runs late the same day', () => {
      const slot = chicago.slotOn('2026-03-04');
      const planned = chicago.planLesson(slot, at('2026-03-04T15:00:42Z'));
      expect(planned.dueAt).toEqual(slot);
      expect(planned.localDate).toBe('2026-03-04');
    });
  });

  describe('weekly prompts and leaders ahead of their team', () => {
    const mondayPrompts = new LessonSlotCalendar('America/Chicago', { daysOfWeek: [1], lessonTime: '08:30' });

    it('finds the next weekly slot strictly after an instant, across the spring-forward weekend', () => {
      expect(wallTime(mondayPrompts.slotAfter(at('2026-03-04T12:00:00Z')), 'America/Chicago')).toBe(
        '2026-03-09 08:30 CDT',
      );
      const slot = mondayPrompts.slotOn('2026-03-09');
      expect(mondayPrompts.slotAfter(new Date(slot.getTime() - 1))).toEqual(slot);
      expect(wallTime(mondayPrompts.slotAfter(slot), 'America/Chicago')).toBe('2026-03-16 08:30 CDT');
    });

    it('counts workdays back over a weekend', () => {
      expect(chicago.workdaysBefore('2026-03-09', 2)).toBe('2026-03-05');
      expect(chicago.workdaysBefore('2026-03-11', 2)).toBe('2026-03-09');
      expect(chicago.workdaysBefore('2026-03-11', 0)).toBe('2026-03-11');
    });
  });
});
