import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Principal, RequestContext, requestScoped, Role } from '@tend/auth';
import { Clock, isKnownZone } from '@tend/clock';
import { callerOf } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { ReviewRating } from '../reviews/review-scheduler';
import { reportsSql } from '../projections/reporting-lines';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';
import { LearnerStreaks } from '../streaks/learner-streaks';

interface ProgressFigures {
  person_id: string;
  lessons_due: number;
  lessons_completed: number;
  reviews_rated: number;
  reviews_recalled: number;
  open_moments: number;
}

/** Where a person is on their tracks, as a leader reads it; null for whom the caller may not see. */
export interface Progress {
  /** The lesson of their latest lesson delivery that is due, and its title in the track's default locale. */
  currentLesson: { id: string; title: string } | null;
  streak: number;
  /** Over the last `PROGRESS_WINDOW_DAYS`: lessons due and done, reviews rated and recalled. */
  lessonsDue: number;
  lessonsCompleted: number;
  reviewsRated: number;
  reviewsRecalled: number;
  /** Redirections logged about them whose follow-up lesson is not done yet. */
  openCoachingMoments: number;
}

/** Completion and recall read over the last four weeks: recent enough to act on, long enough to mean something. */
export const PROGRESS_WINDOW_DAYS = 28;

/**
 * A person's progress for whoever reached them through the graph (a leader's
 * `myTeam`, `people`, a delivery's person). Progress is shown to the person,
 * to the leaders they report to, directly or not, to admins, and to API
 * clients holding `progress:read`; to anyone else it is null.
 */
