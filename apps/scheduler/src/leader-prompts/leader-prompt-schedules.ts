import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@tend/clock';
import { LessonSlotCalendars } from '../cadence/lesson-slot-calendar';
import type { LearnerScope } from '../projections/learner-enrollments';

interface PromptScheduleRow {
  id: string | null;
  enrollment_id: string;
  leader_id: string;
  starts_on: string;
  leader_timezone: string;
  cohort_timezone: string;
  prompt_day: number;
  prompt_time: string;
}

/**
 * Keeps one `leader_prompt_schedules` row per enrollment and leader of
 * someone it teaches: the leader gets a prompt a week, on the cohort's prompt
 * day and time in the leader's own zone. Like the learners' rows, a row
 * appears as soon as every projection it needs is known, whichever came last.
 */
@Injectable()
export class LeaderPromptSchedules {
  constructor(private readonly clock: Clock) {}

  /** Also wakes a row that stopped when its team had nothing left, for a new member who has. */
  async createMissing(manager: EntityManager, organizationId: string, scope: LearnerScope): Promise<number> {
    const rows: PromptScheduleRow[] = await manager.query(
      `SELECT DISTINCT NULL::uuid AS id, e.enrollment_id, member.leader_id, e.starts_on::text AS starts_on,
              leader.timezone AS leader_timezone, c.timezone AS cohort_timezone, c.prompt_day, c.prompt_time
       FROM scheduler.enrollments e
       JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
       JOIN scheduler.cohort_members m ON m.cohort_id = e.cohort_id
       JOIN scheduler.people member ON member.person_id = m.person_id
       JOIN scheduler.people leader ON leader.person_id = member.leader_id
       LEFT JOIN scheduler.leader_prompt_schedules s
         ON s.enrollment_id = e.enrollment_id AND s.leader_id = member.leader_id
       WHERE e.organization_id = $1 AND (s.id IS NULL OR s.next_at IS NULL) AND ${scopeFilter(scope)}`,
      [organizationId, scopeValue(scope)],
    );
    if (rows.length === 0) return 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO scheduler.leader_prompt_schedules (organization_id, enrollment_id, leader_id, next_at)
       SELECT $1, enrollment_id, leader_id, next_at
       FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[]) AS row(enrollment_id, leader_id, next_at)
       ON CONFLICT (enrollment_id, leader_id) DO UPDATE SET next_at = excluded.next_at, updated_at = now()
         WHERE leader_prompt_schedules.next_at IS NULL
       RETURNING id`,
      [organizationId, rows.map((row) => row.enrollment_id), rows.map((row) => row.leader_id), this.firstPrompts(rows)],
    );
    return inserted.length;
  }

  /** Moves pending prompts in scope onto the cohort's current prompt day and the leader's current zone. */
  async reschedule(manager: EntityManager, organizationId: string, scope: LearnerScope): Promise<number> {
    const rows: PromptScheduleRow[] = await manager.query(
      `SELECT s.id, s.enrollment_id, s.leader_id, e.starts_on::text AS starts_on,
              leader.timezone AS leader_timezone, c.timezone AS cohort_timezone, c.prompt_day, c.prompt_time
       FROM scheduler.leader_prompt_schedules s
       JOIN scheduler.enrollments e ON e.enrollment_id = s.enrollment_id
       JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
       JOIN scheduler.people leader ON leader.person_id = s.leader_id
       WHERE s.organization_id = $1 AND s.next_at IS NOT NULL
         AND ${'cohortId' in scope ? 'e.cohort_id = $2' : 's.leader_id = $2'}
       FOR UPDATE OF s`,
      [organizationId, scopeValue(scope)],
    );
    if (rows.length === 0) return 0;
    await manager.query(
      // A prompt already due stays due: the change applies from the next one.
      `UPDATE scheduler.leader_prompt_schedules s
       SET next_at = CASE WHEN s.next_at <= $3 THEN s.next_at ELSE row.next_at END, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[]) AS row(id, next_at)
       WHERE s.id = row.id`,
      [rows.map((row) => row.id), this.firstPrompts(rows), this.clock.now().toISOString()],
    );
    return rows.length;
  }

  /** The first prompt slot after now and on or after the enrollment's start; a day's prompt is written once anyway. */
  private firstPrompts(rows: PromptScheduleRow[]): string[] {
    const now = this.clock.now();
    const calendars = new LessonSlotCalendars();
    return rows.map((row) => {
      const calendar = calendars.for(row.leader_timezone, row.cohort_timezone, {
        daysOfWeek: [row.prompt_day],
        lessonTime: row.prompt_time,
      });
      const first =
        row.starts_on > calendar.localDate(now) ? calendar.nextSlotOnOrAfter(row.starts_on) : calendar.slotAfter(now);
      return first.toISOString();
    });
  }
}

/** A person scope matches the leader as well as their people, so a leader who arrives last still gets a row. */
function scopeFilter(scope: LearnerScope): string {
  return 'cohortId' in scope ? 'e.cohort_id = $2' : '(member.person_id = $2 OR member.leader_id = $2)';
}

function scopeValue(scope: LearnerScope): string {
  return 'cohortId' in scope ? scope.cohortId : scope.personId;
}
