import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { Delivery, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { ProjectedEnrollment } from '../projections/enrollment.entity';
import { TrackLesson } from '../projections/track-lesson.entity';
import { CompletionErrors } from './completion.errors';
import { CompleteLessonInput } from './dto/complete-lesson.input';
import { gradeLesson } from './lesson-grader';
import { LessonResult } from './lesson-result.type';

const OPEN_STATUSES = [DeliveryStatus.SENT, DeliveryStatus.SCHEDULED];

@Injectable()
export class CompletionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A person completes one of their own lessons; it is graded against the answer key content published. */
  async completeLesson(
    organizationId: string,
    personId: string,
    deliveryId: string,
    input: CompleteLessonInput,
  ): Promise<LessonResult> {
    const deliveries = this.dataSource.getRepository(Delivery);
    const delivery = await deliveries.findOneBy({ organizationId, personId, id: deliveryId });
    if (!delivery) throw CompletionErrors.notFound(deliveryId);
    assertOpenLesson(delivery);

    const grade = gradeLesson(await this.lessonOf(organizationId, delivery), input);
    // Guarded by status, so of two concurrent completions exactly one wins.
    const { affected } = await deliveries
      .createQueryBuilder()
      .update(Delivery)
      .set({
        status: DeliveryStatus.COMPLETED,
        answers: grade.answers,
        reflection: grade.reflection,
        correct: grade.correct,
        total: grade.total,
        completedAt: this.clock.now(),
      })
      .where('id = :deliveryId AND organization_id = :organizationId AND person_id = :personId', {
        deliveryId,
        organizationId,
        personId,
      })
      .andWhere('status IN (:...open)', { open: OPEN_STATUSES })
      .execute();
    const completed = await deliveries.findOneByOrFail({ organizationId, id: deliveryId });
    if (!affected) {
      assertOpenLesson(completed);
      throw CompletionErrors.alreadyCompleted();
    }
    // Its reminder has done its job.
    await deliveries
      .createQueryBuilder()
      .update(Delivery)
      .set({ status: DeliveryStatus.COMPLETED, completedAt: completed.completedAt })
      .where('organization_id = :organizationId AND reminder_of = :deliveryId', { organizationId, deliveryId })
      .andWhere('status IN (:...open)', { open: OPEN_STATUSES })
      .execute();
    return { delivery: completed, correct: grade.correct, total: grade.total, feedback: grade.feedback };
  }

  private async lessonOf(organizationId: string, delivery: Delivery): Promise<TrackLesson> {
    return this.dataSource
      .getRepository(TrackLesson)
      .createQueryBuilder('lesson')
      .innerJoin(
        ProjectedEnrollment,
        'enrollment',
        'enrollment.track_id = lesson.track_id AND enrollment.track_version = lesson.version',
      )
      .where('lesson.organization_id = :organizationId', { organizationId })
      .andWhere('enrollment.enrollment_id = :enrollmentId', { enrollmentId: delivery.enrollmentId })
      .andWhere('lesson.lesson_id = :lessonId', { lessonId: delivery.lessonId })
      .getOneOrFail();
  }
}

function assertOpenLesson(delivery: Delivery): void {
  if (delivery.kind !== DeliveryKind.LESSON) throw CompletionErrors.notALesson(delivery.kind);
  if (delivery.status === DeliveryStatus.COMPLETED) throw CompletionErrors.alreadyCompleted();
  if (!OPEN_STATUSES.includes(delivery.status)) throw CompletionErrors.notOpen(delivery.status);
}
