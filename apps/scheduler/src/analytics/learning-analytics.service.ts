import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, Role } from '@tend/auth';
import { Clock, isKnownZone } from '@tend/clock';
import { ConnectionShape, PageArgs, pageRequest, toConnection } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { reportsSql } from '../projections/reporting-lines';
import { csvDocument, CsvValue } from '../reports/csv';
import { ReportPeriod, reportPeriod, roundForReport } from '../reports/report-period';
import { ReviewRating } from '../reviews/review-scheduler';
import { LearnerStreaks } from '../streaks/learner-streaks';
import { LearningAnalyticsErrors } from './learning-analytics.errors';
import { AnalyticsGroupBy, LearningAnalyticsRow, STREAK_BUCKETS } from './learning-analytics.types';

/** Which groups a report covers: every one of the caller's organization, or one leader's subtree. */
export interface AnalyticsScope {
  groupBy: AnalyticsGroupBy;
  /** For LEADER_SUBTREE: the one leader whose subtree is reported; undefined for every leader. */
  leaderId?: string;
}

interface AnalyticsRow {
  group_id: string;
  lessons_due: number;
  lessons_completed: number;
  reviews_rated: number;
  reviews_recalled: number;
  active_days: number;
  median_minutes: number | null;
  learners: { personId: string; timezone: string }[] | null;
}

/** Which groups one statement reads, by group id; a backward range comes last first. */
interface GroupRange {
  afterId: string | null;
  beforeId: string | null;
  limit: number;
  backward: boolean;
}

/** The CSV reads the groups a page at a time, so no statement reads more than a page's learners. */
const CSV_PAGE = 100;

/**
 * The groups each grouping lists (`$1` the organization, `root` the one leader or null), and the
 * members each group has (`page.group_id` the group): a cohort's members, a team's people, or
 * everyone under a leader through the one walk down a reporting line (`reportsSql`).
 */
const GROUPINGS: Record<AnalyticsGroupBy, { groups: string; members: string }> = {
  [AnalyticsGroupBy.COHORT]: {
    groups: `SELECT cohort_id AS group_id FROM scheduler.cohorts WHERE organization_id = $1`,
    members: `SELECT person_id FROM scheduler.cohort_members
              WHERE organization_id = $1 AND cohort_id = page.group_id`,
  },
  [AnalyticsGroupBy.TEAM]: {
    groups: `SELECT DISTINCT team_id AS group_id FROM scheduler.people
             WHERE organization_id = $1 AND team_id IS NOT NULL`,
    members: `SELECT person_id FROM scheduler.people WHERE organization_id = $1 AND team_id = page.group_id`,
  },
  [AnalyticsGroupBy.LEADER_SUBTREE]: {
    groups: `SELECT DISTINCT leader_id AS group_id FROM scheduler.people
             WHERE organization_id = $1 AND leader_id IS NOT NULL AND (SELECT leader_id FROM root) IS NULL
             UNION
             SELECT person_id FROM scheduler.people
             WHERE organization_id = $1 AND person_id = (SELECT leader_id FROM root)`,
    members: reportsSql('$1', 'page.group_id'),
  },
};

/**
 * Completion, recall, engagement and time to complete, per cohort, HR team or leader subtree.
 * One statement per page aggregates the page's groups' lessons and reviews of the period; the
 * streaks of the page's learners follow in one more (`LearnerStreaks`, whose workday rules and
 * streak repair are the ones learners see).
 */
