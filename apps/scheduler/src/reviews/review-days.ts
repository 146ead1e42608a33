import type { EntityManager } from 'typeorm';
import { NamedStatement } from '@tend/database';
import { CohortCadenceRow, LessonSlotCalendars, lessonCadenceOf } from '../cadence/lesson-slot-calendar';
import { BundleDay, writeReviewBundles } from './review-bundle';

interface FinishedLearnerRow extends CohortCadenceRow {
  organization_id: string;
  person_id: string;
  person_timezone: string;
  cohort_timezone: string;
}

/**
 * The longest a cadence leaves between two bundles (one workday a week), and a day more: a card due
 * within it may join today's bundle, so its learner is worth a look.
 */
const LOOK_AHEAD_MS = 8 * 24 * 60 * 60_000;

/**
 * Learners past the last lesson of every track they are on, with a card or missed question due
 * soon: they have no lesson to plan their reviews with, so these are planned on their own, on the
 * workdays of their latest cohort at its lesson time. A paused enrollment keeps its learner out
 * (they asked for a break); one with lessons ahead plans their reviews with its lessons.
 */
const FINISHED_LEARNERS = new NamedStatement<
  { after: string | null; lookAhead: string; limit: number },
  FinishedLearnerRow
>(
  `
  SELECT DISTINCT ON (le.person_id) le.organization_id, le.person_id, p.timezone AS person_timezone,
         c.timezone AS cohort_timezone, c.days_of_week, c.lesson_time, c.holidays, c.quiet_start, c.quiet_end
    FROM scheduler.learner_enrollments le
    JOIN scheduler.people p ON p.person_id = le.person_id AND p.active
    JOIN scheduler.enrollments e ON e.enrollment_id = le.enrollment_id
    JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
   WHERE le.next_at IS NULL AND le.status IN ('ACTIVE', 'COMPLETED')
     AND ($after::uuid IS NULL OR le.person_id > $after::uuid)
     AND NOT EXISTS (
       SELECT 1 FROM scheduler.learner_enrollments other
        WHERE other.person_id = le.person_id
          AND (other.status = 'PAUSED' OR (other.status = 'ACTIVE' AND other.next_at IS NOT NULL)))
     AND EXISTS (SELECT 1 FROM scheduler.card_states cs WHERE cs.person_id = le.person_id AND cs.due < $lookAhead)
   ORDER BY le.person_id, le.updated_at DESC
   LIMIT $limit`,
  ['after', 'lookAhead', 'limit'],
);

/**
 * One page of finished learners, after `after` in person order: today's review bundle for each
 * whose workday's lesson time has passed (docs/ARCHITECTURE.md "Spaced reviews"). The bundle's
 * own rules (the cap, one review of a card a day) make planning a day twice harmless.
 */
export async function planReviewDays(
  manager: EntityManager,
  now: Date,
  calendars: LessonSlotCalendars,
  after: string | null,
  limit: number,
): Promise<{ last: string | null; found: number; reviews: number }> {
  const rows = await FINISHED_LEARNERS.run(manager, {
    after,
    lookAhead: new Date(now.getTime() + LOOK_AHEAD_MS).toISOString(),
    limit,
  });
  const days: BundleDay[] = [];
  for (const row of rows) {
    const calendar = calendars.for(row.person_timezone, row.cohort_timezone, lessonCadenceOf(row));
    const today = calendar.localDate(now);
    if (!calendar.isWorkday(today)) continue;
    const dueAt = calendar.slotOn(today);
    if (dueAt > now) continue;
    days.push({
      organizationId: row.organization_id,
      personId: row.person_id,
      localDate: today,
      dueAt,
      nextBundleAt: calendar.nextSlotAfter(today),
    });
  }
  const reviews = await writeReviewBundles(manager, days, [], now);
  return { last: rows.at(-1)?.person_id ?? null, found: rows.length, reviews };
}
