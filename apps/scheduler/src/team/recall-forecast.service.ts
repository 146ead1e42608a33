import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { PersonPrincipal, Role } from '@tend/auth';
import { Clock } from '@tend/clock';
import { forbidden } from '@tend/graphql';
import { isKnownZone } from '../cadence/lesson-slot-calendar';
import { reportsSql } from '../projections/reporting-lines';
import { csvDocument } from '../reports/csv';
import { cardMemoryOfRow, CardStateRow, ReviewScheduler } from '../reviews/review-scheduler';
import { ReviewService } from '../reviews/review.service';
import { CompetencyRecall, RecallForecast } from './recall-forecast.type';

interface DeckItemRow extends CardStateRow {
  person_id: string;
  competencies: string[] | null;
  due: Date;
}

/** Friday 17:00, the end of a working week, is when the forecast reads the team's memory. */
const FRIDAY = 5;
const END_OF_WEEK_HOUR = 17;

/**
 * A leader's team's expected recall this Friday, per competency, from each member's FSRS memory of
 * the cards and missed questions in their deck (docs/ARCHITECTURE.md "Spaced reviews"): the
 * competencies the team is likely to have forgotten come first, with who has reviews due.
 */
@Injectable()
export class RecallForecastService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly reviews: ReviewService,
  ) {}

  /** For the viewer's own team; an admin may name any leader, or none for the whole organization. */
  async forViewer(viewer: PersonPrincipal, leaderId: string | undefined): Promise<RecallForecast> {
    if (viewer.role !== Role.ADMIN && leaderId !== undefined && leaderId !== viewer.personId) {
      throw forbidden("A leader sees their own team's forecast only");
    }
    const teamOf = viewer.role === Role.ADMIN ? (leaderId ?? null) : viewer.personId;
    return this.forTeam(viewer.organizationId, teamOf, viewer.personId);
  }

  /** `forViewer` as CSV (RFC 4180), one line per competency, lowest first. */
  async csvForViewer(viewer: PersonPrincipal, leaderId: string | undefined): Promise<string> {
    const forecast = await this.forViewer(viewer, leaderId);
    return csvDocument(
      ['friday', 'competency', 'expected_recall', 'items', 'people_due', 'summary'],
      forecast.competencies.map((competency) => [
        forecast.friday,
        competency.competency,
        competency.expectedRecall,
        competency.items,
        competency.peopleDue.length,
        competency.summary,
      ]),
    );
  }

  /** `leaderId` null: everyone in the organization. The Friday is the one of `readerId`'s calendar. */
  async forTeam(organizationId: string, leaderId: string | null, readerId: string): Promise<RecallForecast> {
    const [[reader], items, settings] = await Promise.all([
      this.dataSource.query('SELECT timezone FROM scheduler.people WHERE organization_id = $1 AND person_id = $2', [
        organizationId,
        readerId,
      ]) as Promise<{ timezone: string }[]>,
      this.dataSource.query(DECK_ITEMS_SQL, [organizationId, leaderId]) as Promise<DeckItemRow[]>,
      this.reviews.settings(organizationId),
    ]);
    const zone = reader && isKnownZone(reader.timezone) ? reader.timezone : 'UTC';
    const friday = fridayOf(DateTime.fromJSDate(this.clock.now(), { zone }));
    const at = friday.toJSDate();
    const scheduler = new ReviewScheduler(settings.desiredRetention, settings.memoryParameters);

    const byCompetency = new Map<string | null, { recall: number; items: number; due: Set<string> }>();
    for (const item of items) {
      const recall = scheduler.recallProbability(cardMemoryOfRow(item), at);
      for (const competency of item.competencies?.length ? item.competencies : [null]) {
        const entry = byCompetency.get(competency) ?? { recall: 0, items: 0, due: new Set<string>() };
        entry.recall += recall;
        entry.items += 1;
        if (item.due.getTime() <= at.getTime()) entry.due.add(item.person_id);
        byCompetency.set(competency, entry);
      }
    }
    const competencies: CompetencyRecall[] = [...byCompetency].map(([competency, entry]) => {
      const expectedRecall = Math.round((entry.recall / entry.items) * 100) / 100;
      const due = entry.due.size;
      return {
        competency,
        expectedRecall,
        items: entry.items,
        peopleDue: [...entry.due].sort().map((id) => ({ id })),
        summary: `${competency ?? 'untagged'}: ${Math.round(expectedRecall * 100)}% expected recall, ${due} ${
          due === 1 ? 'person' : 'people'
        } due`,
      };
    });
    competencies.sort(
      (a, b) => a.expectedRecall - b.expectedRecall || (a.competency ?? '').localeCompare(b.competency ?? ''),
    );
    return { friday: friday.toISODate() as string, competencies };
  }
}

/** This week's Friday at 17:00 in the reader's zone; from Friday evening on, next week's. */
function fridayOf(now: DateTime): DateTime {
  const thisFriday = now.set({ weekday: FRIDAY, hour: END_OF_WEEK_HOUR, minute: 0, second: 0, millisecond: 0 });
  return thisFriday < now ? thisFriday.plus({ weeks: 1 }) : thisFriday;
}

/**
 * The learned items (cards and missed questions) in the decks of the team (`$2` null: the whole
 * organization), each with the competencies of the lesson that brought it, from its latest version.
 */
const DECK_ITEMS_SQL = `
  SELECT cs.person_id, lesson.competencies, cs.due, cs.stability, cs.difficulty, cs.elapsed_days,
         cs.scheduled_days, cs.learning_steps, cs.reps, cs.lapses, cs.state, cs.last_review
    FROM scheduler.card_states cs
    LEFT JOIN LATERAL (
      SELECT tl.competencies FROM scheduler.track_lessons tl
       WHERE tl.organization_id = cs.organization_id AND tl.lesson_id = cs.lesson_id
       ORDER BY tl.version DESC LIMIT 1) lesson ON true
   WHERE cs.organization_id = $1 AND cs.last_review IS NOT NULL
     AND ($2::uuid IS NULL OR cs.person_id IN (${reportsSql('$1', '$2')}))`;
