import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { isKnownZone, localDateOf } from '../cadence/lesson-slot-calendar';
import { Delivery, DeliveryKind } from '../deliveries/delivery.entity';
import { ProjectedPerson } from '../projections/person.entity';
import { LearnerStreaks } from '../streaks/learner-streaks';
import { Today } from './today.type';

const KIND_ORDER = `CASE delivery.kind WHEN '${DeliveryKind.LESSON}' THEN 1 WHEN '${DeliveryKind.REVIEW}' THEN 2 ELSE 3 END`;

@Injectable()
export class TodayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly streaks: LearnerStreaks,
  ) {}

  /** A person's day in their own time zone; before their profile reaches us, an empty day in UTC. */
  async today(organizationId: string, personId: string): Promise<Today> {
    const person = await this.dataSource.getRepository(ProjectedPerson).findOneBy({ organizationId, personId });
    const timezone = person && isKnownZone(person.timezone) ? person.timezone : 'UTC';
    const date = localDateOf(this.clock.now(), timezone);
    if (!person) return { date, timezone, items: [], streak: 0 };
    const [items, streaks] = await Promise.all([
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
      this.streaks.of(organizationId, [{ personId, timezone }], this.clock.now()),
    ]);
    return { date, timezone, items, streak: streaks.get(personId) ?? 0 };
  }
}
