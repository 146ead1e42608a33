import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PublishedQuestion } from '@tend/events';
import { Clock } from '@tend/clock';
import { entityFromJsonRow } from '@tend/database';
import { Delivery, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { TrackLesson } from '../projections/track-lesson.entity';
import { CompletionErrors } from './completion.errors';
import { CompleteLessonInput } from './dto/complete-lesson.input';
import { Grade, gradeLesson } from './lesson-grader';
import { PendingWebhookEvent, recordWebhookEvents, someoneHears, webhookEvent } from '../event-webhooks/webhook-outbox';
import { ltiScoreGiven, ltiScoreKeptSql, markLtiScoresWritten, SCORE_MAXIMUM } from '../lti-scores/lti-score-outbox';
import { LessonResult } from './lesson-result.type';
import { ReviewItemKind } from '../reviews/card-state.entity';
import { ReviewRating } from '../reviews/review-scheduler';
import { ReviewService } from '../reviews/review.service';
import {
  QUESTION_STATES_JSON,
  questionReviewsAfter,
  recordQuestionReviews,
  StoredMemorySettings,
  StoredQuestionState,
} from '../reviews/missed-questions';

const OPEN_STATUSES = [DeliveryStatus.SENT, DeliveryStatus.SCHEDULED];

@Injectable()
export class CompletionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly reviews: ReviewService,
  ) {}

  /** A person completes one of their own lessons; it is graded against the answer key content published. */
  async completeLesson(
    organizationId: string,
    personId: string,
    deliveryId: string,
    input: CompleteLessonInput,
  ): Promise<LessonResult> {
    const [found] = (await this.dataSource.query(DELIVERY_WITH_ITS_LESSON, [organizationId, personId, deliveryId])) as {
      delivery: JsonRow;
      lesson: JsonRow | null;
      question_states: StoredQuestionState[];
      memory_settings: StoredMemorySettings | null;
    }[];
    if (!found) throw CompletionErrors.notFound(deliveryId);
    const delivery = entityFromJsonRow(this.dataSource, Delivery, found.delivery);
    assertOpenLesson(delivery);
    if (!found.lesson) throw new Error(`delivery ${deliveryId} names a lesson its enrollment's track does not hold`);

    const lesson = entityFromJsonRow(this.dataSource, TrackLesson, found.lesson);
    const grade = gradeLesson(lesson, input);
    const completedAt = this.clock.now();
    const questionReviews = grade.answers
      ? questionReviewsAfter(lesson.questions, grade.answers, found.question_states, found.memory_settings, completedAt)
      : [];
    // The completion and its webhook events commit together (docs/ARCHITECTURE.md#events).
    const completed = await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(COMPLETE_WITH_ITS_REMINDERS, [
        organizationId,
        personId,
        deliveryId,
        OPEN_STATUSES,
        grade.answers,
        grade.reflection,
        grade.correct,
        grade.total,
        completedAt,
        ltiScoreGiven(grade.correct, grade.total),
        SCORE_MAXIMUM,
        lesson.trackId,
      ])) as { delivery: JsonRow; lti_score_ids: string[] }[];
      if (!row) return undefined;
      await recordQuestionReviews(manager, organizationId, personId, lesson.lessonId, questionReviews);
      await recordWebhookEvents(manager, organizationId, [
        lessonCompleted(delivery, lesson, grade, completedAt),
        ...(await this.enrollmentCompletedBy(manager, organizationId, delivery, lesson, completedAt)),
      ]);
      // The score kept for the LMS the learner launched the track from, if any (README "LTI 1.3 Advantage").
      markLtiScoresWritten(manager, organizationId, row.lti_score_ids);
      return row;
    });
    if (!completed) {
      // Of two concurrent completions, the other one won; or the lesson has just expired.
      assertOpenLesson(
        await this.dataSource.getRepository(Delivery).findOneByOrFail({ organizationId, id: deliveryId }),
      );
      throw CompletionErrors.alreadyCompleted();
    }
    return {
      delivery: entityFromJsonRow(this.dataSource, Delivery, completed.delivery),
      correct: grade.correct,
      total: grade.total,
      feedback: grade.feedback,
    };
  }

  /**
   * A learner answers a question review of their bundle: graded as in its lesson, and scheduled by
   * FSRS from the answer (right: recalled, GOOD; wrong: a lapse, AGAIN), never self-rated.
   */
  async answerReview(
    organizationId: string,
    personId: string,
    deliveryId: string,
    choice: number,
  ): Promise<LessonResult> {
    return this.dataSource.transaction(async (manager) => {
      const delivery = await this.reviews.openReview(manager, organizationId, personId, deliveryId);
      if (delivery.reviewOf !== ReviewItemKind.QUESTION) throw CompletionErrors.rateTheCard();
      const [lesson]: { questions: PublishedQuestion[] }[] = await manager.query(
        `SELECT questions FROM scheduler.track_lessons
          WHERE organization_id = $1 AND lesson_id = $2 AND questions @> $3::jsonb
          ORDER BY version DESC LIMIT 1`,
        [organizationId, delivery.lessonId, JSON.stringify([{ questionId: delivery.cardId }])],
      );
      const question = lesson?.questions.find((each) => each.questionId === delivery.cardId);
      if (!question) throw new Error(`question ${delivery.cardId} is not among its lesson's questions here`);
      if (!Number.isInteger(choice) || choice < 0 || choice >= question.choices.length) {
        throw CompletionErrors.choiceOutOfRange(question.choices.length);
      }
      const grade = gradeLesson({ kind: 'QUIZ', questions: [question] }, { answers: [choice] });
      await this.reviews.rate(manager, delivery, grade.correct === 1 ? ReviewRating.GOOD : ReviewRating.AGAIN, {
        answers: [choice],
        correct: grade.correct,
        total: grade.total,
      });
      return { delivery, correct: grade.correct, total: grade.total, feedback: grade.feedback };
    });
  }

  /**
   * `enrollment.completed` when this completion is the one that leaves none of the
   * enrollment's lessons open for the learner: every lesson of its track version
   * completed, this one for the first time.
   */
  private async enrollmentCompletedBy(
    manager: EntityManager,
    organizationId: string,
    delivery: Delivery,
    lesson: TrackLesson,
    completedAt: Date,
  ): Promise<PendingWebhookEvent[]> {
    if (!delivery.enrollmentId || !(await someoneHears(manager, organizationId, 'enrollment.completed'))) return [];
    const [counts]: { lessons: number; completed: number; before: number }[] = await manager.query(
      `SELECT (SELECT count(*)::int FROM scheduler.track_lessons
                WHERE organization_id = $1 AND track_id = $4 AND version = $5) AS lessons,
              (SELECT count(DISTINCT lesson_id)::int FROM scheduler.deliveries
                WHERE organization_id = $1 AND person_id = $2 AND enrollment_id = $3 AND kind = 'LESSON'
                  AND status = 'COMPLETED') AS completed,
              (SELECT count(*)::int FROM scheduler.deliveries
                WHERE organization_id = $1 AND person_id = $2 AND enrollment_id = $3 AND kind = 'LESSON'
                  AND status = 'COMPLETED' AND lesson_id = $6 AND id <> $7) AS before`,
      [
        organizationId,
        delivery.personId,
        delivery.enrollmentId,
        lesson.trackId,
        lesson.version,
        lesson.lessonId,
        delivery.id,
      ],
    );
    if (counts.lessons === 0 || counts.completed < counts.lessons || counts.before > 0) return [];
    return [
      webhookEvent('enrollment.completed', delivery.personId, completedAt, {
        enrollmentId: delivery.enrollmentId,
        personId: delivery.personId,
        trackId: lesson.trackId,
        trackVersion: lesson.version,
        completedAt: completedAt.toISOString(),
        reason: 'ALL_LESSONS_COMPLETED',
      }),
    ];
  }
}

