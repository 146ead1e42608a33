import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Caller, Principal, RequestContext, requestScoped, Role } from '@tend/auth';
import { Clock, isKnownZone } from '@tend/clock';
import { callerOf } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { ReviewRating } from '../reviews/review-scheduler';
import { reportsSql } from '../projections/reporting-lines';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';
import { csvDocument } from '../reports/csv';
import { roundForReport } from '../reports/report-period';
import { LearnerStreaks, StreakHolder } from '../streaks/learner-streaks';
import { TeamProgressErrors } from './team-progress.errors';

interface ProgressRow {
  person_id: string;
  /** Empty for someone erased, or not heard of yet. */
  email: string | null;
  /** Null for someone the scheduler has not heard of yet. */
  timezone: string | null;
  lesson_id: string | null;
  lesson_title: string | null;
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

  /** One loader per request: a page of people costs two statements, whatever its size. */
  progressOf(context: RequestContext, personId: string): Promise<Progress | null> {
    return requestScoped(
      context,
      'team-progress',
      () => new DataLoader((ids: readonly string[]) => this.load(context, ids)),
    ).load(personId);
  }

  private async load(context: RequestContext, ids: readonly string[]): Promise<(Progress | null)[]> {
    const { organizationId } = callerOf(context);
    const audience = audienceOf(context.principal);
    const now = this.clock.now();
    const rows = audience.sees === 'nobody' ? [] : await this.figures(organizationId, { ids: [...ids] }, audience, now);
    // Streaks count days in each person's zone, so they wait for the zones this statement read.
    const streaks = await this.streaks.of(organizationId, rows.filter(hasZone).map(holderOf), now);
    const byId = new Map(rows.map((row) => [row.person_id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) return null;
      return {
        currentLesson:
          row.lesson_id && row.lesson_title !== null ? { id: row.lesson_id, title: row.lesson_title } : null,
        streak: streaks.get(id) ?? 0,
        lessonsDue: row.lessons_due,
        lessonsCompleted: row.lessons_completed,
        reviewsRated: row.reviews_rated,
        reviewsRecalled: row.reviews_recalled,
        openCoachingMoments: row.open_moments,
      };
    });
  }

  /**
   * `myTeam` with each person's progress as CSV (RFC 4180), by email: everyone under the leader,
   * directly or not. As for `myTeam`, a leader names only themselves; an admin any leader.
   */
  async csvOfTeam(organizationId: string, caller: Caller, leaderId: string | undefined): Promise<string> {
    const leader = await this.leaderFor(organizationId, caller, leaderId);
    const now = this.clock.now();
    const rows = await this.figures(organizationId, { reportsOf: leader }, { sees: 'everyone' }, now);
    const streaks = await this.streaks.of(organizationId, rows.filter(hasZone).map(holderOf), now);
    return csvDocument(
      [
        'person_id',
        'email',
        'current_lesson',
        'streak',
        'lessons_due',
        'lessons_completed',
        'lesson_completion',
        'reviews_rated',
        'review_recall',
        'open_coaching_moments',
      ],
      rows.map((row) => [
        row.person_id,
        row.email ?? '',
        row.lesson_title,
        streaks.get(row.person_id) ?? 0,
        row.lessons_due,
        row.lessons_completed,
        row.lessons_due === 0 ? null : roundForReport(row.lessons_completed / row.lessons_due),
        row.reviews_rated,
        row.reviews_rated === 0 ? null : roundForReport(row.reviews_recalled / row.reviews_rated),
        row.open_moments,
      ]),
    );
  }

