import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';
import { SchedulerPersonDataExport } from './person-data-export.type';

const S = `"${SCHEDULER_SCHEMA}"`;

/**
 * What the scheduler stores about one person. Coaching moments they logged as
 * a leader are about other people, so only their number appears, and their
 * leader prompts leave out each report's progress; pulse answers carry no
 * person, so only the weeks they answered appear. Career conversations appear twice over: those
 * they had as a leader among their deliveries, those their leaders had with them on their own.
 */
@Injectable()
export class PersonDataExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(organizationId: string, personId: string): Promise<SchedulerPersonDataExport> {
    const parameters = [organizationId, personId];
    // One snapshot for the whole file: read statement by statement, an erasure committing in
    // between showed the blanked profile beside the reflections it had just cleared.
    const [settings, deliveries, reviewStates, coachingMoments, [logged], pulseWeeks, careerConversations] =
      await this.dataSource.transaction('REPEATABLE READ', (manager) =>
        Promise.all([
          manager.query(
            `SELECT email, timezone, locale, channels, webhook_bridge_id AS "webhookBridgeId", active
         FROM ${S}.people WHERE organization_id = $1 AND person_id = $2`,
            parameters,
          ),
          manager.query(
            `SELECT delivery.id, delivery.kind, delivery.status, delivery.channel, delivery.lesson_id AS "lessonId",
                lesson.title AS "lessonTitle", delivery.card_id AS "cardId", delivery.local_date::text AS "localDate",
                delivery.due_at AS "dueAt", delivery.sent_at AS "sentAt", delivery.completed_at AS "completedAt",
                delivery.subject_id AS "subjectId", delivery.answers, delivery.correct, delivery.total, delivery.reflection, delivery.rating,
                delivery.prompt, delivery.response, delivery.response_note AS "responseNote",
                -- A leader's prompt holds each report's progress that week: theirs, not the leader's.
                delivery.prompt_details - 'team' AS "promptDetails", delivery.last_error AS "lastError"
         FROM ${S}.deliveries delivery
         LEFT JOIN ${S}.enrollments enrollment ON enrollment.enrollment_id = delivery.enrollment_id
         LEFT JOIN ${S}.track_lessons lesson ON lesson.track_id = enrollment.track_id
           AND lesson.version = enrollment.track_version AND lesson.lesson_id = delivery.lesson_id
         WHERE delivery.organization_id = $1 AND delivery.person_id = $2
         ORDER BY delivery.due_at, delivery.id`,
            parameters,
          ),
          manager.query(
            `SELECT card_id AS "cardId", lesson_id AS "lessonId", due, reps, lapses, state, last_review AS "lastReview"
         FROM ${S}.card_states WHERE organization_id = $1 AND person_id = $2 ORDER BY created_at`,
            parameters,
          ),
          manager.query(
            `SELECT kind, what_happened AS "whatHappened", leader_id AS "leaderId",
                related_lesson_id AS "relatedLessonId", created_at AS "loggedAt"
         FROM ${S}.coaching_moments WHERE organization_id = $1 AND person_id = $2 ORDER BY created_at`,
            parameters,
          ),
          manager.query(
            `SELECT count(*)::int AS count FROM ${S}.coaching_moments WHERE organization_id = $1 AND leader_id = $2`,
            parameters,
          ),
          manager.query(
            `SELECT week FROM ${S}.pulse_responses WHERE organization_id = $1 AND person_id = $2 ORDER BY week`,
            parameters,
          ),
          // Their own as a leader are among their deliveries; these are their leaders' about them.
          manager.query(
            `SELECT id, person_id AS "leaderId", status, local_date::text AS "localDate", due_at AS "dueAt",
                response AS outcome, response_note AS note, completed_at AS "recordedAt"
         FROM ${S}.deliveries WHERE organization_id = $1 AND subject_id = $2 AND kind = 'CAREER_CONVERSATION'
         ORDER BY due_at, id`,
            parameters,
          ),
        ]),
      );
    return {
      personId,
      learning: {
        deliverySettings: settings[0] ?? null,
        deliveries,
        reviewStates,
        coachingMomentsAboutThem: coachingMoments,
        coachingMomentsTheyLogged: logged.count,
        pulseWeeksAnswered: pulseWeeks.map((row: { week: string }) => row.week),
        careerConversationsAboutThem: careerConversations,
      },
    };
  }
}
