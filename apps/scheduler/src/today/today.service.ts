import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestContext } from '@tend/auth';
import { Clock } from '@tend/clock';
import { entityFromJsonRow } from '@tend/database';
import { isKnownZone, localDateOf } from '../cadence/lesson-slot-calendar';
import { Delivery, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { DeliveryService } from '../deliveries/delivery.service';
import { LESSON_TEXT_JSON, LessonText } from '../deliveries/lesson-texts';
import { ProjectedPerson } from '../projections/person.entity';
import { LearnerStreaks, STREAK_HORIZON_DAYS, streakRepairSql } from '../streaks/learner-streaks';
import { LessonDay, workdayStreakWithRepairs } from '../streaks/workday-streak';
import { ReviewService } from '../reviews/review.service';
import { StreakRepair, Today } from './today.type';

const KIND_ORDER: Record<string, number> = { [DeliveryKind.LESSON]: 1, [DeliveryKind.REVIEW]: 2 };

/**
 * A person's day in one statement: their profile, their deliveries of the three local dates
 * their today can be (the person's zone, read in the same statement, decides which), the texts
 * of those deliveries' lessons, and their lesson days for the streak, as `LearnerStreaks` counts them.
 */
const TODAY_STATEMENT = `
  SELECT person.timezone, person.locale, days.deliveries,
    (SELECT coalesce(json_agg(${LESSON_TEXT_JSON}), '[]')
       FROM scheduler.track_lessons tl
      WHERE tl.organization_id = person.organization_id AND tl.lesson_id = ANY(days.lesson_ids)) AS lesson_texts,
    (SELECT coalesce(json_agg(json_build_object('localDate', day.local_date, 'doneThatDay', day.done)), '[]')
       FROM (SELECT delivery.local_date::text AS local_date,
                    bool_and(delivery.status = $5 AND (delivery.completed_at AT TIME ZONE person.timezone)::date <= delivery.local_date) AS done
               FROM scheduler.deliveries delivery
              WHERE delivery.organization_id = person.organization_id AND delivery.person_id = person.person_id
                AND delivery.kind = $6
                AND delivery.local_date > ($4::timestamptz AT TIME ZONE person.timezone)::date - ${STREAK_HORIZON_DAYS}
              GROUP BY delivery.local_date) day) AS lesson_days,
    ${streakRepairSql('person.organization_id')} AS streak_repair_one_in
  FROM scheduler.people person
  CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(row_to_json(delivery)), '[]') AS deliveries,
           array_agg(DISTINCT delivery.lesson_id) FILTER (WHERE delivery.lesson_id IS NOT NULL) AS lesson_ids
      FROM scheduler.deliveries delivery
     WHERE delivery.organization_id = person.organization_id AND delivery.person_id = person.person_id
       AND delivery.local_date BETWEEN $3::date - 1 AND $3::date + 1) days
  WHERE person.organization_id = $1 AND person.person_id = $2`;

interface TodayRow {
  timezone: string;
  locale: string;
  deliveries: Record<string, unknown>[];
  lesson_texts: LessonText[];
  lesson_days: LessonDay[];
  streak_repair_one_in: number | null;
}

/** Postgres's refusal of a time zone it does not know (`AT TIME ZONE`). */
const INVALID_PARAMETER_VALUE = '22023';

@Injectable()
export class TodayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly streaks: LearnerStreaks,
    private readonly deliveries: DeliveryService,
    private readonly reviews: ReviewService,
  ) {}

  /** A person's day in their own time zone; before their profile reaches us, an empty day in UTC. */
  async today(organizationId: string, personId: string, context: RequestContext): Promise<Today> {
    const now = this.clock.now();
    let row: TodayRow | undefined;
    try {
      [row] = (await this.dataSource.query(TODAY_STATEMENT, [
        organizationId,
        personId,
        now.toISOString().slice(0, 10),
        now,
        DeliveryStatus.COMPLETED,
        DeliveryKind.LESSON,
      ])) as TodayRow[];
    } catch (error) {
      if ((error as { code?: unknown }).code !== INVALID_PARAMETER_VALUE) throw error;
      return this.inUtcForUnknownZone(organizationId, personId, now);
    }
    if (!row) return { date: localDateOf(now, 'UTC'), timezone: 'UTC', items: [], streak: 0, streakRepair: null };
    if (!isKnownZone(row.timezone)) return this.inUtcForUnknownZone(organizationId, personId, now);
    // The delivery's `lesson` reads its person's locale and its text; this request has them already.
    const loaders = this.deliveries.loadersFor(context);
    loaders.localeByPerson.prime(personId, row.locale);
    for (const text of row.lesson_texts) loaders.lessonTextById.prime(text.lessonId, text);
    const date = localDateOf(now, row.timezone);
    const items = row.deliveries
      .map((json) => entityFromJsonRow(this.dataSource, Delivery, json))
      .filter((delivery) => delivery.localDate === date)
      .sort(
        (a, b) =>
          (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) ||
          a.dueAt.getTime() - b.dueAt.getTime() ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
    const { streak, repairedDays } = workdayStreakWithRepairs(row.lesson_days, date, row.streak_repair_one_in);
    return {
      date,
      timezone: row.timezone,
      items,
      streak,
      streakRepair: streakRepairOf(row.streak_repair_one_in, repairedDays),
    };
  }

  /**
   * A profile whose zone this process or Postgres does not know (a zone newer than one of their
   * time zone databases): the day is read in UTC, as the planner plans it, step by step.
   */
  private async inUtcForUnknownZone(organizationId: string, personId: string, now: Date): Promise<Today> {
    const date = localDateOf(now, 'UTC');
    const person = await this.dataSource.getRepository(ProjectedPerson).findOneBy({ organizationId, personId });
    if (!person) return { date, timezone: 'UTC', items: [], streak: 0, streakRepair: null };
    const [items, streaks, settings] = await Promise.all([
      this.dataSource.getRepository(Delivery).find({
        where: { organizationId, personId, localDate: date },
        order: { dueAt: 'ASC', id: 'ASC' },
      }),
      this.streaks.withRepairs(organizationId, [{ personId, timezone: 'UTC' }], now),
      this.reviews.settings(organizationId),
    ]);
    items.sort((a, b) => (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3));
    const { streak, repairedDays } = streaks.get(personId) ?? { streak: 0, repairedDays: [] };
    return {
      date,
      timezone: 'UTC',
      items,
      streak,
      streakRepair: streakRepairOf(settings.streakRepairOneIn, repairedDays),
    };
  }
}

function streakRepairOf(oneIn: number | null, repairedDays: string[]): StreakRepair | null {
  return oneIn === null ? null : { oneIn, repairedDays };
}
