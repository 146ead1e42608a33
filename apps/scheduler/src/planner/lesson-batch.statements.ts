import { NamedStatement } from '@tend/database';
import type { DeliveryChannelName } from '@tend/events';
import { CohortCadenceRow } from '../cadence/lesson-slot-calendar';
import { DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { WrittenDelivery } from '../leader-prompts/leader-prompt-planner';
import { cardsMetBy } from '../reviews/review-bundle';

/** A claimed learner enrollment whose next lesson is due, and what about the person planning needs. */
export interface ClaimedLearner {
  id: string;
  organization_id: string;
  enrollment_id: string;
  person_id: string;
  next_position: number;
  next_at: Date;
  person_timezone: string;
  channels: DeliveryChannelName[];
  /** `next_at` and `channels` as Postgres spells them, to find the learner's group again exactly. */
  next_at_text: string;
  channels_key: string;
  in_several: boolean;
  /** Whether the person has spaced-review cards: without any, a bundle has no reviews to bring or expire. */
  has_cards: boolean;
  /** Whether a recent lesson of theirs is still open: without one, no reminder can follow. */
  may_nudge: boolean;
}

/**
 * Claimed learners alike in everything their lesson depends on: they share its plan. The rows
 * stay in Postgres; only the group and its size come back.
 */
export interface DueGroup {
  enrollment_id: string;
  person_timezone: string;
  next_at: Date;
  next_position: number;
  channels: DeliveryChannelName[];
  /** `next_at` and `channels` as Postgres spells them: the key matches the rows to the microsecond. */
  next_at_text: string;
  channels_key: string;
  learners: number;
}

type LearnerKey = Pick<
  DueGroup,
  'enrollment_id' | 'person_timezone' | 'next_at_text' | 'next_position' | 'channels_key'
>;

/** What a learner row and its group have alike, as one string. */
export function keyOf(row: LearnerKey): string {
  return [row.enrollment_id, row.person_timezone, row.next_at_text, row.next_position, row.channels_key].join('|');
}

/** What the learners of one enrollment share: the cohort's cadence and rank, the track's lessons. */
export interface EnrollmentRow extends CohortCadenceRow {
  enrollment_id: string;
  cohort_timezone: string;
  priority: number;
  has_webhook: boolean;
  lessons: { position: number; lessonId: string; hasCards: boolean }[];
}

/**
 * A batch's claimed rows stay in Postgres, in a table of the session's own that each commit
 * empties: the planner reads back who is alike, not every learner, and writes their lessons from
 * here. Created on a connection's first batch, there for its later ones.
 */
export const BATCH_TABLE_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS planner_batch (
    id uuid, organization_id uuid, enrollment_id uuid, person_id uuid, next_position int, next_at timestamptz,
    person_timezone text, channels text[], in_several boolean, has_cards boolean, may_nudge boolean
  ) ON COMMIT DELETE ROWS`;

/**
 * Rows stay unclaimable until their track's lessons are projected, so an
 * enrollment that arrived before its track waits instead of finishing early.
 * Only the learner rows are locked, never the projections they join, and the
 * per-person look-ups run for the claimed rows only, not for the rows another
 * batch holds and this one skips. Each look-up stops at its first row.
 * `nudgeWindowStart` is the earliest lesson day a reminder can follow.
 */
export const CLAIM_DUE = new NamedStatement<{ now: string; limit: number; nudgeWindowStart: string }>(
  `
  WITH claimed AS (
    SELECT le.id, le.organization_id, le.enrollment_id, le.person_id, le.next_position, le.next_at,
           p.timezone AS person_timezone, p.channels
    FROM scheduler.learner_enrollments le
    JOIN scheduler.people p ON p.person_id = le.person_id
    WHERE le.next_at <= $now
      AND p.active
      AND le.status = 'ACTIVE'
      AND le.enrollment_id IN (
        SELECT e.enrollment_id FROM scheduler.enrollments e
        JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
        WHERE EXISTS (
          SELECT 1 FROM scheduler.track_lessons known WHERE known.track_id = e.track_id AND known.version = e.track_version
        )
      )
    ORDER BY le.next_at, le.person_id
    LIMIT $limit
    FOR UPDATE OF le SKIP LOCKED
  )
  INSERT INTO pg_temp.planner_batch
  SELECT claimed.*, several.found IS NOT NULL, cards.found IS NOT NULL, open_lesson.found IS NOT NULL
  FROM claimed
  LEFT JOIN LATERAL (
    SELECT 1 AS found FROM scheduler.learner_enrollments other
    WHERE other.person_id = claimed.person_id AND other.id <> claimed.id LIMIT 1
  ) several ON true
  LEFT JOIN LATERAL (
    SELECT 1 AS found FROM scheduler.card_states cs WHERE cs.person_id = claimed.person_id LIMIT 1
  ) cards ON true
  LEFT JOIN LATERAL (
    SELECT 1 AS found FROM scheduler.deliveries d
    WHERE d.organization_id = claimed.organization_id AND d.person_id = claimed.person_id
      AND d.kind = '${DeliveryKind.LESSON}' AND d.status IN ('${DeliveryStatus.SENT}', '${DeliveryStatus.SCHEDULED}')
      AND d.local_date >= $nudgeWindowStart::date
    LIMIT 1
  ) open_lesson ON true`,
  ['now', 'limit', 'nudgeWindowStart'],
);

/** The learners planned as a group: everyone but those in several cohorts, who are ranked one by one. */
export const DUE_GROUPS_SQL = `
  SELECT enrollment_id, person_timezone, next_at, next_position, channels, next_at::text AS next_at_text,
         channels::text AS channels_key, count(*)::int AS learners
  FROM pg_temp.planner_batch
  WHERE NOT in_several
  GROUP BY enrollment_id, person_timezone, next_at, next_position, channels`;

/** The learners who need more than their group's plan: one lesson a day across cohorts, reviews, a reminder. */
export const SINGLE_LEARNERS_SQL = `
  SELECT *, next_at::text AS next_at_text, channels::text AS channels_key
  FROM pg_temp.planner_batch WHERE in_several OR has_cards OR may_nudge`;

/** Read once per batch for the few enrollments its learners belong to, not joined to every learner row. */
export const ENROLLMENTS = new NamedStatement<{ enrollmentIds: string[] }, EnrollmentRow>(
  `
  SELECT e.enrollment_id, c.timezone AS cohort_timezone, c.days_of_week, c.lesson_time, c.holidays, c.quiet_start,
         c.quiet_end, c.priority,
         EXISTS (SELECT 1 FROM scheduler.webhook_endpoints w WHERE w.organization_id = e.organization_id) AS has_webhook,
         COALESCE((
           SELECT jsonb_agg(jsonb_build_object(
             'position', tl.position, 'lessonId', tl.lesson_id, 'hasCards', jsonb_array_length(tl.review_cards) > 0))
           FROM scheduler.track_lessons tl WHERE tl.track_id = e.track_id AND tl.version = e.track_version
         ), '[]') AS lessons
  FROM scheduler.enrollments e
  JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
  WHERE e.enrollment_id = ANY($enrollmentIds::uuid[])`,
  ['enrollmentIds'],
);

/**
 * A time-ordered id (UUIDv7, RFC 9562): the Unix milliseconds, then a random UUID's bits with its
 * version set to 7. New deliveries land at the right edge of the primary key, where its pages are
 * in memory, instead of on a random page of an index of millions.
 */
const UUID_V7_SQL = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
  52, 1), 53, 1), 'hex')::uuid`;

/**
 * Writes the lessons `planned` names (organization_id, person_id, lesson_id, enrollment_id,
 * local_date, due_at, channel), one per person, lesson and day. An in-app lesson is sent once
 * written, at `$sentAt`: `today` shows it.
 */
function insertLessons(planned: string): string {
  return `
  INSERT INTO scheduler.deliveries
    (id, organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel, sent_at)
  SELECT ${UUID_V7_SQL}, organization_id, person_id, '${DeliveryKind.LESSON}', lesson_id, enrollment_id, local_date,
         due_at,
         CASE WHEN channel = '${DeliveryChannel.IN_APP}' THEN '${DeliveryStatus.SENT}' ELSE '${DeliveryStatus.SCHEDULED}' END,
         channel, CASE WHEN channel = '${DeliveryChannel.IN_APP}' THEN $sentAt::timestamptz END
  FROM ${planned}
  ON CONFLICT DO NOTHING`;
}

/** The lessons of learners planned one by one, a value of each per lesson. */
export const INSERT_DELIVERIES = new NamedStatement<
  {
    organizationIds: string[];
    personIds: string[];
    lessonIds: string[];
    enrollmentIds: string[];
    localDates: string[];
    dueAts: string[];
    sentAt: string;
    channels: DeliveryChannel[];
  },
  WrittenDelivery
>(
  `${insertLessons(
    `unnest($organizationIds::uuid[], $personIds::uuid[], $lessonIds::uuid[], $enrollmentIds::uuid[], $localDates::date[], $dueAts::timestamptz[], $channels::text[])
    AS planned(organization_id, person_id, lesson_id, enrollment_id, local_date, due_at, channel)`,
  )}
  RETURNING id, organization_id, channel`,
  ['organizationIds', 'personIds', 'lessonIds', 'enrollmentIds', 'localDates', 'dueAts', 'sentAt', 'channels'],
);

/** Learner rows moved on, a value of each per row; a null `nextAts` finishes the row. */
export const ADVANCE = new NamedStatement<{ ids: string[]; nextPositions: number[]; nextAts: (string | null)[] }>(
  `
  UPDATE scheduler.learner_enrollments le
  SET next_position = advanced.next_position, next_at = advanced.next_at, updated_at = now()
  FROM unnest($ids::uuid[], $nextPositions::int[], $nextAts::timestamptz[]) AS advanced(id, next_position, next_at)
  WHERE le.id = advanced.id`,
  ['ids', 'nextPositions', 'nextAts'],
);

/**
 * A group's outcome applied to its learners in one statement: their lessons written (the cards
 * of lessons that bring some join their decks) and their rows advanced. The first five arrays
 * name the groups (their key), the next four their lesson (null where there is none today), the
 * last two where their rows move on to; a value of each per group. What comes back is the count
 * and the deliveries that need a send job.
 */
export const PLAN_GROUPS = new NamedStatement<
  {
    enrollmentIds: string[];
    personTimezones: string[];
    nextAts: string[];
    nextPositions: number[];
    channelsKeys: string[];
    lessonIds: (string | null)[];
    localDates: (string | null)[];
    dueAts: (string | null)[];
    channels: (DeliveryChannel | null)[];
    newPositions: number[];
    newNextAts: (string | null)[];
    sentAt: string;
    lessonsWithCards: string[];
  },
  { planned: number; outgoing: WrittenDelivery[] }
>(
  `
  WITH outcome AS (
    SELECT * FROM unnest($enrollmentIds::uuid[], $personTimezones::text[], $nextAts::timestamptz[], $nextPositions::int[], $channelsKeys::text[], $lessonIds::uuid[], $localDates::date[],
                         $dueAts::timestamptz[], $channels::text[], $newPositions::int[], $newNextAts::timestamptz[])
      AS o(enrollment_id, person_timezone, next_at, next_position, channels_key, lesson_id, local_date, due_at,
           channel, new_position, new_next_at)
  ),
  learner AS (
    SELECT b.id, b.organization_id, b.person_id, o.*
    FROM pg_temp.planner_batch b
    JOIN outcome o ON o.enrollment_id = b.enrollment_id AND o.person_timezone = b.person_timezone
      AND o.next_at = b.next_at AND o.next_position = b.next_position AND o.channels_key = b.channels::text
    WHERE NOT b.in_several
  ),
  lesson AS (${insertLessons('(SELECT * FROM learner WHERE lesson_id IS NOT NULL) planned')}
    RETURNING id, organization_id, person_id, lesson_id, enrollment_id, due_at, channel
  ),
  met AS (${cardsMetBy('(SELECT * FROM lesson WHERE lesson_id = ANY($lessonsWithCards::uuid[]))')}),
  advanced AS (
    UPDATE scheduler.learner_enrollments le
    SET next_position = learner.new_position, next_at = learner.new_next_at, updated_at = now()
    FROM learner WHERE le.id = learner.id
  )
  SELECT count(*)::int AS planned,
         COALESCE(jsonb_agg(jsonb_build_object('id', id, 'organization_id', organization_id, 'channel', channel))
           FILTER (WHERE channel <> '${DeliveryChannel.IN_APP}'), '[]') AS outgoing
  FROM lesson`,
  [
    'enrollmentIds',
    'personTimezones',
    'nextAts',
    'nextPositions',
    'channelsKeys',
    'lessonIds',
    'localDates',
    'dueAts',
    'channels',
    'newPositions',
    'newNextAts',
    'sentAt',
    'lessonsWithCards',
  ],
);
