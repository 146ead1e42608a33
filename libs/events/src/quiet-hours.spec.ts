import { withinQuietHours } from './quiet-hours';

describe('quiet hours', () => {
  it('span midnight when they end before they start', () => {
    const night = { start: '21:00', end: '07:00' };
    expect(['21:00', '23:30', '00:00', '06:59'].map((time) => withinQuietHours(time, night))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['07:00', '09:00', '20:59'].map((time) => withinQuietHours(time, night))).toEqual([false, false, false]);
  });

  it('hold within one day otherwise', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(withinQuietHours('12:45', lunch)).toBe(true);
    expect(withinQuietHours('13:30', lunch)).toBe(false);
    expect(withinQuietHours('11:59', lunch)).toBe(false);
  });
});
