import { workdayStreak, workdayStreakWithRepairs } from './workday-streak';

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

describe('a streak repaired by the organization, one missed workday in N', () => {
  // Two weeks of workdays, Monday 2 to Friday 13 March 2026.
  const fortnight = [
    '2026-03-02',
    '2026-03-03',
    '2026-03-04',
    '2026-03-05',
    '2026-03-06',
    '2026-03-09',
    '2026-03-10',
    '2026-03-11',
    '2026-03-12',
    '2026-03-13',
  ];
  const withMissed = (...missedDays: string[]) =>
    fortnight.map((day) => (missedDays.includes(day) ? missed(day) : done(day)));

  it('survives one missed workday, which neither counts nor breaks it, and names it', () => {
    expect(workdayStreakWithRepairs(withMissed('2026-03-10'), '2026-03-13', 5)).toEqual({
      streak: 9,
      repairedDays: ['2026-03-10'],
    });
  });

  it('breaks on a second missed workday within N lesson days of the first', () => {
    // Tuesday 10 and Thursday 5 are three lesson days apart: one in five forgives only the newer.
    expect(workdayStreakWithRepairs(withMissed('2026-03-10', '2026-03-05'), '2026-03-13', 5)).toEqual({
      streak: 5,
      repairedDays: ['2026-03-10'],
    });
    // Five lesson days apart: both are forgiven.
    expect(workdayStreakWithRepairs(withMissed('2026-03-10', '2026-03-03'), '2026-03-13', 5)).toEqual({
      streak: 8,
      repairedDays: ['2026-03-10', '2026-03-03'],
    });
  });

  it('repairs nothing without the setting, and nothing for a streak that has not started', () => {
    expect(workdayStreakWithRepairs(withMissed('2026-03-10'), '2026-03-13')).toEqual({ streak: 3, repairedDays: [] });
    expect(workdayStreakWithRepairs([missed('2026-03-12')], '2026-03-13', 5)).toEqual({ streak: 0, repairedDays: [] });
  });

  it('leaves today to the learner: an unfinished today is no miss to repair', () => {
    expect(workdayStreakWithRepairs(withMissed('2026-03-13'), '2026-03-13', 5)).toEqual({
      streak: 9,
      repairedDays: [],
    });
  });
});
