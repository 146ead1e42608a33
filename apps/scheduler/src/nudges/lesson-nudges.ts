import type { EntityManager } from 'typeorm';
import { DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import type { WrittenDelivery } from '../leader-prompts/leader-prompt-planner';
import { MISSED_DAYS_FOR_LEADER } from '../leader-prompts/leader-prompt.types';

/** A learner's day planned in this batch, and the channel their lesson goes out by. */
export interface NudgeDay {
  organizationId: string;
  personId: string;
  localDate: string;
  dueAt: Date;
  channel: DeliveryChannel;
}

/**
 * A reminder follows the lesson's day closely, a long weekend at most: after
 * leave or a pause, an old lesson does not come back as a reminder.
 */
export const NUDGE_WITHIN_DAYS = 4;

const OPEN = `('${DeliveryStatus.SENT}', '${DeliveryStatus.SCHEDULED}')`;

/**
 * One reminder with the next morning's bundle, for the learner's latest
 * lesson when it is still open, and only while fewer than three lessons in a
 * row are undone: from the third on, the leader's weekly prompt says so
 * instead. The unique index keeps it to one a day, whatever the enrollments.
 */
const INSERT_NUDGES_SQL = `
  INSERT INTO scheduler.deliveries
    (organization_id, person_id, kind, lesson_id, enrollment_id, reminder_of, local_date, due_at, status, channel,
     sent_at)
  SELECT day.organization_id, day.person_id, '${DeliveryKind.NUDGE}', latest.lesson_id, latest.enrollment_id,
         latest.id, day.local_date, day.due_at,
         CASE WHEN day.channel = '${DeliveryChannel.IN_APP}' THEN '${DeliveryStatus.SENT}'
              ELSE '${DeliveryStatus.SCHEDULED}' END,
         day.channel,
         CASE WHEN day.channel = '${DeliveryChannel.IN_APP}' THEN $6::timestamptz END
  FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::timestamptz[], $5::text[])
    AS day(organization_id, person_id, local_date, due_at, channel)
  CROSS JOIN LATERAL (
    SELECT d.id, d.lesson_id, d.enrollment_id, d.status, d.local_date FROM scheduler.deliveries d
    WHERE d.organization_id = day.organization_id AND d.person_id = day.person_id
      AND d.kind = '${DeliveryKind.LESSON}' AND d.local_date < day.local_date
    ORDER BY d.local_date DESC, d.due_at DESC
    LIMIT 1
  ) latest
  WHERE latest.status IN ${OPEN} AND latest.local_date >= day.local_date - ${NUDGE_WITHIN_DAYS}
    AND (
      SELECT count(*) FILTER (WHERE recent.status <> '${DeliveryStatus.COMPLETED}')
      FROM (
        SELECT d.status FROM scheduler.deliveries d
        WHERE d.organization_id = day.organization_id AND d.person_id = day.person_id
          AND d.kind = '${DeliveryKind.LESSON}' AND d.local_date < day.local_date
        ORDER BY d.local_date DESC, d.due_at DESC
        LIMIT ${MISSED_DAYS_FOR_LEADER}
      ) recent
    ) < ${MISSED_DAYS_FOR_LEADER}
  ON CONFLICT DO NOTHING
  RETURNING id, organization_id, channel`;

/** Writes the batch's reminders in the planner's transaction; they go out by the same channel as the day's lesson. */
export async function writeLessonNudges(
  manager: EntityManager,
  days: NudgeDay[],
  now: Date,
): Promise<WrittenDelivery[]> {
  if (days.length === 0) return [];
  return manager.query(INSERT_NUDGES_SQL, [
    days.map((day) => day.organizationId),
    days.map((day) => day.personId),
    days.map((day) => day.localDate),
    days.map((day) => day.dueAt.toISOString()),
    days.map((day) => day.channel),
    now.toISOString(),
  ]);
}
