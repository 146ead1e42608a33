import type { EntityManager } from 'typeorm';
import { DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { ReviewItemKind } from './card-state.entity';
import { countedByKindAndChannel, countOnCommit, DeliveryCount, deliveriesExpired } from '../metrics/delivery-metrics';

/** One learner's lesson planned in this batch: the day its bundle belongs to, and when the next bundle comes. */
export interface BundleDay {
  organizationId: string;
  personId: string;
  localDate: string;
  dueAt: Date;
  /** The learner's next lesson slot; a card due before it is reviewed today, not after it. */
  nextBundleAt: Date;
}

export const DEFAULT_REVIEWS_PER_DAY = 3;

const DAYS_SQL = `
  SELECT DISTINCT ON (person_id) organization_id, person_id, local_date, due_at, next_bundle_at
  FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::timestamptz[], $5::timestamptz[])
    AS day(organization_id, person_id, local_date, due_at, next_bundle_at)
  ORDER BY person_id, due_at`;

/** A review left undone is superseded by today's bundle, which brings the card again while it is due. */
const EXPIRE_UNDONE_SQL = countedByKindAndChannel(`
  UPDATE scheduler.deliveries d SET status = '${DeliveryStatus.EXPIRED}', updated_at = now()
  FROM (${DAYS_SQL}) day
  WHERE d.person_id = day.person_id AND d.organization_id = day.organization_id
    AND d.kind = '${DeliveryKind.REVIEW}' AND d.status = '${DeliveryStatus.SENT}' AND d.local_date < day.local_date
  RETURNING d.kind, d.channel`);

const INSERT_REVIEWS_SQL = `
  INSERT INTO scheduler.deliveries
    (organization_id, person_id, kind, card_id, review_of, lesson_id, local_date, due_at, status, channel, sent_at)
  SELECT day.organization_id, day.person_id, '${DeliveryKind.REVIEW}', card.card_id, card.kind, card.lesson_id,
         day.local_date, day.due_at, '${DeliveryStatus.SENT}', '${DeliveryChannel.IN_APP}', $6
  FROM (${DAYS_SQL}) day
  CROSS JOIN LATERAL (
    SELECT cs.card_id, cs.kind, cs.lesson_id FROM scheduler.card_states cs
    WHERE cs.person_id = day.person_id AND cs.organization_id = day.organization_id AND cs.due < day.next_bundle_at
      AND NOT EXISTS (
        SELECT 1 FROM scheduler.deliveries r
        WHERE r.person_id = day.person_id AND r.kind = '${DeliveryKind.REVIEW}' AND r.card_id = cs.card_id
          AND r.local_date = day.local_date
      )
    ORDER BY cs.due, cs.card_id
    LIMIT GREATEST(0,
      COALESCE((SELECT s.reviews_per_day FROM scheduler.scheduler_settings s WHERE s.organization_id = day.organization_id),
               ${DEFAULT_REVIEWS_PER_DAY})
      - (SELECT count(*) FROM scheduler.deliveries r
         WHERE r.person_id = day.person_id AND r.kind = '${DeliveryKind.REVIEW}' AND r.local_date = day.local_date))
  ) card
  ON CONFLICT DO NOTHING
  RETURNING id`;

/**
 * Every card of the lessons just delivered starts its FSRS state; a card met twice keeps its first.
 * `deliveries` names the lesson deliveries: a table expression with the deliveries' columns.
 */
export function cardsMetBy(deliveries: string): string {
  return `
  INSERT INTO scheduler.card_states (organization_id, person_id, card_id, kind, lesson_id, due)
  SELECT d.organization_id, d.person_id, (card->>'cardId')::uuid, '${ReviewItemKind.CARD}', d.lesson_id, d.due_at
  FROM ${deliveries} d
  JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
  JOIN scheduler.track_lessons lesson
    ON lesson.track_id = e.track_id AND lesson.version = e.track_version AND lesson.lesson_id = d.lesson_id
  CROSS JOIN LATERAL jsonb_array_elements(lesson.review_cards) card
  ON CONFLICT (person_id, card_id) DO NOTHING`;
}

const MEET_CARDS_SQL = cardsMetBy('(SELECT * FROM scheduler.deliveries WHERE id = ANY($1::uuid[]))');

/**
 * The spaced-review half of each learner's daily bundle (docs/ARCHITECTURE.md#scheduling), written
 * in the planner's transaction beside the lessons: the cards due before the
 * learner's next bundle, earliest first, at most the organization's daily
 * cap; then the cards of today's lessons join the learner's deck, due from
 * the next bundle on. Reviews are in-app rows that `today` reads.
 */
export async function writeReviewBundles(
  manager: EntityManager,
  days: BundleDay[],
  lessonDeliveryIds: string[],
  now: Date,
): Promise<number> {
  let reviews = 0;
  if (days.length > 0) {
    const parameters = [
      days.map((day) => day.organizationId),
      days.map((day) => day.personId),
      days.map((day) => day.localDate),
      days.map((day) => day.dueAt.toISOString()),
      days.map((day) => day.nextBundleAt.toISOString()),
    ];
    countOnCommit(manager, deliveriesExpired, await manager.query<DeliveryCount[]>(EXPIRE_UNDONE_SQL, parameters));
    reviews = (await manager.query<unknown[]>(INSERT_REVIEWS_SQL, [...parameters, now.toISOString()])).length;
  }
  if (lessonDeliveryIds.length > 0) await manager.query(MEET_CARDS_SQL, [lessonDeliveryIds]);
  return reviews;
}
