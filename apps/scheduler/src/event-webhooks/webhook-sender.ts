import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { JobQueue, QueueName, WebhookSendJobData } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { WebhookChannel, WebhookFailure } from '../sending/webhook.channel';
import { WebhookEnvelope, WebhookEventType, WEBHOOK_PAYLOAD_VERSION } from './webhook-event-types';
import { webhookSendJob } from './webhook-send.job';

interface Outgoing {
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  generation: number;
  subscription_id: string;
  event_id: string;
  type: WebhookEventType;
  occurred_at: Date;
  payload: WebhookEnvelope['data'];
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  disabled_at: Date | null;
}

export type AttemptResult = 'delivered' | 'retrying' | 'failed' | 'held' | 'skipped';

/** How long recording an attempt waits for Postgres; the job's lock is renewed meanwhile. */
const RECORD_PATIENCE_MS = 10 * 60_000;

/** The body of an event's every message: the same bytes on each retry and replay. */
export function webhookBody(type: WebhookEventType, occurredAt: Date, data: WebhookEnvelope['data']): string {
  const envelope: WebhookEnvelope = {
    type,
    version: WEBHOOK_PAYLOAD_VERSION,
    timestamp: occurredAt.toISOString(),
    data,
  };
  return JSON.stringify(envelope);
}

