import { isCalendarDate, localDate } from './local-date';

describe('localDate', () => {
  const instant = new Date('2026-12-01T03:00:00Z');

  it('reads the date on the zone’s calendar, not UTC’s', () => {
    expect(localDate(instant, 'UTC')).toBe('2026-12-01');
    expect(localDate(instant, 'America/Chicago')).toBe('2026-11-30');
    expect(localDate(new Date('2026-12-01T20:00:00Z'), 'Pacific/Auckland')).toBe('2026-12-02');
  });

  it('follows daylight saving time', () => {
    // 05:30 UTC is 00:30 CDT on 8 March 2026 (after the spring-forward), but 23:30 CST the day before it.
    expect(localDate(new Date('2026-03-08T05:30:00Z'), 'America/Chicago')).toBe('2026-03-07');
    expect(localDate(new Date('2026-03-09T05:30:00Z'), 'America/Chicago')).toBe('2026-03-09');
  });

  it('fails loudly on a zone it cannot use', () => {
    expect(() => localDate(instant, 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-12-01', '2028-02-29'])('accepts %s', (value) => expect(isCalendarDate(value)).toBe(true));

  it.each(['2027-13-01', '2027-02-30', '2026-02-29', '20270101', '2027-1-01', '2027-01-01T00:00', ''])(
    'refuses %j',
    (value) => expect(isCalendarDate(value)).toBe(false),
  );
});
