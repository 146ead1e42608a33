import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PersonPrincipal, Role } from '@tend/auth';
import { Clock } from '@tend/clock';
import { badInput, forbidden } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { reportsSql } from '../projections/reporting-lines';
import { csvDocument } from '../reports/csv';
import { Misconception } from './misconception.type';

interface MisconceptionRow {
  lesson_id: string;
  question: string | null;
  choices: string[];
  answered: number;
  missed: number;
  common_wrong: number | null;
}

/**
 * Question-level results for a leader's subtree (or, for admins, any leader's
 * or the whole organization's): the questions missed most, as shares, with
 * the wrong answer given most. Only counts leave the database.
 */
@Injectable()
export class TeamMisconceptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The same list as CSV (RFC 4180), worst first. */
  async csv(
    organizationId: string,
    viewer: PersonPrincipal,
    leaderId: string | undefined,
    weeks: number,
    first: number,
  ): Promise<string> {
    const misconceptions = await this.list(organizationId, viewer, leaderId, weeks, first);
    return csvDocument(
      ['lesson_id', 'question', 'answered', 'missed', 'share', 'common_wrong_answer'],
      misconceptions.map((item) => [
        item.lesson.id,
        item.question,
        item.answered,
        item.missed,
        item.share,
        item.commonWrongAnswer,
      ]),
    );
  }

  async list(
    organizationId: string,
    viewer: PersonPrincipal,
    leaderId: string | undefined,
    weeks: number,
    first: number,
  ): Promise<Misconception[]> {
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 26) throw badInput('weeks', 'must be between 1 and 26');
    if (!Number.isInteger(first) || first < 1 || first > 50) throw badInput('first', 'must be between 1 and 50');
    if (viewer.role !== Role.ADMIN && leaderId !== undefined && leaderId !== viewer.personId) {
      throw forbidden('A leader sees the misconceptions of their own team only');
    }
    const teamOf = viewer.role === Role.ADMIN ? leaderId : viewer.personId;
    const since = new Date(this.clock.now().getTime() - weeks * 7 * 24 * 60 * 60_000);
    const rows: MisconceptionRow[] = await this.dataSource.query(
      `WITH answers AS (
         SELECT d.lesson_id, q.position, q.question, d.answers[q.position] AS chosen,
                (q.question->>'correctIndex')::int AS correct
         FROM scheduler.deliveries d
         JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
         JOIN scheduler.track_lessons tl
           ON tl.track_id = e.track_id AND tl.version = e.track_version AND tl.lesson_id = d.lesson_id
         CROSS JOIN LATERAL jsonb_array_elements(tl.questions) WITH ORDINALITY AS q(question, position)
         WHERE d.organization_id = $1 AND d.kind = '${DeliveryKind.LESSON}' AND d.status = '${DeliveryStatus.COMPLETED}'
           AND d.answers IS NOT NULL AND d.completed_at > $3
           AND ($2::uuid IS NULL OR d.person_id IN (${reportsSql('$1', '$2')}))
       )
       SELECT lesson_id, question->>'prompt' AS question, question->'choices' AS choices,
              count(*)::int AS answered, count(*) FILTER (WHERE chosen IS DISTINCT FROM correct)::int AS missed,
              mode() WITHIN GROUP (ORDER BY chosen) FILTER (WHERE chosen IS DISTINCT FROM correct) AS common_wrong
       FROM answers
       GROUP BY lesson_id, position, question
       HAVING count(*) FILTER (WHERE chosen IS DISTINCT FROM correct) > 0
       ORDER BY count(*) FILTER (WHERE chosen IS DISTINCT FROM correct)::float / count(*) DESC,
                count(*) FILTER (WHERE chosen IS DISTINCT FROM correct) DESC, lesson_id, position
       LIMIT $4`,
      [organizationId, teamOf ?? null, since.toISOString(), first],
    );
    return rows.map((row) => ({
      lesson: { id: row.lesson_id },
      question: row.question,
      answered: row.answered,
      missed: row.missed,
      share: Math.round((row.missed / row.answered) * 100) / 100,
      commonWrongAnswer: row.common_wrong === null ? null : (row.choices[row.common_wrong] ?? null),
    }));
  }
}
