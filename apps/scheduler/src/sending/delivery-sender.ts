import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { DeliverySendJobData } from '@tend/queue';
import { Delivery, DeliveryChannel, DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { deliveriesFailed, deliveriesSent } from '../metrics/delivery-metrics';
import { SchedulerConfig } from '../scheduler.config';
import { SENT_NOT_RECORDED } from './delivery-send.job';
import { EmailChannel, isPermanentEmailFailure } from './email.channel';
import { WebhookChannel, WebhookFailure } from './webhook.channel';

interface Outgoing {
  id: string;
  status: DeliveryStatus;
  channel: DeliveryChannel;
  kind: string;
  person_id: string;
  lesson_id: string | null;
  subject_id: string | null;
  /** A career conversation's report, as the leader's email names them. */
  subject_email: string | null;
  prompt: string | null;
  due_at: Date;
  email: string;
  title: string | null;
  minutes: number | null;
  webhook_url: string | null;
  webhook_secret: string | null;
}

/** How long a send that went out waits for Postgres to record it; the job's lock is renewed meanwhile. */
const RECORD_SENT_PATIENCE_MS = 10 * 60_000;

/** A failure that no retry can mend. */
class PermanentFailure extends Error {}

/**
 * Another run of the same delivery's job holds it (a job BullMQ gave up on as stalled while its
 * worker was still sending, or a copy the reconciler added while the first was under way): this one
 * comes back once the claim lapses, rather than sending the message a second time.
 */
export class SendClaimedElsewhere extends Error {
  constructor(readonly waitMs: number) {
    super(`another send holds the delivery for ${waitMs} ms more`);
  }
}

/**
 * Sends one scheduled delivery through its channel. Only a SCHEDULED delivery
 * is sent, so a job that runs twice (a retry, a reconciled copy) sends once;
 * and a send first claims the delivery for `SEND_CLAIM_MS`, in the statement
 * that reads it, so two runs at the same moment send once too.
 */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly email: EmailChannel,
    private readonly webhooks: WebhookChannel,
    private readonly config: SchedulerConfig,
  ) {}

  /** `lastAttempt`: no retry follows a failure of this one, so the failure becomes the delivery's FAILED status. */
  async send({ organizationId, deliveryId }: DeliverySendJobData, lastAttempt: boolean): Promise<'sent' | 'skipped'> {
    const now = this.clock.now();
    const [outgoing]: Outgoing[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE scheduler.deliveries SET send_claimed_until = $3
         WHERE organization_id = $1 AND id = $2 AND status = '${DeliveryStatus.SCHEDULED}'
           AND (send_claimed_until IS NULL OR send_claimed_until <= $4)
         RETURNING *
       )
       SELECT d.id, d.status, d.channel, d.kind, d.person_id, d.lesson_id, d.subject_id, subject.email AS subject_email,
              d.prompt, d.due_at, p.email, lesson.title, lesson.minutes, w.url AS webhook_url, w.secret AS webhook_secret
       FROM claimed d
       JOIN scheduler.people p ON p.person_id = d.person_id
       LEFT JOIN scheduler.people subject ON subject.person_id = d.subject_id
       LEFT JOIN scheduler.webhook_endpoints w ON w.organization_id = d.organization_id
       LEFT JOIN scheduler.enrollments e ON e.enrollment_id = d.enrollment_id
       LEFT JOIN scheduler.track_lessons lesson
         ON lesson.track_id = e.track_id AND lesson.version = e.track_version AND lesson.lesson_id = d.lesson_id
       WHERE d.organization_id = $1 AND d.id = $2`,
      [organizationId, deliveryId, new Date(now.getTime() + this.config.SEND_CLAIM_MS), now],
    );
    if (!outgoing) return this.notClaimed(organizationId, deliveryId, now);
    try {
      if (outgoing.channel === DeliveryChannel.WEBHOOK) await this.sendWebhook(outgoing);
      else await this.sendEmail(outgoing);
    } catch (error) {
      const permanent =
        error instanceof PermanentFailure ||
        (error instanceof WebhookFailure && error.permanent) ||
        isPermanentEmailFailure(error);
      const failed = await this.recordFailure(
        organizationId,
        deliveryId,
        (error as Error).message,
        permanent || lastAttempt,
      );
      if (failed) deliveriesFailed.inc({ kind: outgoing.kind, channel: outgoing.channel });
      throw permanent ? new UnrecoverableError((error as Error).message) : error;
    }
    if (await this.recordSent(organizationId, deliveryId)) {
      deliveriesSent.inc({ kind: outgoing.kind, channel: outgoing.channel });
    }
    return 'sent';
  }

  /** Nothing to send (no longer SCHEDULED), unless another send holds the delivery: then it waits for that one. */
  private async notClaimed(organizationId: string, deliveryId: string, now: Date): Promise<'skipped'> {
    const [held]: { status: DeliveryStatus; send_claimed_until: Date | null }[] = await this.dataSource.query(
      'SELECT status, send_claimed_until FROM scheduler.deliveries WHERE organization_id = $1 AND id = $2',
      [organizationId, deliveryId],
    );
    if (held?.status === DeliveryStatus.SCHEDULED && held.send_claimed_until) {
      // No claim outlasts SEND_CLAIM_MS from now: a clock set back (a restarted process, NTP) must not
      // park the delivery for as long as it jumped.
      const left = held.send_claimed_until.getTime() - now.getTime();
      throw new SendClaimedElsewhere(Math.min(this.config.SEND_CLAIM_MS, Math.max(0, left)));
    }
    return 'skipped';
  }

  /**
   * The channel has taken the message, so the delivery must become SENT: were
   * the update lost to an unreachable database, the job would fail and its
   * retry send the message a second time. It is tried again until Postgres answers. Says whether
   * the row became SENT: one that expired while the send was under way stays EXPIRED.
   */
  private async recordSent(organizationId: string, deliveryId: string): Promise<boolean> {
    const giveUpAt = Date.now() + RECORD_SENT_PATIENCE_MS;
    for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
      try {
        const { affected } = await this.dataSource
          .getRepository(Delivery)
          .createQueryBuilder()
          .update(Delivery)
          .set({
            status: DeliveryStatus.SENT,
            sentAt: this.clock.now(),
            attempts: () => 'attempts + 1',
            lastError: null,
          })
          .where('id = :deliveryId AND organization_id = :organizationId AND status = :scheduled', {
            deliveryId,
            organizationId,
            scheduled: DeliveryStatus.SCHEDULED,
          })
          .execute();
        return (affected ?? 0) > 0;
      } catch (error) {
        // Sent but not recorded: a retry would send it again, so none follows.
        if (Date.now() > giveUpAt) throw new UnrecoverableError(`${SENT_NOT_RECORDED}: ${(error as Error).message}`);
        this.logger.warn({ deliveryId, err: error }, 'sent; recording it waits for the database');
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async sendEmail(outgoing: Outgoing): Promise<void> {
    if (!this.email.enabled) throw new PermanentFailure('email is not configured');
    if (outgoing.kind === DeliveryKind.LEADER_PROMPT) {
      if (outgoing.prompt === null) throw new PermanentFailure('the prompt has no question');
      await this.email.sendLeaderPrompt({ deliveryId: outgoing.id, to: outgoing.email, question: outgoing.prompt });
      return;
    }
    if (outgoing.kind === DeliveryKind.CAREER_CONVERSATION) {
      if (!outgoing.subject_email || outgoing.prompt === null) {
        throw new PermanentFailure('the person to talk with is not known to the scheduler');
      }
      await this.email.sendCareerConversation({
        deliveryId: outgoing.id,
        to: outgoing.email,
        reportEmail: outgoing.subject_email,
        question: outgoing.prompt,
      });
      return;
    }
    if (outgoing.title === null || outgoing.minutes === null) {
      throw new PermanentFailure('the lesson is not known to the scheduler');
    }
    await this.email.sendLesson({
      deliveryId: outgoing.id,
      to: outgoing.email,
      title: outgoing.title,
      minutes: outgoing.minutes,
      reminder: outgoing.kind === DeliveryKind.NUDGE,
    });
  }

  /**
   * The message names the person and the lesson (or a career conversation's report, `subjectId`) by
   * id; the receiver asks the API for more if it may.
   */
  private async sendWebhook(outgoing: Outgoing): Promise<void> {
    if (!outgoing.webhook_url || !outgoing.webhook_secret) {
      throw new PermanentFailure('the organization has no webhook endpoint any more');
    }
    const body = JSON.stringify({
      type: `delivery.${outgoing.kind.toLowerCase()}`,
      timestamp: this.clock.now().toISOString(),
      data: {
        deliveryId: outgoing.id,
        personId: outgoing.person_id,
        lessonId: outgoing.lesson_id,
        subjectId: outgoing.subject_id,
        prompt: outgoing.prompt,
        title: outgoing.title,
        minutes: outgoing.minutes,
        dueAt: outgoing.due_at.toISOString(),
      },
    });
    await this.webhooks.post({
      url: outgoing.webhook_url,
      secret: outgoing.webhook_secret,
      messageId: `msg_${outgoing.id}`,
      body,
    });
  }

  /** Says whether the delivery became FAILED. */
  private async recordFailure(
    organizationId: string,
    deliveryId: string,
    reason: string,
    final: boolean,
  ): Promise<boolean> {
    const { affected } = await this.dataSource
      .getRepository(Delivery)
      .createQueryBuilder()
      .update(Delivery)
      .set({
        attempts: () => 'attempts + 1',
        lastError: reason.slice(0, 1000),
        // This send is over: its retry, after the backoff, may claim the delivery again at once.
        sendClaimedUntil: null,
        ...(final ? { status: DeliveryStatus.FAILED } : {}),
      })
      .where('id = :deliveryId AND organization_id = :organizationId AND status = :scheduled', {
        deliveryId,
        organizationId,
        scheduled: DeliveryStatus.SCHEDULED,
      })
      .execute();
    return final && (affected ?? 0) > 0;
  }
}
