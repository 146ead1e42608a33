import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { ConnectionShape, PageArgs, pageRequest, toConnection } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { ReviewRating } from '../reviews/review-scheduler';
import { MIN_ANSWERS_SHOWN } from '../pulse/pulse.types';
import { csvDocument } from '../reports/csv';
import { ReportPeriod, reportPeriod, roundForReport } from '../reports/report-period';
import { LeaderReportRow } from './leader-report.types';

interface ReportRow {
  leader_id: string;
  email: string;
  team_size: number;
  moments: number;
  due: number;
  completed: number;
  prompts_sent: number;
  prompts_done: number;
  conversations_due: number;
  conversations_done: number;
  conversations_skipped: number;
  reviews: number;
  recalled: number;
  pulse: { week: string; answers: number; average: number }[] | null;
}

/** Which leaders a statement reports on, by leader id; a backward range comes last first. */
interface LeaderRange {
  afterLeaderId: string | null;
  beforeLeaderId: string | null;
  limit: number | null;
  backward: boolean;
}

const EVERY_LEADER: LeaderRange = { afterLeaderId: null, beforeLeaderId: null, limit: null, backward: false };

/**
 * What admins compare leaders by. One statement per page: every figure is an
 * aggregate over one organization's rows in the period, joined on the
 * leaders' ids, so the cost grows with the period's rows, not with the page.
 */
