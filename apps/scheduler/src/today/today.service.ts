import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { isKnownZone, localDateOf } from '../cadence/lesson-slot-calendar';
import { Delivery, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { ProjectedPerson } from '../projections/person.entity';
import { Today } from './today.type';

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
      this.streak(organizationId, personId, date),
    ]);
    return { date, timezone, items, streak };
  }

  /**
   * Lessons completed in a row, newest first, stopping at the first one that
   * was not. Today's lesson counts once it is completed; until then it does
   * not break the streak.
   */
  private async streak(organizationId: string, personId: string, today: string): Promise<number> {
    const [row]: { streak: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS streak FROM (
         SELECT bool_or(status <> $4) OVER (ORDER BY local_date DESC, due_at DESC, id DESC) AS broken
         FROM scheduler.deliveries
         WHERE organization_id = $1 AND person_id = $2 AND kind = $5 AND local_date <= $3
           AND NOT (local_date = $3 AND status <> $4)
       ) lessons
       WHERE NOT broken`,
      [organizationId, personId, today, DeliveryStatus.COMPLETED, DeliveryKind.LESSON],
    );
    return row.streak;
  }
}