@Injectable()
export class LearningAnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly streaks: LearnerStreaks,
    private readonly clock: Clock,
  ) {}

  /** Leaders read their own subtree, admins and API clients any grouping of their organization. */
  private scopeFor(caller: Caller, { groupBy, leaderId }: AnalyticsScope): AnalyticsScope {
    if (leaderId !== undefined && groupBy !== AnalyticsGroupBy.LEADER_SUBTREE) {
      throw LearningAnalyticsErrors.leaderOnlyForSubtrees();
    }
    if (caller.role === Role.ADMIN) return { groupBy, leaderId };
    if (groupBy !== AnalyticsGroupBy.LEADER_SUBTREE || !caller.personId) {
      throw LearningAnalyticsErrors.leadersSeeTheirSubtree();
    }
    if (leaderId !== undefined && leaderId !== caller.personId) throw LearningAnalyticsErrors.leadersSeeTheirSubtree();
    return { groupBy, leaderId: caller.personId };
  }

  async page(
    organizationId: string,
    caller: Caller,
    asked: AnalyticsScope,
    weeks: number,
    args: PageArgs,
  ): Promise<ConnectionShape<LearningAnalyticsRow>> {
    const scope = this.scopeFor(caller, asked);
    const request = pageRequest(args);
    const now = this.clock.now();
    const period = reportPeriod(now, weeks);
    const rows = await this.rows(organizationId, scope, period, now, {
      afterId: request.after?.id ?? null,
      beforeId: request.before?.id ?? null,
      limit: request.size + 1,
      backward: request.backward,
    });
    // Groups page by id alone; the cursor's key is the report's last day.
    return toConnection(rows, request, (row) => ({ key: period.to, id: row.groupId }));
  }

  /** Every group of the scope as CSV, for a spreadsheet, read a page at a time. */
  async csv(organizationId: string, caller: Caller, asked: AnalyticsScope, weeks: number): Promise<string> {
    const scope = this.scopeFor(caller, asked);
    const now = this.clock.now();
    const period = reportPeriod(now, weeks);
    const lines: CsvValue[][] = [];
    for (let afterId: string | null = null; ;) {
      const rows = await this.rows(organizationId, scope, period, now, {
        afterId,
        beforeId: null,
        limit: CSV_PAGE,
        backward: false,
      });
      lines.push(...rows.map((row) => csvLine(scope.groupBy, row)));
      if (rows.length < CSV_PAGE) break;
      afterId = rows[rows.length - 1].groupId;
    }
    return csvDocument(CSV_HEADER, lines);
  }

  private async rows(
    organizationId: string,
    scope: AnalyticsScope,
    period: ReportPeriod,
    now: Date,
    range: GroupRange,
  ): Promise<LearningAnalyticsRow[]> {
    const grouping = GROUPINGS[scope.groupBy];
    // One of two keywords, never the caller's text.
    const scan = range.backward ? 'DESC' : 'ASC';
    const rows: AnalyticsRow[] = await this.dataSource.query(
      `WITH root AS (SELECT $4::uuid AS leader_id),
       page AS (
         SELECT group_id FROM (${grouping.groups}) listed
         WHERE ($5::uuid IS NULL OR group_id > $5) AND ($6::uuid IS NULL OR group_id < $6)
         ORDER BY group_id ${scan}
         LIMIT $7
       ),
       work AS (
         SELECT page.group_id, d.person_id, person.timezone, d.kind, d.status, d.rating, d.local_date,
                d.due_at, d.completed_at
         FROM page
         CROSS JOIN LATERAL (${grouping.members}) member
         JOIN scheduler.deliveries d ON d.organization_id = $1 AND d.person_id = member.person_id
         JOIN scheduler.people person ON person.organization_id = $1 AND person.person_id = member.person_id
         WHERE d.kind IN ('${DeliveryKind.LESSON}', '${DeliveryKind.REVIEW}') AND d.local_date BETWEEN $2 AND $3
       ),
       figures AS (
         SELECT group_id,
                count(*) FILTER (WHERE kind = '${DeliveryKind.LESSON}')::int AS lessons_due,
                count(*) FILTER (WHERE kind = '${DeliveryKind.LESSON}' AND status = '${DeliveryStatus.COMPLETED}')::int
                  AS lessons_completed,
                count(*) FILTER (WHERE kind = '${DeliveryKind.REVIEW}' AND rating IS NOT NULL)::int AS reviews_rated,
                count(*) FILTER (WHERE kind = '${DeliveryKind.REVIEW}' AND rating <> '${ReviewRating.AGAIN}')::int
                  AS reviews_recalled,
                count(DISTINCT (person_id, local_date)) FILTER (WHERE status = '${DeliveryStatus.COMPLETED}')::int
                  AS active_days,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - due_at) / 60)
                  FILTER (WHERE kind = '${DeliveryKind.LESSON}' AND status = '${DeliveryStatus.COMPLETED}')
                  AS median_minutes,
                jsonb_agg(DISTINCT jsonb_build_object('personId', person_id, 'timezone', timezone)) AS learners
         FROM work
         GROUP BY group_id
       )
       SELECT page.group_id, COALESCE(figures.lessons_due, 0) AS lessons_due,
              COALESCE(figures.lessons_completed, 0) AS lessons_completed,
              COALESCE(figures.reviews_rated, 0) AS reviews_rated,
              COALESCE(figures.reviews_recalled, 0) AS reviews_recalled,
              COALESCE(figures.active_days, 0) AS active_days, figures.median_minutes, figures.learners
       FROM page LEFT JOIN figures ON figures.group_id = page.group_id
       ORDER BY page.group_id ${scan}`,
      [organizationId, period.from, period.to, scope.leaderId ?? null, range.afterId, range.beforeId, range.limit],
    );
    const learners = new Map(
      rows.flatMap((row) => row.learners ?? []).map((learner) => [learner.personId, learner.timezone]),
    );
    const streaks = await this.streaks.of(
      organizationId,
      [...learners].map(([personId, timezone]) => ({ personId, timezone: isKnownZone(timezone) ? timezone : 'UTC' })),
      now,
    );
    return rows.map((row) => toAnalyticsRow(scope.groupBy, row, period, streaks));
  }
}