@Injectable()
export class TeamProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly streaks: LearnerStreaks,
    private readonly clock: Clock,
  ) {}

  /** One loader per request: a page of people costs four queries, whatever its size. */
  progressOf(context: RequestContext, personId: string): Promise<Progress | null> {
    return requestScoped(
      context,
      'team-progress',
      () => new DataLoader((ids: readonly string[]) => this.load(context, ids)),
    ).load(personId);
  }

  private async load(context: RequestContext, ids: readonly string[]): Promise<(Progress | null)[]> {
    const { organizationId } = callerOf(context);
    const visible = await this.visibleAmong(organizationId, context.principal, [...ids]);
    const people: { person_id: string; timezone: string; lesson_id: string | null; lesson_title: string | null }[] =
      await this.dataSource.query(
        `SELECT person.person_id, person.timezone, latest.lesson_id, lesson.title AS lesson_title
         FROM "${SCHEDULER_SCHEMA}".people person
         LEFT JOIN LATERAL (
           SELECT delivery.lesson_id FROM "${SCHEDULER_SCHEMA}".deliveries delivery
           WHERE delivery.organization_id = person.organization_id AND delivery.person_id = person.person_id
             AND delivery.kind = $3 AND delivery.due_at <= $4
           ORDER BY delivery.due_at DESC, delivery.id DESC LIMIT 1
         ) latest ON true
         LEFT JOIN "${SCHEDULER_SCHEMA}".track_lessons lesson
           ON lesson.organization_id = person.organization_id AND lesson.lesson_id = latest.lesson_id
         WHERE person.organization_id = $1 AND person.person_id = ANY($2::uuid[])`,
      [organizationId, [...visible], DeliveryKind.LESSON, this.clock.now()],
    );
    const streaks = await this.streaks.of(
      organizationId,
      people.map((person) => ({
        personId: person.person_id,
        timezone: isKnownZone(person.timezone) ? person.timezone : 'UTC',
      })),
      this.clock.now(),
    );
    const figures = await this.figures(organizationId, [...visible]);
    const byId = new Map(people.map((person) => [person.person_id, person]));
    return ids.map((id) => {
      if (!visible.has(id)) return null;
      const figure = figures.get(id);
      const person = byId.get(id);
      return {
        currentLesson:
          person?.lesson_id && person.lesson_title !== null ? { id: person.lesson_id, title: person.lesson_title } : null,
        streak: streaks.get(id) ?? 0,
        lessonsDue: figure?.lessons_due ?? 0,
        lessonsCompleted: figure?.lessons_completed ?? 0,
        reviewsRated: figure?.reviews_rated ?? 0,
        reviewsRecalled: figure?.reviews_recalled ?? 0,
        openCoachingMoments: figure?.open_moments ?? 0,
      };
    });
  }

  /** One statement for the page: each person's lessons and reviews of the window, and open redirections. */
  private async figures(organizationId: string, ids: string[]): Promise<Map<string, ProgressFigures>> {
    if (ids.length === 0) return new Map();
    const now = this.clock.now();
    const since = new Date(now.getTime() - PROGRESS_WINDOW_DAYS * 24 * 60 * 60_000);
    const rows: ProgressFigures[] = await this.dataSource.query(
      `SELECT person.person_id,
              COALESCE(work.lessons_due, 0) AS lessons_due, COALESCE(work.lessons_completed, 0) AS lessons_completed,
              COALESCE(work.reviews_rated, 0) AS reviews_rated, COALESCE(work.reviews_recalled, 0) AS reviews_recalled,
              COALESCE(moments.open_moments, 0) AS open_moments
       FROM unnest($2::uuid[]) AS person(person_id)
       LEFT JOIN (
         SELECT d.person_id,
                count(*) FILTER (WHERE d.kind = '${DeliveryKind.LESSON}')::int AS lessons_due,
                count(*) FILTER (WHERE d.kind = '${DeliveryKind.LESSON}' AND d.status = '${DeliveryStatus.COMPLETED}')::int
                  AS lessons_completed,
                count(*) FILTER (WHERE d.kind = '${DeliveryKind.REVIEW}' AND d.rating IS NOT NULL)::int AS reviews_rated,
                count(*) FILTER (WHERE d.kind = '${DeliveryKind.REVIEW}' AND d.rating <> '${ReviewRating.AGAIN}')::int
                  AS reviews_recalled
         FROM "${SCHEDULER_SCHEMA}".deliveries d
         WHERE d.organization_id = $1 AND d.person_id = ANY($2::uuid[]) AND d.due_at > $3 AND d.due_at <= $4
           AND d.kind IN ('${DeliveryKind.LESSON}', '${DeliveryKind.REVIEW}')
         GROUP BY d.person_id
       ) work ON work.person_id = person.person_id
       LEFT JOIN (
         SELECT m.person_id, count(*)::int AS open_moments
         FROM "${SCHEDULER_SCHEMA}".coaching_moments m
         JOIN "${SCHEDULER_SCHEMA}".deliveries follow_up ON follow_up.id = m.follow_up_delivery_id
         WHERE m.organization_id = $1 AND m.person_id = ANY($2::uuid[])
           AND follow_up.status <> '${DeliveryStatus.COMPLETED}'
         GROUP BY m.person_id
       ) moments ON moments.person_id = person.person_id`,
      [organizationId, ids, since.toISOString(), now.toISOString()],
    );
    return new Map(rows.map((row) => [row.person_id, row]));
  }

  private async visibleAmong(
    organizationId: string,
    principal: Principal | undefined,
    ids: string[],
  ): Promise<Set<string>> {
    if (principal?.kind === 'api-client') return new Set(principal.scopes.includes('progress:read') ? ids : []);
    if (principal?.kind !== 'person') return new Set();
    if (principal.role === Role.ADMIN) return new Set(ids);
    const rows: { person_id: string }[] = await this.dataSource.query(
      `SELECT person_id FROM (${reportsSql('$1', '$2')}) team WHERE team.person_id = ANY($3::uuid[])`,
      [organizationId, principal.personId, ids],
    );
    return new Set([...rows.map((row) => row.person_id), ...ids.filter((id) => id === principal.personId)]);
  }
}
