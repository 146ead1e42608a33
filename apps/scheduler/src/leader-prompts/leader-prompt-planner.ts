import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryChannelName } from '@tend/events';
import { LessonSlotCalendars } from '../cadence/lesson-slot-calendar';
import { DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { channelFor } from '../sending/channel-choice';
import { EmailChannel } from '../sending/email.channel';
import { suggestOpener } from './conversation-openers';
import { MISSED_DAYS_FOR_LEADER, StoredLeaderPrompt } from './leader-prompt.types';

interface DuePrompt {
  id: string;
  organization_id: string;
  enrollment_id: string;
  leader_id: string;
  next_at: Date;
  prompts_sent: number;
  leader_timezone: string;
  channels: DeliveryChannelName[];
  cohort_timezone: string;
  prompt_day: number;
  prompt_time: string;
  days_of_week: number[];
  holidays: string[];
  has_webhook: boolean;
}

interface TeamMemberRow {
  person_id: string;
  pending: boolean;
  lessons_received: number;
  lessons_completed: number;
  started: boolean;
  missed_in_a_row: number;
}

export interface WrittenDelivery {
  id: string;
  organization_id: string;
  channel: DeliveryChannel;
}

const WEEK_MS = 7 * 24 * 60 * 60_000;

const CLAIM_DUE_SQL = `
  SELECT s.id, s.organization_id, s.enrollment_id, s.leader_id, s.next_at, s.prompts_sent,
         leader.timezone AS leader_timezone, leader.channels,
         c.timezone AS cohort_timezone, c.prompt_day, c.prompt_time, c.days_of_week, c.holidays,
         EXISTS (SELECT 1 FROM scheduler.webhook_endpoints w WHERE w.organization_id = s.organization_id) AS has_webhook
  FROM scheduler.leader_prompt_schedules s
  JOIN scheduler.people leader ON leader.person_id = s.leader_id
  JOIN scheduler.enrollments e ON e.enrollment_id = s.enrollment_id
  JOIN scheduler.cohorts c ON c.cohort_id = e.cohort_id
  WHERE s.next_at <= $1 AND leader.active
  ORDER BY s.next_at
  LIMIT $2
  FOR UPDATE OF s SKIP LOCKED`;

/**
 * The leader's direct reports in the enrollment, with their week: lessons
 * received and completed in the window, whether they ever started, and how
 * many lessons in a row they have left undone before the leader's today.
 */
const TEAM_WEEK_SQL = `
  WITH team AS (
    SELECT le.person_id, le.next_at IS NOT NULL AS pending
    FROM scheduler.learner_enrollments le
    JOIN scheduler.people p ON p.person_id = le.person_id
    WHERE le.organization_id = $1 AND le.enrollment_id = $2 AND p.leader_id = $3 AND p.active AND le.status = 'ACTIVE'
  ), lessons AS (
    SELECT d.person_id, d.local_date, d.due_at, d.status = '${DeliveryStatus.COMPLETED}' AS done
    FROM scheduler.deliveries d JOIN team USING (person_id)
    WHERE d.organization_id = $1 AND d.enrollment_id = $2 AND d.kind = '${DeliveryKind.LESSON}' AND d.due_at <= $5
  ), last_done AS (
    SELECT person_id, max(local_date) AS local_date FROM lessons WHERE done GROUP BY person_id
  )
  SELECT t.person_id, t.pending, ld.local_date IS NOT NULL AS started,
         (SELECT count(*) FROM lessons l WHERE l.person_id = t.person_id AND l.due_at > $4)::int AS lessons_received,
         (SELECT count(*) FROM lessons l WHERE l.person_id = t.person_id AND l.due_at > $4 AND l.done)::int
           AS lessons_completed,
         (SELECT count(*) FROM lessons l
          WHERE l.person_id = t.person_id AND NOT l.done AND l.local_date < $6::date
            AND l.local_date > COALESCE(ld.local_date, '-infinity'::date))::int AS missed_in_a_row
  FROM team t LEFT JOIN last_done ld USING (person_id)
  ORDER BY t.person_id`;

/** The lessons the team received in the window, with the leader's question of each. */
const THEMES_SQL = `
  SELECT DISTINCT ON (tl.lesson_id) tl.lesson_id, tl.position, tl.title, tl.leader_prompt, tl.leader_listen_for
  FROM scheduler.deliveries d
  JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
  JOIN scheduler.track_lessons tl ON tl.track_id = e.track_id AND tl.lesson_id = d.lesson_id
  WHERE d.organization_id = $1 AND d.enrollment_id = $2 AND d.kind = '${DeliveryKind.LESSON}'
    AND d.person_id = ANY($3::uuid[]) AND d.due_at > $4 AND d.due_at <= $5
  ORDER BY tl.lesson_id, tl.version DESC`;

/** Question-level results of the window: the question answered wrong most often. */
const MOST_MISSED_SQL = `
  SELECT d.lesson_id, q.question->>'prompt' AS question, count(*)::int AS answered,
         count(*) FILTER (WHERE d.answers[q.position] IS DISTINCT FROM (q.question->>'correctIndex')::int)::int AS missed
  FROM scheduler.deliveries d
  JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
  JOIN scheduler.track_lessons tl
    ON tl.track_id = e.track_id AND tl.version = e.track_version AND tl.lesson_id = d.lesson_id
  CROSS JOIN LATERAL jsonb_array_elements(tl.questions) WITH ORDINALITY AS q(question, position)
  WHERE d.organization_id = $1 AND d.enrollment_id = $2 AND d.kind = '${DeliveryKind.LESSON}'
    AND d.status = '${DeliveryStatus.COMPLETED}' AND d.answers IS NOT NULL
    AND d.person_id = ANY($3::uuid[]) AND d.due_at > $4 AND d.due_at <= $5
  GROUP BY d.lesson_id, q.position, q.question->>'prompt'
  HAVING count(*) FILTER (WHERE d.answers[q.position] IS DISTINCT FROM (q.question->>'correctIndex')::int) > 0
  ORDER BY missed DESC, count(*) DESC, d.lesson_id, q.position
  LIMIT 1`;

const PREVIOUS_NOTE_SQL = `
  SELECT response_note AS note, local_date::text AS date
  FROM scheduler.deliveries
  WHERE organization_id = $1 AND person_id = $2 AND enrollment_id = $3 AND kind = '${DeliveryKind.LEADER_PROMPT}'
    AND response_note IS NOT NULL AND local_date < $4::date
  ORDER BY local_date DESC
  LIMIT 1`;

const INSERT_PROMPT_SQL = `
  INSERT INTO scheduler.deliveries
    (organization_id, person_id, kind, enrollment_id, local_date, due_at, status, channel, sent_at, prompt, prompt_details)
  VALUES ($1, $2, '${DeliveryKind.LEADER_PROMPT}', $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT DO NOTHING
  RETURNING id, organization_id, channel`;

/**
 * Writes the leaders' weekly prompts (docs/ARCHITECTURE.md#scheduling): per leader and enrollment,
 * at the cohort's prompt time in the leader's zone, built from the lessons
 * the leader's people received in the seven days before it and a snapshot of
 * how they did. A week in which the team received nothing has no prompt; a
 * schedule whose team has nothing left to learn stops. After downtime, one
 * prompt covers the last week and the next falls on its usual day.
 */
@Injectable()
export class LeaderPromptPlanner {
  constructor(private readonly email: EmailChannel) {}

  /** One batch in the caller's transaction; `claimed` below the limit means nothing more is due. */
  async planBatch(
    manager: EntityManager,
    now: Date,
    limit: number,
  ): Promise<{ claimed: number; written: WrittenDelivery[] }> {
    const due: DuePrompt[] = await manager.query(CLAIM_DUE_SQL, [now.toISOString(), limit]);
    const calendars = new LessonSlotCalendars();
    const written: WrittenDelivery[] = [];
    for (const schedule of due) {
      const plan = calendars
        .for(schedule.leader_timezone, schedule.cohort_timezone, {
          daysOfWeek: [schedule.prompt_day],
          lessonTime: schedule.prompt_time,
        })
        .planLesson(schedule.next_at, now);
      if (schedule.holidays.includes(plan.localDate)) {
        // Not on a day the cohort has off: the week's prompt comes on the next workday, at the prompt time.
        const workdays = calendars.for(schedule.leader_timezone, schedule.cohort_timezone, {
          daysOfWeek: schedule.days_of_week,
          lessonTime: schedule.prompt_time,
          holidays: schedule.holidays,
        });
        await manager.query(
          'UPDATE scheduler.leader_prompt_schedules SET next_at = $2, updated_at = now() WHERE id = $1',
          [schedule.id, workdays.slotAfter(now).toISOString()],
        );
        continue;
      }
      const week = await this.weekOf(manager, schedule, plan.dueAt, plan.localDate);
      const delivery = week.prompt ? await this.write(manager, schedule, plan, week.prompt, now) : undefined;
      if (delivery) written.push(delivery);
      await manager.query(
        `UPDATE scheduler.leader_prompt_schedules
         SET next_at = $2, prompts_sent = prompts_sent + $3, updated_at = now()
         WHERE id = $1`,
        [schedule.id, week.teamHasMore || week.prompt ? plan.nextAt.toISOString() : null, delivery ? 1 : 0],
      );
    }
    return { claimed: due.length, written };
  }

  private async weekOf(
    manager: EntityManager,
    schedule: DuePrompt,
    to: Date,
    localDate: string,
  ): Promise<{ prompt: StoredLeaderPrompt | null; teamHasMore: boolean }> {
    const from = new Date(to.getTime() - WEEK_MS);
    const window = [schedule.organization_id, schedule.enrollment_id];
    const team: TeamMemberRow[] = await manager.query(TEAM_WEEK_SQL, [
      ...window,
      schedule.leader_id,
      from.toISOString(),
      to.toISOString(),
      localDate,
    ]);
    const teamHasMore = team.some((member) => member.pending);
    const teamIds = team.map((member) => member.person_id);
    const inWindow = [...window, teamIds, from.toISOString(), to.toISOString()];
    const themes: {
      lesson_id: string;
      position: number;
      title: string;
      leader_prompt: string | null;
      leader_listen_for: string | null;
    }[] = teamIds.length ? await manager.query(THEMES_SQL, inWindow) : [];
    if (themes.length === 0) return { prompt: null, teamHasMore };

    const [mostMissed]: { lesson_id: string; question: string | null; answered: number; missed: number }[] =
      await manager.query(MOST_MISSED_SQL, inWindow);
    const [previousNote]: { note: string; date: string }[] = await manager.query(PREVIOUS_NOTE_SQL, [
      schedule.organization_id,
      schedule.leader_id,
      schedule.enrollment_id,
      localDate,
    ]);
    const week = schedule.prompts_sent + 1;
    const prompt: StoredLeaderPrompt = {
      week,
      from: from.toISOString(),
      to: to.toISOString(),
      themes: themes
        .sort((a, b) => a.position - b.position)
        .map((theme) => ({
          lessonId: theme.lesson_id,
          title: theme.title,
          question: theme.leader_prompt,
          listenFor: theme.leader_listen_for,
        })),
      team: team.map((member) => ({
        personId: member.person_id,
        lessonsReceived: member.lessons_received,
        lessonsCompleted: member.lessons_completed,
        started: member.started,
        missedWorkdaysInARow: member.missed_in_a_row,
      })),
      mostMissed: mostMissed
        ? {
            lessonId: mostMissed.lesson_id,
            question: mostMissed.question,
            missed: mostMissed.missed,
            answered: mostMissed.answered,
          }
        : null,
      opener: suggestOpener({
        week,
        mostMissedQuestion: mostMissed?.question ?? null,
        needingAWord: team.filter((member) => !member.started || member.missed_in_a_row >= MISSED_DAYS_FOR_LEADER)
          .length,
      }),
      previousNote: previousNote ?? null,
    };
    return { prompt, teamHasMore };
  }

  private async write(
    manager: EntityManager,
    schedule: DuePrompt,
    plan: { localDate: string; dueAt: Date },
    prompt: StoredLeaderPrompt,
    now: Date,
  ): Promise<WrittenDelivery | undefined> {
    const channel = channelFor(this.email.enabled, schedule.channels, schedule.has_webhook);
    const inApp = channel === DeliveryChannel.IN_APP;
    // The question of the week's latest lesson leads; a week without one leads with the opener.
    const question = [...prompt.themes].reverse().find((theme) => theme.question)?.question ?? prompt.opener.text;
    const [written]: WrittenDelivery[] = await manager.query(INSERT_PROMPT_SQL, [
      schedule.organization_id,
      schedule.leader_id,
      schedule.enrollment_id,
      plan.localDate,
      plan.dueAt.toISOString(),
      inApp ? DeliveryStatus.SENT : DeliveryStatus.SCHEDULED,
      channel,
      inApp ? now.toISOString() : null,
      question,
      JSON.stringify(prompt),
    ]);
    return written;
  }
}
