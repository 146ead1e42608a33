/** One local day on which the learner had lessons, and whether each was done by the end of that day. */
export interface LessonDay {
  /** YYYY-MM-DD in the learner's zone. */
  localDate: string;
  doneThatDay: boolean;
}

/**
 * The organization's streak repair: a streak survives one missed workday in `oneIn`, counted in
 * lesson days; null, the default, lets any missed workday break it.
 */
export type StreakRepairOneIn = number | null;

export interface WorkdayStreak {
  streak: number;
  /** The missed workdays the streak survived by the organization's repair, newest first. */
  repairedDays: string[];
}

/**
 * The streak in workdays of the learner's own calendar: the days that brought
 * lessons, newest first, each counting once when all its lessons were done
 * that same local day. Days without a lesson (weekends, holidays, pauses,
 * the service's own downtime) neither count nor break it; a lesson done late
 * breaks it; today breaks nothing while it is still under way. With a repair
 * of one in N, a missed workday neither counts nor breaks it either, as long
 * as the missed workday repaired before it (newer) lies at least N lesson days away.
 */
export function workdayStreakWithRepairs(
  days: readonly LessonDay[],
  today: string,
  repairOneIn: StreakRepairOneIn = null,
): WorkdayStreak {
  let streak = 0;
  const repairedDays: string[] = [];
  let lastRepairAt = -Infinity;
  const newestFirst = [...days]
    .filter((day) => day.localDate <= today)
    .sort((a, b) => (a.localDate < b.localDate ? 1 : -1));
  for (const [position, day] of newestFirst.entries()) {
    if (day.doneThatDay) streak++;
    else if (day.localDate === today) continue;
    else if (repairOneIn !== null && position - lastRepairAt >= repairOneIn) {
      lastRepairAt = position;
      repairedDays.push(day.localDate);
    } else break;
  }
  return { streak, repairedDays: streak > 0 ? repairedDays : [] };
}

/** The streak alone (see `workdayStreakWithRepairs`). */
export function workdayStreak(
  days: readonly LessonDay[],
  today: string,
  repairOneIn: StreakRepairOneIn = null,
): number {
  return workdayStreakWithRepairs(days, today, repairOneIn).streak;
}
