import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { localDateOf } from '../cadence/lesson-slot-calendar';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { WorkdayStreak, workdayStreakWithRepairs } from './workday-streak';

/** How far back a streak is read: beyond two years of workdays, nobody counts. */
export const STREAK_HORIZON_DAYS = 2 * 366;

export interface StreakHolder {
  personId: string;
  /** IANA zone the person's days are counted in. */
  timezone: string;
}

/** The organization's streak repair (`SchedulerSettings.streakRepairOneIn`) as a scalar subquery; null while off. */
export function streakRepairSql(organizationId: string): string {
  return `(SELECT settings.streak_repair_one_in FROM scheduler.scheduler_settings settings
            WHERE settings.organization_id = ${organizationId})`;
}

/** Streaks of many people in one query, each in their own calendar (see `workdayStreak`). */
@Injectable()
export class LearnerStreaks {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Each person's streak at `now`, with the organization's streak repair; a day with two enrollments'
   * lessons is done when both are.
   */
  async of(organizationId: string, people: readonly StreakHolder[], now: Date): Promise<Map<string, number>> {
    const detailed = await this.withRepairs(organizationId, people, now);
    return new Map([...detailed].map(([personId, { streak }]) => [personId, streak]));
  }

  /** Each person's streak at `now` and the missed workdays the organization's streak repair let it survive. */
  async withRepairs(
    organizationId: string,
    people: readonly StreakHolder[],
    now: Date,
  ): Promise<Map<string, WorkdayStreak>> {
    const streaks = new Map<string, WorkdayStreak>(
      people.map((person) => [person.personId, { streak: 0, repairedDays: [] }]),
    );
    if (people.length === 0) return streaks;
    const todays = new Map(people.map((person) => [person.personId, localDateOf(now, person.timezone)]));
    const earliestToday = [...todays.values()].sort()[0];
    const days: { person_id: string; local_date: string; done: boolean; repair_one_in: number | null }[] =
      await this.dataSource.query(
        `SELECT delivery.person_id, delivery.local_date::text AS local_date,
              bool_and(delivery.status = $4 AND (delivery.completed_at AT TIME ZONE holder.zone)::date <= delivery.local_date) AS done,
              ${streakRepairSql('$1')} AS repair_one_in
       FROM unnest($2::uuid[], $3::text[]) AS holder (person_id, zone)
       JOIN scheduler.deliveries delivery ON delivery.person_id = holder.person_id
       WHERE delivery.organization_id = $1 AND delivery.kind = $5
         AND delivery.local_date > $6::date - ${STREAK_HORIZON_DAYS}
       GROUP BY delivery.person_id, delivery.local_date`,
        [
          organizationId,
          people.map((person) => person.personId),
          people.map((person) => person.timezone),
          DeliveryStatus.COMPLETED,
          DeliveryKind.LESSON,
          earliestToday,
        ],
      );
    const repairOneIn = days[0]?.repair_one_in ?? null;
    for (const person of people) {
      const own = days.filter((day) => day.person_id === person.personId);
      streaks.set(
        person.personId,
        workdayStreakWithRepairs(
          own.map((day) => ({ localDate: day.local_date, doneThatDay: day.done })),
          todays.get(person.personId) as string,
          repairOneIn,
        ),
      );
    }
    return streaks;
  }
}
