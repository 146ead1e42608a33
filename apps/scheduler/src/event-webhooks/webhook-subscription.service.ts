import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { ConnectionShape, keysetPage, PageArgs } from '@tend/graphql';
import { JobQueue, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { checkedWebhookUrl } from '../webhooks/webhook-url';
import { newWebhookSecret } from '../webhooks/webhook-signature';
import {
  CreateWebhookSubscriptionInput,
  ReplayWebhookEventsInput,
  UpdateWebhookSubscriptionInput,
} from './dto/webhook-subscription.inputs';
import { webhookSendJob } from './webhook-send.job';
import { WebhookSubscriptionErrors } from './webhook-subscription.errors';
import {
  WebhookDelivery,
  WebhookReplay,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from './webhook-subscription.entity';

/** Subscriptions an organization may keep. */
export const MAX_SUBSCRIPTIONS = 20;
/** How long the secret before a rotation still signs (Standard Webhooks allows several signatures). */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;
/** Events one replay by `since` schedules at most. */
export const MAX_REPLAY = 10_000;

/**
 * Admins' and API clients' (`webhooks:write`) subscriptions to the organization's events:
 * made with a secret shown once, changed, rotated, deleted, replayed.
 */
@Injectable()
export class WebhookSubscriptionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.WebhooksSend) private readonly sendQueue: JobQueue<QueueName.WebhooksSend>,
    private readonly config: SchedulerConfig,
    private readonly clock: Clock,
  ) {}

  list(organizationId: string): Promise<WebhookSubscription[]> {
    return this.dataSource
      .getRepository(WebhookSubscription)
      .find({ where: { organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(organizationId: string, id: string): Promise<WebhookSubscription> {
    const found = await this.dataSource.getRepository(WebhookSubscription).findOneBy({ organizationId, id });
    if (!found) throw WebhookSubscriptionErrors.notFound(id);
    return found;
  }

  /** It hears events recorded from now on; the URL follows the bridge endpoint's rule (`checkedWebhookUrl`). */
  async create(organizationId: string, input: CreateWebhookSubscriptionInput): Promise<WebhookSubscriptionWithSecret> {
    const url = await checkedWebhookUrl(input.url, this.config.ALLOW_LOOPBACK_WEBHOOKS);
    const secret = newWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      // One at a time per organization, so the limit holds under concurrent creations.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `scheduler.webhook_subscriptions:${organizationId}`,
      ]);
      const subscriptions = manager.getRepository(WebhookSubscription);
      if ((await subscriptions.countBy({ organizationId })) >= MAX_SUBSCRIPTIONS) {
        throw WebhookSubscriptionErrors.tooMany(MAX_SUBSCRIPTIONS);
      }
      const saved = await subscriptions.save(
        subscriptions.create({
          organizationId,
          url: url.toString(),
          events: [...input.events],
          secret,
          previousSecret: null,
          previousSecretExpiresAt: null,
          disabledAt: null,
          disabledReason: null,
          consecutiveFailures: 0,
        }),
      );
      return { subscription: saved, secret };
    });
  }

  /**
   * Enabling a disabled subscription sends what waited, from a first try again: the messages
   * held while it was disabled and the ones whose retries ran out (which disabled it).
   */
  async update(organizationId: string, input: UpdateWebhookSubscriptionInput): Promise<WebhookSubscription> {
    const current = await this.get(organizationId, input.id);
    const url = input.url ? (await checkedWebhookUrl(input.url, this.config.ALLOW_LOOPBACK_WEBHOOKS)).toString() : null;
    const enable = input.enabled === true && current.disabledAt !== null;
    const resumed = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE scheduler.webhook_subscriptions
            SET url = coalesce($3, url), events = coalesce($4::text[], events),
                disabled_at = CASE WHEN $5::boolean IS TRUE THEN NULL
                                   WHEN $5::boolean IS FALSE THEN coalesce(disabled_at, now()) ELSE disabled_at END,
                disabled_reason = CASE WHEN $5::boolean IS TRUE THEN NULL
                                       WHEN $5::boolean IS FALSE AND disabled_at IS NULL THEN 'disabled by an admin'
                                       ELSE disabled_reason END,
                consecutive_failures = CASE WHEN $5::boolean IS TRUE THEN 0 ELSE consecutive_failures END,
                updated_at = now()
          WHERE organization_id = $1 AND id = $2`,
        [organizationId, input.id, url, input.events ?? null, input.enabled ?? null],
      );
      if (!enable) return [];
      const [rows]: [{ id: string; generation: number }[], number] = await manager.query(
        `UPDATE scheduler.webhook_messages
            SET status = 'PENDING', attempts = 0, generation = generation + 1, next_attempt_at = now(), updated_at = now()
          WHERE organization_id = $1 AND subscription_id = $2 AND status IN ('PENDING', 'FAILED')
          RETURNING id, generation`,
        [organizationId, input.id],
      );
      return rows;
    });
    await this.enqueue(organizationId, resumed);
    return this.get(organizationId, input.id);
  }

  /** Its messages and attempts go with it. */
  async delete(organizationId: string, id: string): Promise<string> {
    const result = await this.dataSource.getRepository(WebhookSubscription).delete({ organizationId, id });
    if (!result.affected) throw WebhookSubscriptionErrors.notFound(id);
    return id;
  }

  /**
   * A new secret, shown once; the one before still signs for 24 hours (each message
   * carries both signatures meanwhile), so receivers can switch without losing a message.
   */
  async rotate(organizationId: string, id: string): Promise<WebhookSubscriptionWithSecret> {
    await this.get(organizationId, id);
    const secret = newWebhookSecret();
    const expires = new Date(this.clock.now().getTime() + ROTATION_OVERLAP_MS);
    await this.dataSource.query(
      `UPDATE scheduler.webhook_subscriptions
          SET previous_secret = secret, previous_secret_expires_at = $3, secret = $4, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, expires, secret],
    );
    return { subscription: await this.get(organizationId, id), secret };
  }

  /** Each attempt, newest first. */
  async deliveries(
    organizationId: string,
    subscriptionId: string,
    page: PageArgs,
  ): Promise<ConnectionShape<WebhookDelivery>> {
    await this.get(organizationId, subscriptionId);
    const query = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('attempt')
      .where('attempt.organization_id = :organizationId AND attempt.subscription_id = :subscriptionId', {
        organizationId,
        subscriptionId,
      });
    return keysetPage(query, page, { column: 'created_at', keyOf: (attempt) => attempt.createdAt, direction: 'DESC' });
  }

  /**
   * Sends events of the subscribed types again, each with its own id as webhook-id, so a
   * receiver that had it drops the repeat. A message already waiting for a retry goes now.
   */
  async replay(organizationId: string, input: ReplayWebhookEventsInput): Promise<WebhookReplay> {
    if ((input.eventIds ? 1 : 0) + (input.since ? 1 : 0) !== 1) throw WebhookSubscriptionErrors.replayNeedsOne();
    const subscription = await this.get(organizationId, input.subscriptionId);
    const rows: { id: string; generation: number }[] = await this.dataSource.query(
      `WITH chosen AS (
         SELECT e.id FROM scheduler.webhook_events e
          WHERE e.organization_id = $1 AND e.type = ANY($3::text[])
            AND (($4::uuid[] IS NOT NULL AND e.id = ANY($4::uuid[])) OR ($5::timestamptz IS NOT NULL AND e.created_at >= $5))
          ORDER BY e.sequence LIMIT $6
       )
       INSERT INTO scheduler.webhook_messages (organization_id, subscription_id, event_id)
       SELECT $1, $2, chosen.id FROM chosen
       ON CONFLICT (subscription_id, event_id) DO UPDATE
          SET status = 'PENDING', attempts = 0, generation = webhook_messages.generation + 1,
              next_attempt_at = now(), last_error = NULL, updated_at = now()
       RETURNING id, generation`,
      [organizationId, subscription.id, subscription.events, input.eventIds ?? null, input.since ?? null, MAX_REPLAY],
    );
    if (subscription.disabledAt === null) await this.enqueue(organizationId, rows);
    return { replayed: rows.length };
  }

  private async enqueue(organizationId: string, messages: { id: string; generation: number }[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 1000) {
      await this.sendQueue.addBulk(
        messages
          .slice(start, start + 1000)
          .map((message) => webhookSendJob({ organizationId, messageId: message.id, generation: message.generation })),
      );
    }
  }
}
