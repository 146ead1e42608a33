import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Role, Viewer } from '@tend/auth';
import { Clock } from '@tend/clock';
import { LessonSlotCalendar, localDateOf } from '../cadence/lesson-slot-calendar';
import { ProjectedPerson } from '../projections/person.entity';
import { csvDocument } from '../reports/csv';
import { AnswerPulseInput } from './dto/answer-pulse.input';
import { PulseErrors } from './pulse.errors';
import { MIN_ANSWERS_SHOWN, Pulse, PULSE_QUESTION, PulseReceipt, PulseTeamWeek } from './pulse.types';

interface GroupRow {
  leader_id: string | null;
  organization_wide: boolean;
  week: string;
  answers: number;
  average: number;
  distribution: number[];
  comments: string[] | null;
}

/** The ISO week (e.g. 2026-W49) a local date falls in. */
export function isoWeekOf(localDate: string): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
}

/**
 * A weekly one-question pulse. Answers are stored without the person: one
 * table records who answered which week (to ask once), another the score and
 * comment with only the week and the team's leader, and results are withheld
 * for any group of fewer than five answers.
 */
@Injectable()
export class PulseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** This week's pulse for the person, until they answer it; none for someone without a leader. */
  async current(organizationId: string, personId: string): Promise<Pulse | null> {
    const person = await this.dataSource.getRepository(ProjectedPerson).findOneBy({ organizationId, personId });
    if (!person?.leaderId) return null;
    const week = this.weekFor(person);
    const [answered]: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM scheduler.pulse_responses WHERE organization_id = $1 AND person_id = $2 AND week = $3`,
      [organizationId, personId, week],
    );
    return answered ? null : { week, question: PULSE_QUESTION, scale: '1 (not at all) to 5 (very much)' };
  }

  async answer(organizationId: string, personId: string, input: AnswerPulseInput): Promise<PulseReceipt> {
    const person = await this.dataSource.getRepository(ProjectedPerson).findOneBy({ organizationId, personId });
    const week = this.weekFor(person);
    return this.dataSource.transaction(async (manager) => {
      const marked: unknown[] = await manager.query(
        `INSERT INTO scheduler.pulse_responses (organization_id, person_id, week) VALUES ($1, $2, $3)
         ON CONFLICT (person_id, week) DO NOTHING RETURNING week`,
        [organizationId, personId, week],
      );
      if (marked.length === 0) throw PulseErrors.alreadyAnswered(week);
      await manager.query(
        `INSERT INTO scheduler.pulse_answers (organization_id, week, leader_id, score, comment) VALUES ($1, $2, $3, $4, $5)`,
        [organizationId, week, person?.leaderId ?? null, input.score, input.comment || null],
      );
      return { week };
    });
  }

  /**
   * The last `weeks` ISO weeks, per team (a leader's direct reports) and for
   * the whole organization; a leader sees only their own team.
   */
  /**
   * `results` as CSV (RFC 4180): a team's leader id, or none for the whole organization, per week;
   * a withheld group's figures stay empty. Comments share one cell, a line each.
   */
  async resultsCsv(
    organizationId: string,
    viewer: Viewer & { personId: string },
    leaderId: string | undefined,
    weeks: number,
  ): Promise<string> {
    const results = await this.results(organizationId, viewer, leaderId, weeks);
    return csvDocument(
      [
        'leader_id',
        'week',
        'answers',
        'average_score',
        'score_1',
        'score_2',
        'score_3',
        'score_4',
        'score_5',
        'comments',
      ],
      results.map((group) => [
        group.leader?.id ?? null,
        group.week,
        group.answers,
        group.averageScore,
        ...(group.distribution ?? [null, null, null, null, null]),
        group.comments.join('\n'),
      ]),
    );
  }

  async results(
    organizationId: string,
    viewer: Viewer & { personId: string },
    leaderId: string | undefined,
    weeks: number,
  ): Promise<PulseTeamWeek[]> {
    if (viewer.role !== Role.ADMIN && leaderId && leaderId !== viewer.personId) throw PulseErrors.notYourTeam();
    const team = viewer.role === Role.ADMIN ? leaderId : viewer.personId;
    const today = localDateOf(this.clock.now(), 'UTC');
    const recentWeeks = Array.from({ length: weeks }, (_, back) =>
      isoWeekOf(DateTime.fromISO(today, { zone: 'UTC' }).minus({ weeks: back }).toISODate() as string),
    );
    const rows: GroupRow[] = await this.dataSource.query(
      `SELECT leader_id, GROUPING(leader_id) = 1 AS organization_wide, week, count(*)::int AS answers,
              avg(score)::float AS average,
              ARRAY[count(*) FILTER (WHERE score = 1), count(*) FILTER (WHERE score = 2),
                    count(*) FILTER (WHERE score = 3), count(*) FILTER (WHERE score = 4),
                    count(*) FILTER (WHERE score = 5)]::int[] AS distribution,
              array_agg(comment ORDER BY comment) FILTER (WHERE comment IS NOT NULL) AS comments
       FROM scheduler.pulse_answers
       WHERE organization_id = $1 AND week = ANY($2) AND ($3::uuid IS NULL OR leader_id = $3)
       GROUP BY GROUPING SETS ((leader_id, week), (week))
       ORDER BY week DESC, organization_wide DESC, leader_id`,
      [organizationId, recentWeeks, team ?? null],
    );
    return rows
      .filter((row) => (team ? !row.organization_wide : row.organization_wide || row.leader_id !== null))
      .map((row) => {
        const shown = row.answers >= MIN_ANSWERS_SHOWN;
        return {
          leader: row.organization_wide || !row.leader_id ? null : { id: row.leader_id },
          week: row.week,
          answers: row.answers,
          averageScore: shown ? Math.round(row.average * 100) / 100 : null,
          distribution: shown ? row.distribution : null,
          comments: shown ? (row.comments ?? []) : [],
        };
      });
  }

  private weekFor(person: ProjectedPerson | null): string {
    const zone = LessonSlotCalendar.zoneFor(person?.timezone, 'UTC');
    return isoWeekOf(localDateOf(this.clock.now(), zone));
  }
}
