import { DateTime } from 'luxon';
import { LessonSlotCalendar } from './lesson-slot-calendar';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const wall = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');

/**
 * Each zone's 2026 transitions: a lesson time inside the spring-forward gap
 * arrives once that day at the first valid minute; one inside the fall-back
 * overlap arrives once, at its first occurrence. Lord Howe moves by 30 minutes.
 */
const ZONES = [
  {
    zone: 'America/New_York',
    gap: { date: '2026-03-08', time: '02:30', arrives: '03:00' },
    overlap: { date: '2026-11-01', time: '01:30' },
  },
  {
    zone: 'Europe/London',
    gap: { date: '2026-03-29', time: '01:15', arrives: '02:00' },
    overlap: { date: '2026-10-25', time: '01:15' },
  },
  {
    zone: 'Australia/Lord_Howe',
    // Clocks go from 02:00 to 02:30 on 4 October and from 02:00 back to 01:30 on 5 April.
    gap: { date: '2026-10-04', time: '02:10', arrives: '02:30' },
    overlap: { date: '2026-04-05', time: '01:45' },
  },
];

/** Plans lessons day after day as the planner would, from `from` for `days` days; returns their local wall times. */
function planDays(calendar: LessonSlotCalendar, from: string, days: number): string[] {
  let next = calendar.firstLessonAt(DateTime.fromISO(`${from}T00:00`, { zone: calendar.zone }).toJSDate(), from);
  const delivered: string[] = [];
  for (let day = 0; day < days; day++) {
    const planned = calendar.planLesson(next, next);
    delivered.push(wall(planned.dueAt, calendar.zone));
    next = planned.nextAt;
  }
  return delivered;
}

describe.each(ZONES)('daylight saving in $zone', ({ zone, gap, overlap }) => {
  it(`delivers a ${gap.time} lesson in the spring-forward gap once, at ${gap.arrives}, on ${gap.date}`, () => {
    const calendar = new LessonSlotCalendar(zone, { daysOfWeek: EVERY_DAY, lessonTime: gap.time });
    const dayBefore = DateTime.fromISO(gap.date).minus({ days: 1 }).toISODate() as string;
    const delivered = planDays(calendar, dayBefore, 3);
    expect(delivered.map((slot) => slot.slice(0, 10))).toEqual([
      dayBefore,
      gap.date,
      DateTime.fromISO(gap.date).plus({ days: 1 }).toISODate(),
    ]);
    expect(delivered[1]).toBe(`${gap.date} ${gap.arrives}`);
    expect(delivered[2].slice(11)).toBe(gap.time);
  });

  it(`delivers a ${overlap.time} lesson in the fall-back overlap once on ${overlap.date}`, () => {
    const calendar = new LessonSlotCalendar(zone, { daysOfWeek: EVERY_DAY, lessonTime: overlap.time });
    const dayBefore = DateTime.fromISO(overlap.date).minus({ days: 1 }).toISODate() as string;
    const delivered = planDays(calendar, dayBefore, 3);
    expect(delivered).toEqual([
      `${dayBefore} ${overlap.time}`,
      `${overlap.date} ${overlap.time}`,
      `${DateTime.fromISO(overlap.date).plus({ days: 1 }).toISODate()} ${overlap.time}`,
    ]);
  });
});

describe('a zone without daylight saving (Asia/Kolkata)', () => {
  it('keeps the lesson at the same instant of day all year, once a day', () => {
    const calendar = new LessonSlotCalendar('Asia/Kolkata', { daysOfWeek: EVERY_DAY, lessonTime: '02:30' });
    // Across the dates other zones shift on.
    for (const date of ['2026-03-08', '2026-03-29', '2026-10-04', '2026-10-25', '2026-11-01']) {
      const slot = calendar.slotOn(date);
      expect(slot.toISOString()).toBe(`${DateTime.fromISO(date).minus({ days: 1 }).toISODate()}T21:00:00.000Z`);
    }
    expect(planDays(calendar, '2026-03-07', 3)).toEqual(['2026-03-07 02:30', '2026-03-08 02:30', '2026-03-09 02:30']);
  });
});