/**
 * What a subscribed LMS hears of a completion: the score and which answers were right,
 * never the reflection; the reflection rides beside the data for an LRS that opted in.
 */
function lessonCompleted(
  delivery: Delivery,
  lesson: TrackLesson,
  grade: Grade,
  completedAt: Date,
): PendingWebhookEvent {
  const answers = (grade.answers ?? []).map((choice, index) => ({
    questionId: lesson.questions[index].questionId,
    choice,
    correct: choice === lesson.questions[index].correctIndex,
  }));
  const event = webhookEvent('lesson.completed', delivery.personId, completedAt, {
    personId: delivery.personId,
    deliveryId: delivery.id,
    enrollmentId: delivery.enrollmentId,
    trackId: lesson.trackId,
    trackVersion: lesson.version,
    lessonId: lesson.lessonId,
    lessonKind: lesson.kind,
    completedAt: completedAt.toISOString(),
    score: { correct: grade.correct, total: grade.total, scaled: grade.total > 0 ? grade.correct / grade.total : null },
    answers,
  });
  return { ...event, reflection: grade.reflection };
}

type JsonRow = Record<string, unknown>;

/**
 * The caller's delivery, the lesson of it that their enrollment's track version published, and
 * what its questions' reviews are scheduled from.
 */
const DELIVERY_WITH_ITS_LESSON = `
  SELECT row_to_json(delivery) AS delivery, row_to_json(lesson) AS lesson, ${QUESTION_STATES_JSON}
  FROM scheduler.deliveries delivery
  LEFT JOIN scheduler.enrollments enrollment
    ON enrollment.organization_id = delivery.organization_id AND enrollment.enrollment_id = delivery.enrollment_id
  LEFT JOIN scheduler.track_lessons lesson
    ON lesson.organization_id = delivery.organization_id AND lesson.track_id = enrollment.track_id
   AND lesson.version = enrollment.track_version AND lesson.lesson_id = delivery.lesson_id
  WHERE delivery.organization_id = $1 AND delivery.person_id = $2 AND delivery.id = $3`;