/**
 * One attempt to deliver one message: recorded as IN_FLIGHT before it goes, so an
 * attempt whose sender died shows; posted through the bridge webhooks' channel (its
 * address policy, checked at the connection); then its outcome, the message's next
 * retry or its end, and the subscription's health, in one transaction.
 *
 * The webhook-id is the event id, the same on every retry and replay. A sender killed
 * after the receiver's 2xx and before this records it leaves the message PENDING: the
 * job runs again after its lock lapses (or the reconciler adds it), and the receiver
 * sees the same webhook-id once more.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.WebhooksSend) private readonly sendQueue: JobQueue<QueueName.WebhooksSend>,
    private readonly channel: WebhookChannel,
    private readonly config: SchedulerConfig,
    private readonly clock: Clock,
  ) {}

  async attempt({ organizationId, messageId, generation }: WebhookSendJobData): Promise<AttemptResult> {
    const [outgoing]: Outgoing[] = await this.dataSource.query(
      `SELECT m.status, m.attempts, m.generation, m.subscription_id, m.event_id, e.type, e.occurred_at, e.payload,
              s.url, s.secret, s.previous_secret, s.previous_secret_expires_at, s.disabled_at
         FROM scheduler.webhook_messages m
         JOIN scheduler.webhook_events e ON e.id = m.event_id
         JOIN scheduler.webhook_subscriptions s ON s.id = m.subscription_id
        WHERE m.organization_id = $1 AND m.id = $2`,
      [organizationId, messageId],
    );
    if (!outgoing || outgoing.status !== 'PENDING' || outgoing.generation !== generation) return 'skipped';
    if (outgoing.disabled_at !== null) return 'held';

    const attempt = outgoing.attempts + 1;
    const [{ id: attemptId }]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO scheduler.webhook_attempts (organization_id, subscription_id, message_id, event_id, event_type, attempt)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [organizationId, outgoing.subscription_id, messageId, outgoing.event_id, outgoing.type, attempt],
    );
    const secrets = [outgoing.secret];
    if (
      outgoing.previous_secret &&
      outgoing.previous_secret_expires_at &&
      outgoing.previous_secret_expires_at > this.clock.now()
    ) {
      secrets.push(outgoing.previous_secret);
    }
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      statusCode = await this.channel.post({
        url: outgoing.url,
        secret: secrets,
        messageId: outgoing.event_id,
        body: webhookBody(outgoing.type, new Date(outgoing.occurred_at), outgoing.payload),
      });
    } catch (failure) {
      statusCode = failure instanceof WebhookFailure ? failure.status : null;
      error = (failure as Error).message.slice(0, 1000);
    }
    const outcome: Outcome = {
      organizationId,
      messageId,
      generation,
      attemptId,
      attempt,
      subscriptionId: outgoing.subscription_id,
      eventId: outgoing.event_id,
      statusCode,
      error,
      durationMs: Math.round(performance.now() - started),
    };
    const result = await this.recordPatiently(outcome);
    if (result.retryAfterMs !== null) {
      const next = webhookSendJob({ organizationId, messageId, generation: generation + 1 }, result.retryAfterMs);
      await this.sendQueue.add(next.name, next.data, next.opts);
    }
    return result.result;
  }

  /** Were the outcome lost to an unreachable database, the job would fail and its retry send once more. */
  private async recordPatiently(outcome: Outcome): Promise<{ result: AttemptResult; retryAfterMs: number | null }> {
    const giveUpAt = Date.now() + RECORD_PATIENCE_MS;
    for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
      try {
        return await this.record(outcome);
      } catch (error) {
        if (Date.now() > giveUpAt) throw error;
        this.logger.warn(
          { messageId: outcome.messageId, err: error },
          'attempted; recording it waits for the database',
        );
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private record(outcome: Outcome): Promise<{ result: AttemptResult; retryAfterMs: number | null }> {
    const { organizationId, messageId, generation, subscriptionId } = outcome;
    const succeeded = outcome.error === null;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE scheduler.webhook_attempts SET outcome = $3, status_code = $4, duration_ms = $5, error = $6, updated_at = now()
          WHERE organization_id = $1 AND id = $2`,
        [
          organizationId,
          outcome.attemptId,
          succeeded ? 'SUCCEEDED' : 'FAILED',
          outcome.statusCode,
          outcome.durationMs,
          outcome.error,
        ],
      );
      if (succeeded) {
        await manager.query(
          `UPDATE scheduler.webhook_messages
              SET status = 'DELIVERED', attempts = $4, delivered_at = now(), last_error = NULL, updated_at = now()
            WHERE organization_id = $1 AND id = $2 AND generation = $3 AND status = 'PENDING'`,
          [organizationId, messageId, generation, outcome.attempt],
        );
        await manager.query(
          `UPDATE scheduler.webhook_subscriptions SET consecutive_failures = 0, updated_at = now()
            WHERE organization_id = $1 AND id = $2 AND consecutive_failures <> 0`,
          [organizationId, subscriptionId],
        );
        return { result: 'delivered', retryAfterMs: null };
      }

      const delays = this.config.webhookRetryDelaysMs;
      const last = outcome.attempt > delays.length;
      const [[{ consecutive_failures: failures }]]: [[{ consecutive_failures: number }], number] = await manager.query(
        `UPDATE scheduler.webhook_subscriptions SET consecutive_failures = consecutive_failures + 1, updated_at = now()
          WHERE organization_id = $1 AND id = $2 RETURNING consecutive_failures`,
        [organizationId, subscriptionId],
      );
      const reason =
        outcome.statusCode === 410
          ? 'the endpoint answered 410 Gone'
          : last
            ? `event ${outcome.eventId} failed all ${outcome.attempt} attempts; the last: ${outcome.error}`
            : failures >= this.config.WEBHOOK_DISABLE_AFTER_FAILURES
              ? `${failures} attempts in a row failed; the last: ${outcome.error}`
              : null;
      const retryAfterMs = last ? null : delays[outcome.attempt - 1];
      await manager.query(
        `UPDATE scheduler.webhook_messages
            SET status = CASE WHEN $4 THEN 'FAILED' ELSE 'PENDING' END, attempts = $5, last_error = $6,
                generation = CASE WHEN $4 THEN generation ELSE generation + 1 END,
                next_attempt_at = now() + make_interval(secs => $7::double precision / 1000), updated_at = now()
          WHERE organization_id = $1 AND id = $2 AND generation = $3 AND status = 'PENDING'`,
        [organizationId, messageId, generation, last, outcome.attempt, outcome.error, retryAfterMs ?? 0],
      );
      if (reason !== null) {
        await manager.query(
          `UPDATE scheduler.webhook_subscriptions SET disabled_at = now(), disabled_reason = $3, updated_at = now()
            WHERE organization_id = $1 AND id = $2 AND disabled_at IS NULL`,
          [organizationId, subscriptionId, reason.slice(0, 1000)],
        );
        this.logger.warn({ subscriptionId, reason }, 'webhook subscription disabled');
      }
      // A disabled subscription's messages wait, with no job, until it is enabled again.
      if (last) return { result: 'failed', retryAfterMs: null };
      return { result: reason === null ? 'retrying' : 'held', retryAfterMs: reason === null ? retryAfterMs : null };
    });
  }
}

interface Outcome {
  organizationId: string;
  messageId: string;
  generation: number;
  attemptId: string;
  attempt: number;
  subscriptionId: string;
  eventId: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}
