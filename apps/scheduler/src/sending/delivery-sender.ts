import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { Delivery, DeliveryStatus } from '../deliveries/delivery.entity';
import { DeliverySendJobData } from './delivery-send.job';
import { EmailChannel, isPermanentEmailFailure } from './email.channel';

interface Outgoing {
  status: DeliveryStatus;
  email: string;
  title: string | null;
  minutes: number | null;
}

/**
 * Sends one scheduled delivery through its channel. Only a SCHEDULED delivery
 * is sent, so a job that runs twice (a retry, a reconciled copy) sends once.
 */
@Injectable()
export class DeliverySender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly email: EmailChannel,
  ) {}

  /** `lastAttempt`: no retry follows a failure of this one, so the failure becomes the delivery's FAILED status. */
  async send({ organizationId, deliveryId }: DeliverySendJobData, lastAttempt: boolean): Promise<'sent' | 'skipped'> {
    const [outgoing]: Outgoing[] = await this.dataSource.query(
      `SELECT d.status, p.email, lesson.title, lesson.minutes
       FROM scheduler.deliveries d
       JOIN scheduler.people p ON p.person_id = d.person_id
       LEFT JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
       LEFT JOIN scheduler.track_lessons lesson
         ON lesson.track_id = e.track_id AND lesson.version = e.track_version AND lesson.lesson_id = d.lesson_id
       WHERE d.organization_id = $1 AND d.id = $2`,
      [organizationId, deliveryId],
    );
    if (outgoing?.status !== DeliveryStatus.SCHEDULED) return 'skipped';
    if (!this.email.enabled || outgoing.title === null || outgoing.minutes === null) {
      const reason = this.email.enabled ? 'the lesson is not known to the scheduler' : 'email is not configured';
      await this.recordFailure(organizationId, deliveryId, reason, true);
      throw new UnrecoverableError(reason);
    }
    try {
      await this.email.sendLesson({ to: outgoing.email, title: outgoing.title, minutes: outgoing.minutes });
    } catch (error) {
      const permanent = isPermanentEmailFailure(error);
      await this.recordFailure(organizationId, deliveryId, (error as Error).message, permanent || lastAttempt);
      throw permanent ? new UnrecoverableError((error as Error).message) : error;
    }
    await this.dataSource
      .getRepository(Delivery)
      .createQueryBuilder()
      .update(Delivery)
      .set({ status: DeliveryStatus.SENT, sentAt: this.clock.now(), attempts: () => 'attempts + 1', lastError: null })
      .where('id = :deliveryId AND organization_id = :organizationId AND status = :scheduled', {
        deliveryId,
        organizationId,
        scheduled: DeliveryStatus.SCHEDULED,
      })
      .execute();
    return 'sent';
  }

  private async recordFailure(organizationId: string, deliveryId: string, reason: string, final: boolean) {
    await this.dataSource
      .getRepository(Delivery)
      .createQueryBuilder()
      .update(Delivery)
      .set({
        attempts: () => 'attempts + 1',
        lastError: reason.slice(0, 1000),
        ...(final ? { status: DeliveryStatus.FAILED } : {}),
      })
      .where('id = :deliveryId AND organization_id = :organizationId AND status = :scheduled', {
        deliveryId,
        organizationId,
        scheduled: DeliveryStatus.SCHEDULED,
      })
      .execute();
  }
}
