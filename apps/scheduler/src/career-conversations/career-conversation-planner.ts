import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryChannelName } from '@tend/events';
import { LessonSlotCalendars } from '../cadence/lesson-slot-calendar';
import { DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import type { WrittenDelivery } from '../leader-prompts/leader-prompt-planner';
import { channelFor } from '../sending/channel-choice';
import { EmailChannel } from '../sending/email.channel';
import { CareerConversationCalendar, DEFAULT_CAREER_CONVERSATION_EVERY_WEEKS } from './career-conversation-calendar';

/** What the leader reads above the report's name; the app and the email say who. */
export const CAREER_CONVERSATION_PROMPT =
  'Time for a career conversation: where do they want to grow next, and what would help them get there?';

interface DuePair {
  id: string;
  organization_id: string;
  leader_id: string;
  report_id: string;
  planned_through: Date;
  /** The report still reports to the leader, and both are active and not erased. */
  holds: boolean;
  every_weeks: number;
  leader_timezone: string;
  channels: DeliveryChannelName[];
  holidays: string[];
  has_webhook: boolean;
}

const CLAIM_DUE_SQL = `
  SELECT s.id, s.organization_id, s.leader_id, s.report_id, s.planned_through,
         (report.leader_id = s.leader_id AND report.active AND NOT report.erased
           AND leader.active AND NOT leader.erased AND leader.role IN ('LEADER', 'ADMIN')) AS holds,
         COALESCE(settings.career_conversation_every_weeks, ${DEFAULT_CAREER_CONVERSATION_EVERY_WEEKS}) AS every_weeks,
         leader.timezone AS leader_timezone, leader.channels,
         ARRAY(SELECT DISTINCT day FROM scheduler.cohort_members m
               JOIN scheduler.cohorts c ON c.cohort_id = m.cohort_id
               CROSS JOIN LATERAL unnest(c.holidays) AS day
               WHERE m.person_id = s.leader_id ORDER BY day) AS holidays,
         EXISTS (SELECT 1 FROM scheduler.webhook_endpoints w WHERE w.organization_id = s.organization_id) AS has_webhook
  FROM scheduler.career_conversation_schedules s
  JOIN scheduler.people leader ON leader.person_id = s.leader_id
  JOIN scheduler.people report ON report.person_id = s.report_id
  LEFT JOIN scheduler.scheduler_settings settings ON settings.organization_id = s.organization_id
  WHERE s.next_at <= $1
  ORDER BY s.next_at
  LIMIT $2
  FOR UPDATE OF s SKIP LOCKED`;

const INSERT_CONVERSATION_SQL = `
  INSERT INTO scheduler.deliveries
    (organization_id, person_id, kind, subject_id, local_date, due_at, status, channel, sent_at, prompt)
  VALUES ($1, $2, '${DeliveryKind.CAREER_CONVERSATION}', $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT DO NOTHING
  RETURNING id, organization_id, channel`;

/**
 * Writes the leaders' career conversations (docs/ARCHITECTURE.md#scheduling), one claimed pair at a
 * time like the weekly prompts: when the pair's latest slot (`CareerConversationCalendar`) came
 * after what the row has settled, one CAREER_CONVERSATION for the leader naming the report. After
 * downtime that is one conversation, dated today, and the next falls on the pair's next slot. A
 * pair that no longer holds, or an organization that turned them off, stops the row.
 */
@Injectable()
export class CareerConversationPlanner {
  constructor(private readonly email: EmailChannel) {}

  /** One batch in the caller's transaction; `claimed` below the limit means nothing more is due. */
  async planBatch(
    manager: EntityManager,
    now: Date,
    limit: number,
    calendars: LessonSlotCalendars,
  ): Promise<{ claimed: number; written: WrittenDelivery[] }> {
    const due: DuePair[] = await manager.query(CLAIM_DUE_SQL, [now.toISOString(), limit]);
    const written: WrittenDelivery[] = [];
    for (const pair of due) {
      if (!pair.holds || pair.every_weeks === 0) {
        await manager.query(
          'UPDATE scheduler.career_conversation_schedules SET next_at = NULL, updated_at = now() WHERE id = $1',
          [pair.id],
        );
        continue;
      }
      const calendar = CareerConversationCalendar.for(
        calendars,
        pair.leader_timezone,
        pair.holidays,
        pair.report_id,
        pair.every_weeks,
      );
      const slot = calendar.latestOnOrBefore(now);
      if (slot > pair.planned_through) {
        const delivery = await this.write(manager, pair, calendar, slot, now);
        if (delivery) written.push(delivery);
      }
      await manager.query(
        `UPDATE scheduler.career_conversation_schedules SET next_at = $2, planned_through = $3, updated_at = now()
         WHERE id = $1`,
        [pair.id, calendar.firstAfter(now).toISOString(), now.toISOString()],
      );
    }
    return { claimed: due.length, written };
  }

  private async write(
    manager: EntityManager,
    pair: DuePair,
    calendar: CareerConversationCalendar,
    slot: Date,
    now: Date,
  ): Promise<WrittenDelivery | undefined> {
    const channel = channelFor(this.email.enabled, pair.channels, pair.has_webhook);
    const inApp = channel === DeliveryChannel.IN_APP;
    const localDate = calendar.localDate(now);
    const [written]: WrittenDelivery[] = await manager.query(INSERT_CONVERSATION_SQL, [
      pair.organization_id,
      pair.leader_id,
      pair.report_id,
      localDate,
      (calendar.localDate(slot) === localDate ? slot : now).toISOString(),
      inApp ? DeliveryStatus.SENT : DeliveryStatus.SCHEDULED,
      channel,
      inApp ? now.toISOString() : null,
      CAREER_CONVERSATION_PROMPT,
    ]);
    return written;
  }
}
