import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { isKnownZone, localDateOf } from '../cadence/lesson-slot-calendar';
import { Delivery, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { ProjectedPerson } from '../projections/person.entity';
import { workdayStreak } from '../streaks/workday-streak';
import { Today } from './today.type';

/** How far back a streak is read: beyond two years of workdays, nobody counts. */
const STREAK_HORIZON_DAYS = 2 * 366;

const KIND_ORDER = `CASE delivery.kind WHEN '${DeliveryKind.LESSON}' THEN 1 WHEN '${DeliveryKind.REVIEW}' THEN 2 ELSE 3 END`;

@Injectable()
export class TodayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A person's day in their own time zone; before their profile reaches us, an empty day in UTC. */
  async today(organizationId: string, personId: string): Promise<Today> {
    const person = await this.dataSource.getRepository(ProjectedPerson).findOneBy({ organizationId, personId });
    const timezone = person && isKnownZone(person.timezone) ? person.timezone : 'UTC';
    const date = localDateOf(this.clock.now(), timezone);
    if (!person) return { date, timezone, items: [], streak: 0 };
    const [items, streak] = await Promise.all([
      this.dataSource
        .getRepository(Delivery)
        .createQueryBuilder('delivery')
        .where('delivery.organization_id = :organizationId AND delivery.person_id = :personId', {
          organizationId,
          personId,
        })
        .andWhere('delivery.local_date = :date', { date })
        .orderBy(KIND_ORDER)
        .addOrderBy('delivery.due_at')
        .addOrderBy('delivery.id')
        .getMany(),
      this.streak(organizationId, personId, date, timezone),
    ]);
    return { date, timezone, items, streak };
  }

  /** See `workdayStreak`; a day with two enrollments' lessons is done when both are. */
  private async streak(organizationId: string, personId: string, today: string, timezone: string): Promise<number> {
    const days: { local_date: string; done: boolean }[] = await this.dataSource.query(
      `SELECT local_date::text AS local_date,
              bool_and(status = $4 AND (completed_at AT TIME ZONE $6)::date <= local_date) AS done
       FROM scheduler.deliveries
       WHERE organization_id = $1 AND person_id = $2 AND kind = $5
         AND local_date <= $3::date AND local_date > $3::date - ${STREAK_HORIZON_DAYS}
       GROUP BY local_date`,
      [organizationId, personId, today, DeliveryStatus.COMPLETED, DeliveryKind.LESSON, timezone],
    );
    return workdayStreak(
      days.map((day) => ({ localDate: day.local_date, doneThatDay: day.done })),
      today,
    );
  }
}
