import type { EntityManager } from 'typeorm';
import { DeliveryKind } from '../deliveries/delivery.entity';
import type { LessonSlotCalendar } from '../cadence/lesson-slot-calendar';

interface Competitor {
  person_id: string;
  enrollment_id: string;
  next_at: Date;
  priority: number;
}

/** A learner row the planner found due, as far as this rule needs it. */
export interface DueEnrollment {
  person_id: string;
  enrollment_id: string;
  priority: number;
}

const COMPETITORS_SQL = `
  SELECT le.person_id, le.enrollment_id, le.next_at, c.priority
  FROM scheduler.learner_enrollments le
  JOIN scheduler.enrollments e ON e.enrollment_id = le.enrollment_id
  JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
  WHERE le.person_id = ANY($1::uuid[]) AND le.status = 'ACTIVE' AND le.next_at IS NOT NULL`;

const DELIVERED_SQL = `
  SELECT person_id, enrollment_id, local_date::text AS local_date FROM scheduler.deliveries
  WHERE person_id = ANY($1::uuid[]) AND kind = '${DeliveryKind.LESSON}' AND enrollment_id IS NOT NULL
    AND local_date >= $2::date`;

/**
 * Someone in several cohorts gets at most one new lesson a day (issue: "never
 * three"): the enrollment whose cohort has the highest priority brings it
 * (ties: the lowest enrollment id, so the choice is stable), and the others
 * wait. The planner hands it only the rows of people with more than one enrollment.
 */
export class OneLessonADay {
  private constructor(
    private readonly competitors: Map<string, Competitor[]>,
    private readonly delivered: Set<string>,
  ) {}

  static async load(manager: EntityManager, due: DueEnrollment[], now: Date): Promise<OneLessonADay> {
    const ids = [...new Set(due.map((row) => row.person_id))];
    if (ids.length === 0) return new OneLessonADay(new Map(), new Set());
    // Local dates differ from UTC by at most a day either way.
    const since = new Date(now.getTime() - 2 * 24 * 60 * 60_000).toISOString().slice(0, 10);
    const [competitors, delivered]: [Competitor[], { person_id: string; enrollment_id: string; local_date: string }[]] =
      await Promise.all([manager.query(COMPETITORS_SQL, [ids]), manager.query(DELIVERED_SQL, [ids, since])]);
    const byPerson = new Map<string, Competitor[]>();
    for (const row of competitors) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row]);
    return new OneLessonADay(
      byPerson,
      new Set(delivered.map((row) => `${row.person_id}|${row.local_date}|${row.enrollment_id}`)),
    );
  }

  /**
   * Whether this enrollment's lesson waits on `localDate`: another of the
   * person's enrollments brought a lesson that day, or one of higher rank is
   * due that day (now or later) and will.
   */
  waits(row: DueEnrollment, localDate: string, calendar: LessonSlotCalendar): boolean {
    const others = (this.competitors.get(row.person_id) ?? []).filter(
      (other) => other.enrollment_id !== row.enrollment_id,
    );
    if (others.length === 0) return false;
    if (others.some((other) => this.delivered.has(`${row.person_id}|${localDate}|${other.enrollment_id}`))) return true;
    return others.some((other) => outranks(other, row) && calendar.localDate(new Date(other.next_at)) <= localDate);
  }

  /** Remembers a lesson planned in this batch, for the person's other rows in it. */
  planned(row: DueEnrollment, localDate: string): void {
    this.delivered.add(`${row.person_id}|${localDate}|${row.enrollment_id}`);
  }
}

type Ranked = Pick<DueEnrollment, 'enrollment_id' | 'priority'>;

function outranks(other: Ranked, row: Ranked): boolean {
  return other.priority > row.priority || (other.priority === row.priority && other.enrollment_id < row.enrollment_id);
}