function toAnalyticsRow(
  groupBy: AnalyticsGroupBy,
  row: AnalyticsRow,
  period: ReportPeriod,
  streaks: Map<string, number>,
): LearningAnalyticsRow {
  const learners = row.learners ?? [];
  const group = { id: row.group_id };
  return {
    cohort: groupBy === AnalyticsGroupBy.COHORT ? group : null,
    team: groupBy === AnalyticsGroupBy.TEAM ? group : null,
    leader: groupBy === AnalyticsGroupBy.LEADER_SUBTREE ? group : null,
    groupId: row.group_id,
    learners: learners.length,
    lessonsDue: row.lessons_due,
    lessonsCompleted: row.lessons_completed,
    completionRate: row.lessons_due === 0 ? null : roundForReport(row.lessons_completed / row.lessons_due),
    reviewsRated: row.reviews_rated,
    recallRate: row.reviews_rated === 0 ? null : roundForReport(row.reviews_recalled / row.reviews_rated),
    activeDaysPerWeek:
      learners.length === 0 ? 0 : roundForReport(row.active_days / learners.length / period.weeks.length),
    streakDistribution: STREAK_BUCKETS.map((bucket) => ({
      ...bucket,
      learners: learners.filter(({ personId }) => {
        const streak = streaks.get(personId) ?? 0;
        return streak >= bucket.min && (bucket.max === null || streak <= bucket.max);
      }).length,
    })),
    medianMinutesToComplete: row.median_minutes === null ? null : roundForReport(row.median_minutes),
  };
}

const CSV_HEADER = [
  'group_by',
  'group_id',
  'learners',
  'lessons_due',
  'lessons_completed',
  'completion_rate',
  'reviews_rated',
  'recall_rate',
  'active_days_per_week',
  ...STREAK_BUCKETS.map(
    (bucket) =>
      `streak_${bucket.min}${bucket.max === null ? '_plus' : bucket.max === bucket.min ? '' : `_${bucket.max}`}`,
  ),
  'median_minutes_to_complete',
];

function csvLine(groupBy: AnalyticsGroupBy, row: LearningAnalyticsRow): CsvValue[] {
  return [
    groupBy,
    row.groupId,
    row.learners,
    row.lessonsDue,
    row.lessonsCompleted,
    row.completionRate,
    row.reviewsRated,
    row.recallRate,
    row.activeDaysPerWeek,
    ...row.streakDistribution.map((bucket) => bucket.learners),
    row.medianMinutesToComplete,
  ];
}