@Injectable()
export class LeaderReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async page(organizationId: string, weeks: number, args: PageArgs): Promise<ConnectionShape<LeaderReportRow>> {
    const request = pageRequest(args);
    const period = reportPeriod(this.clock.now(), weeks);
    const rows = await this.rows(organizationId, period, {
      afterLeaderId: request.after?.id ?? null,
      beforeLeaderId: request.before?.id ?? null,
      limit: request.size + 1,
      backward: request.backward,
    });
    return toConnection(
      rows.map((row) => this.toReportRow(row, period, weeks)),
      request,
      // Leaders page by id alone; the cursor's key is the report's last day.
      (row) => ({ key: period.to, id: row.leader.id }),
    );
  }

  /** Every leader of the organization as CSV, for a spreadsheet; withheld pulse weeks stay empty. */
  async csv(organizationId: string, weeks: number): Promise<string> {
    const period = reportPeriod(this.clock.now(), weeks);
    const rows = await this.rows(organizationId, period, EVERY_LEADER);
    const header = [
      'leader_id',
      'leader_email',
      'team_size',
      'coaching_moments_per_week',
      'prompts_sent',
      'prompts_done',
      'career_conversations_due',
      'career_conversations_done',
      'career_conversations_skipped',
      'lessons_due',
      'team_completion',
      'team_recall',
    ];
    return csvDocument(
      [...header, ...period.weeks.map((week) => `pulse_${week}`)],
      rows.map((row) => {
        const report = this.toReportRow(row, period, weeks);
        return [
          row.leader_id,
          row.email,
          report.teamSize,
          report.coachingMomentsPerWeek,
          report.promptsSent,
          report.promptsDone,
          report.careerConversationsDue,
          report.careerConversationsDone,
          report.careerConversationsSkipped,
          report.lessonsDue,
          report.teamCompletion,
          report.teamRecall,
          ...report.pulseTrend,
        ];
      }),
    );
  }

  private async rows(organizationId: string, period: ReportPeriod, leaders: LeaderRange): Promise<ReportRow[]> {
    // One of two keywords, never the caller's text.
    const scan = leaders.backward ? 'DESC' : 'ASC';
    return this.dataSource.query(
      `WITH team AS (
         SELECT leader_id, count(*)::int AS team_size FROM scheduler.people
         WHERE organization_id = $1 AND leader_id IS NOT NULL AND ($5::uuid IS NULL OR leader_id > $5)
           AND ($7::uuid IS NULL OR leader_id < $7)
         GROUP BY leader_id
         ORDER BY leader_id ${scan}
         LIMIT $6
       ),
       lessons AS (
         SELECT p.leader_id, count(*)::int AS due,
                count(*) FILTER (WHERE d.status = '${DeliveryStatus.COMPLETED}')::int AS completed
         FROM scheduler.deliveries d
         JOIN scheduler.people p ON p.person_id = d.person_id
         WHERE d.organization_id = $1 AND d.kind = '${DeliveryKind.LESSON}' AND d.local_date BETWEEN $2 AND $3
           AND p.leader_id IN (SELECT leader_id FROM team)
         GROUP BY p.leader_id
       ),
       prompts AS (
         SELECT d.person_id AS leader_id, count(*)::int AS sent,
                count(*) FILTER (WHERE d.response = 'DONE')::int AS done
         FROM scheduler.deliveries d
         WHERE d.organization_id = $1 AND d.kind = '${DeliveryKind.LEADER_PROMPT}' AND d.local_date BETWEEN $2 AND $3
           AND d.person_id IN (SELECT leader_id FROM team)
         GROUP BY d.person_id
       ),
       -- One cancelled before it was sent (the report moved or left) was never due.
       conversations AS (
         SELECT d.person_id AS leader_id, count(*)::int AS due,
                count(*) FILTER (WHERE d.response = 'DONE')::int AS done,
                count(*) FILTER (WHERE d.response = 'SKIPPED')::int AS skipped
         FROM scheduler.deliveries d
         WHERE d.organization_id = $1 AND d.kind = '${DeliveryKind.CAREER_CONVERSATION}'
           AND d.status <> '${DeliveryStatus.EXPIRED}' AND d.local_date BETWEEN $2 AND $3
           AND d.person_id IN (SELECT leader_id FROM team)
         GROUP BY d.person_id
       ),
       recall AS (
         SELECT p.leader_id, count(*)::int AS reviews,
                count(*) FILTER (WHERE d.rating <> '${ReviewRating.AGAIN}')::int AS recalled
         FROM scheduler.deliveries d
         JOIN scheduler.people p ON p.person_id = d.person_id
         WHERE d.organization_id = $1 AND d.kind = '${DeliveryKind.REVIEW}' AND d.rating IS NOT NULL
           AND d.local_date BETWEEN $2 AND $3 AND p.leader_id IN (SELECT leader_id FROM team)
         GROUP BY p.leader_id
       ),
       moments AS (
         SELECT leader_id, count(*)::int AS moments FROM scheduler.coaching_moments
         WHERE organization_id = $1 AND created_at >= $2::date AND leader_id IN (SELECT leader_id FROM team)
         GROUP BY leader_id
       ),
       pulse AS (
         SELECT leader_id, jsonb_agg(jsonb_build_object('week', week, 'answers', answers, 'average', average)) AS pulse
         FROM (
           SELECT leader_id, week, count(*)::int AS answers, avg(score)::float AS average
           FROM scheduler.pulse_answers
           WHERE organization_id = $1 AND week = ANY($4) AND leader_id IN (SELECT leader_id FROM team)
           GROUP BY leader_id, week
         ) weekly
         GROUP BY leader_id
       )
       SELECT team.leader_id, COALESCE(leader.email, '') AS email, team.team_size,
              COALESCE(moments.moments, 0) AS moments, COALESCE(lessons.due, 0) AS due,
              COALESCE(lessons.completed, 0) AS completed,
              COALESCE(prompts.sent, 0) AS prompts_sent, COALESCE(prompts.done, 0) AS prompts_done,
              COALESCE(conversations.due, 0) AS conversations_due, COALESCE(conversations.done, 0) AS conversations_done,
              COALESCE(conversations.skipped, 0) AS conversations_skipped,
              COALESCE(recall.reviews, 0) AS reviews, COALESCE(recall.recalled, 0) AS recalled, pulse.pulse
       FROM team
       LEFT JOIN scheduler.people leader ON leader.person_id = team.leader_id
       LEFT JOIN lessons ON lessons.leader_id = team.leader_id
       LEFT JOIN prompts ON prompts.leader_id = team.leader_id
       LEFT JOIN conversations ON conversations.leader_id = team.leader_id
       LEFT JOIN recall ON recall.leader_id = team.leader_id
       LEFT JOIN moments ON moments.leader_id = team.leader_id
       LEFT JOIN pulse ON pulse.leader_id = team.leader_id
       ORDER BY team.leader_id ${scan}`,
      [
        organizationId,
        period.from,
        period.to,
        period.weeks,
        leaders.afterLeaderId,
        leaders.limit,
        leaders.beforeLeaderId,
      ],
    );
  }

  private toReportRow(row: ReportRow, period: ReportPeriod, weeks: number): LeaderReportRow {
    const byWeek = new Map((row.pulse ?? []).map((week) => [week.week, week]));
    return {
      leader: { id: row.leader_id },
      teamSize: row.team_size,
      coachingMomentsPerWeek: roundForReport(row.moments / weeks),
      promptsSent: row.prompts_sent,
      promptsDone: row.prompts_done,
      careerConversationsDue: row.conversations_due,
      careerConversationsDone: row.conversations_done,
      careerConversationsSkipped: row.conversations_skipped,
      lessonsDue: row.due,
      teamCompletion: row.due === 0 ? null : roundForReport(row.completed / row.due),
      teamRecall: row.reviews === 0 ? null : roundForReport(row.recalled / row.reviews),
      pulseTrend: period.weeks.map((week) => {
        const answers = byWeek.get(week);
        return answers && answers.answers >= MIN_ANSWERS_SHOWN ? roundForReport(answers.average) : null;
      }),
    };
  }
}
