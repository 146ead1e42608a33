/** One local day on which the learner had lessons, and whether each was done by the end of that day. */
export interface LessonDay {
  /** YYYY-MM-DD in the learner's zone. */
  localDate: string;
  doneThatDay: boolean;
}

/**
 * The streak in workdays of the learner's own calendar: the days that brought
 * lessons, newest first, each counting once when all its lessons were done
 * that same local day. Days without a lesson (weekends, holidays, pauses,
 * the service's own downtime) neither count nor break it; a lesson done late
 * breaks it; today breaks nothing while it is still under way.
 */
export function workdayStreak(days: readonly LessonDay[], today: string): number {
  let streak = 0;
  const newestFirst = [...days]
    .filter((day) => day.localDate <= today)
    .sort((a, b) => (a.localDate < b.localDate ? 1 : -1));
  for (const day of newestFirst) {
    if (day.doneThatDay) streak++;
    else if (day.localDate !== today) break;
  }
  return streak;
}