  private async leaderFor(organizationId: string, caller: Caller, leaderId: string | undefined): Promise<string> {
    if (caller.role !== Role.ADMIN) {
      if (!caller.personId || (leaderId !== undefined && leaderId !== caller.personId)) {
        throw TeamProgressErrors.notYourTeam();
      }
      return caller.personId;
    }
    const id = leaderId ?? caller.personId;
    if (!id) throw TeamProgressErrors.noLeader();
    const known: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "${SCHEDULER_SCHEMA}".people WHERE organization_id = $1 AND person_id = $2`,
      [organizationId, id],
    );
    if (known.length === 0) throw TeamProgressErrors.leaderNotFound(id);
    return id;
  }

  /**
   * One statement for the page: of the people the caller may see, each one's zone, latest lesson,
   * lessons and reviews of the window, and open redirections. A leader's reporting line is walked
   * in the same statement; people outside it come back as no row.
   */
  private figures(organizationId: string, wanted: Wanted, audience: Audience, now: Date): Promise<ProgressRow[]> {
    const since = new Date(now.getTime() - PROGRESS_WINDOW_DAYS * 24 * 60 * 60_000);
    const source =
      'ids' in wanted ? 'unnest($2::uuid[]) AS wanted (person_id)' : `(${reportsSql('$1', '$2::uuid')}) AS wanted`;
    return this.dataSource.query(
      `SELECT wanted.person_id, person.email, person.timezone, latest.lesson_id, lesson.title AS lesson_title,
              work.lessons_due, work.lessons_completed, work.reviews_rated, work.reviews_recalled, moments.open_moments
       FROM ${source}
       LEFT JOIN "${SCHEDULER_SCHEMA}".people person
         ON person.organization_id = $1 AND person.person_id = wanted.person_id
       LEFT JOIN LATERAL (
         SELECT delivery.lesson_id FROM "${SCHEDULER_SCHEMA}".deliveries delivery
         WHERE delivery.organization_id = $1 AND delivery.person_id = wanted.person_id
           AND delivery.kind = '${DeliveryKind.LESSON}' AND delivery.due_at <= $4
         ORDER BY delivery.due_at DESC, delivery.id DESC LIMIT 1
       ) latest ON true
       LEFT JOIN "${SCHEDULER_SCHEMA}".track_lessons lesson
         ON lesson.organization_id = $1 AND lesson.lesson_id = latest.lesson_id
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE d.kind = '${DeliveryKind.LESSON}')::int AS lessons_due,
                count(*) FILTER (WHERE d.kind = '${DeliveryKind.LESSON}' AND d.status = '${DeliveryStatus.COMPLETED}')::int
                  AS lessons_completed,
                count(*) FILTER (WHERE d.kind = '${DeliveryKind.REVIEW}' AND d.rating IS NOT NULL)::int AS reviews_rated,
                count(*) FILTER (WHERE d.kind = '${DeliveryKind.REVIEW}' AND d.rating <> '${ReviewRating.AGAIN}')::int
                  AS reviews_recalled
         FROM "${SCHEDULER_SCHEMA}".deliveries d
         WHERE d.organization_id = $1 AND d.person_id = wanted.person_id
           AND d.due_at > $3 AND d.due_at <= $4 AND d.kind IN ('${DeliveryKind.LESSON}', '${DeliveryKind.REVIEW}')
       ) work
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS open_moments
         FROM "${SCHEDULER_SCHEMA}".coaching_moments m
         JOIN "${SCHEDULER_SCHEMA}".deliveries follow_up ON follow_up.id = m.follow_up_delivery_id
         WHERE m.organization_id = $1 AND m.person_id = wanted.person_id
           AND follow_up.status <> '${DeliveryStatus.COMPLETED}'
       ) moments
       WHERE $5::uuid IS NULL OR wanted.person_id = $5
          OR wanted.person_id IN (SELECT person_id FROM (${reportsSql('$1', '$5')}) team)
       ORDER BY person.email, wanted.person_id`,
      [
        organizationId,
        'ids' in wanted ? wanted.ids : wanted.reportsOf,
        since.toISOString(),
        now.toISOString(),
        audience.sees === 'their-team' ? audience.leaderId : null,
      ],
    );
  }
}

/** Whose figures a statement reads: people by id, or everyone under a leader. */
type Wanted = { ids: string[] } | { reportsOf: string };

function hasZone(row: ProgressRow): row is ProgressRow & { timezone: string } {
  return row.timezone !== null;
}

function holderOf(row: ProgressRow & { timezone: string }): StreakHolder {
  return { personId: row.person_id, timezone: isKnownZone(row.timezone) ? row.timezone : 'UTC' };
}

/** Whose progress a caller sees: everyone's (admins, API clients with `progress:read`), their own and their reports', or nobody's. */
type Audience = { sees: 'everyone' } | { sees: 'their-team'; leaderId: string } | { sees: 'nobody' };

function audienceOf(principal: Principal | undefined): Audience {
  if (principal?.kind === 'api-client')
    return principal.scopes.includes('progress:read') ? { sees: 'everyone' } : { sees: 'nobody' };
  if (principal?.kind !== 'person') return { sees: 'nobody' };
  return principal.role === Role.ADMIN ? { sees: 'everyone' } : { sees: 'their-team', leaderId: principal.personId };
}