/**
 * Completes a delivery still open, guarded by its status so that of two concurrent completions
 * exactly one wins, and with it the reminders of it (NUDGEs), whose job is done; and keeps its
 * score for an LMS's line item, where the learner came from one.
 */
const COMPLETE_WITH_ITS_REMINDERS = `
  WITH completed AS (
    UPDATE scheduler.deliveries
       SET status = '${DeliveryStatus.COMPLETED}', answers = $5, reflection = $6, correct = $7, total = $8,
           completed_at = $9, updated_at = now()
     WHERE organization_id = $1 AND person_id = $2 AND id = $3 AND status = ANY($4)
    RETURNING *
  ), reminders AS (
    UPDATE scheduler.deliveries reminder
       SET status = '${DeliveryStatus.COMPLETED}', completed_at = completed.completed_at, updated_at = now()
      FROM completed
     WHERE reminder.organization_id = completed.organization_id AND reminder.reminder_of = completed.id
       AND reminder.status = ANY($4)
  ), kept_scores AS (${ltiScoreKeptSql('$10', '$11', '$12::uuid')})
  SELECT row_to_json(completed) AS delivery, ARRAY(SELECT id FROM kept_scores) AS lti_score_ids FROM completed`;

function assertOpenLesson(delivery: Delivery): void {
  if (delivery.kind !== DeliveryKind.LESSON) throw CompletionErrors.notALesson(delivery.kind);
  if (delivery.status === DeliveryStatus.COMPLETED) throw CompletionErrors.alreadyCompleted();
  if (!OPEN_STATUSES.includes(delivery.status)) throw CompletionErrors.notOpen(delivery.status);
}
