import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@tend/clock';
import { CohortCadenceRow, lessonCadenceOf, LessonSlotCalendars } from '../cadence/lesson-slot-calendar';
import { DEFAULT_LEADER_LEAD_DAYS } from '../reviews/scheduler-settings.entity';

/** Which learner enrollments an event touches. */
export type LearnerScope = { cohortId: string } | { personId: string };

interface ScheduleRow extends CohortCadenceRow {
  id: string | null;
  enrollment_id: string;
  person_id: string;
  starts_on: string;
  person_timezone: string;
  cohort_timezone: string;
  delivered_through: string | null;
  /** Workdays the person takes each lesson ahead of the cohort: a leader's lead, else 0. */
  lead_days: number;
}

/**
 * A member who leads someone in the same cohort, or has the LEADER role,
 * learns first, by the organization's lead (docs/ARCHITECTURE.md#scheduling, "The leader learns first").
 */
const LEAD_DAYS_SQL = `
  CASE WHEN p.role = 'LEADER' OR EXISTS (
    SELECT 1 FROM scheduler.cohort_members tm JOIN scheduler.people r ON r.person_id = tm.person_id
    WHERE tm.cohort_id = e.cohort_id AND r.leader_id = p.person_id
  )
  THEN COALESCE(
    (SELECT st.leader_lead_days FROM scheduler.scheduler_settings st WHERE st.organization_id = e.organization_id),
    ${DEFAULT_LEADER_LEAD_DAYS}
  )
  ELSE 0 END`;

/**
 * Keeps `learner_enrollments` in step with the projections. Events arrive in
 * any order (a cohort's members before its people, an enrollment before its
 * cohort), so every projection change calls `createMissing`: a learner row
 * appears as soon as the enrollment, the cohort, the membership and the
 * person are all known, whichever came last.
 */
@Injectable()
export class LearnerEnrollments {
  constructor(private readonly clock: Clock) {}

  /**
   * Creates the learner rows that became possible; returns how many. Every member role takes the
   * lessons. The leaders' weekly prompt rows are `LeaderPromptSchedules`'s, which the event
   * handlers call beside this (`events/enrollment-schedules.ts`).
   */
  async createMissing(manager: EntityManager, organizationId: string, scope: LearnerScope): Promise<number> {
    const [filter, value] = scopeFilter(scope);
    const rows: ScheduleRow[] = await manager.query(
      `SELECT NULL AS id, e.enrollment_id, m.person_id, e.starts_on::text AS starts_on,
              p.timezone AS person_timezone, c.timezone AS cohort_timezone, c.days_of_week, c.lesson_time, c.holidays, c.quiet_start, c.quiet_end,
              NULL AS delivered_through, ${LEAD_DAYS_SQL} AS lead_days
       FROM scheduler.enrollments e
       JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
       JOIN scheduler.cohort_members m ON m.cohort_id = e.cohort_id
       JOIN scheduler.people p ON p.person_id = m.person_id
       LEFT JOIN scheduler.learner_enrollments le ON le.enrollment_id = e.enrollment_id AND le.person_id = m.person_id
       WHERE e.organization_id = $1 AND le.id IS NULL AND ${filter} = $2`,
      [organizationId, value],
    );
    if (rows.length === 0) return 0;
    const nextAts = this.firstLessons(rows);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO scheduler.learner_enrollments (organization_id, enrollment_id, person_id, next_position, next_at)
       SELECT $1, enrollment_id, person_id, 1, next_at
       FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[]) AS row(enrollment_id, person_id, next_at)
       ON CONFLICT (enrollment_id, person_id) DO NOTHING
       RETURNING id`,
      [organizationId, rows.map((row) => row.enrollment_id), rows.map((row) => row.person_id), nextAts],
    );
    return inserted.length;
  }

  /**
   * Moves the pending lessons in scope onto the current cadence and zone,
   * after a person's time zone or a cohort's cadence changed. A day that
   * already had its lesson does not get another one.
   */
  async reschedule(manager: EntityManager, organizationId: string, scope: LearnerScope): Promise<number> {
    const [filter, value] = scopeFilter(scope);
    const rows: ScheduleRow[] = await manager.query(
      `SELECT le.id, le.enrollment_id, le.person_id, e.starts_on::text AS starts_on,
              p.timezone AS person_timezone, c.timezone AS cohort_timezone, c.days_of_week, c.lesson_time, c.holidays, c.quiet_start, c.quiet_end,
              (SELECT max(d.local_date)::text FROM scheduler.deliveries d
               WHERE d.organization_id = le.organization_id AND d.person_id = le.person_id
                 AND d.enrollment_id = le.enrollment_id AND d.kind = 'LESSON') AS delivered_through,
              ${LEAD_DAYS_SQL} AS lead_days
       FROM scheduler.learner_enrollments le
       JOIN scheduler.enrollments e ON e.enrollment_id = le.enrollment_id
       JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
       JOIN scheduler.people p ON p.person_id = le.person_id
       JOIN scheduler.cohort_members m ON m.cohort_id = e.cohort_id AND m.person_id = le.person_id
       WHERE le.organization_id = $1 AND le.next_at IS NOT NULL AND ${filter} = $2
       FOR UPDATE OF le`,
      [organizationId, value],
    );
    if (rows.length === 0) return 0;
    await manager.query(
      `UPDATE scheduler.learner_enrollments le SET next_at = row.next_at, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[]) AS row(id, next_at)
       WHERE le.id = row.id`,
      [rows.map((row) => row.id), this.firstLessons(rows)],
    );
    return rows.length;
  }

  private firstLessons(rows: ScheduleRow[]): string[] {
    const now = this.clock.now();
    const calendars = new LessonSlotCalendars();
    return rows.map((row) => {
      const calendar = calendars.for(row.person_timezone, row.cohort_timezone, lessonCadenceOf(row));
      const startsOn = calendar.workdaysBefore(row.starts_on, row.lead_days);
      return calendar.firstLessonAt(now, startsOn, row.delivered_through).toISOString();
    });
  }
}

function scopeFilter(scope: LearnerScope): [string, string] {
  return 'cohortId' in scope ? ['e.cohort_id', scope.cohortId] : ['m.person_id', scope.personId];
}
