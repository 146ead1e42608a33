import { workdayStreak } from './workday-streak';

const done = (localDate: string) => ({ localDate, doneThatDay: true });
const missed = (localDate: string) => ({ localDate, doneThatDay: false });

describe('workdayStreak', () => {
  it('counts workdays with their lessons done, and a weekend without lessons does not break it', () => {
    // Thursday, Friday, then Monday.
    expect(workdayStreak([done('2026-03-05'), done('2026-03-06'), done('2026-03-09')], '2026-03-09')).toBe(3);
  });

  it('does not let today break the streak before the day is over', () => {
    expect(workdayStreak([done('2026-03-05'), done('2026-03-06'), missed('2026-03-09')], '2026-03-09')).toBe(2);
  });

  it('stops at a workday whose lesson was not done that day', () => {
    expect(
      workdayStreak([done('2026-03-05'), missed('2026-03-06'), done('2026-03-09'), done('2026-03-10')], '2026-03-10'),
    ).toBe(2);
    expect(workdayStreak([done('2026-03-05'), missed('2026-03-06')], '2026-03-09')).toBe(0);
  });

  it('ignores lesson days after today', () => {
    expect(workdayStreak([done('2026-03-05'), done('2026-03-06'), done('2026-03-12')], '2026-03-06')).toBe(2);
  });

  it('is zero without any lesson day', () => {
    expect(workdayStreak([], '2026-03-09')).toBe(0);
  });
});
