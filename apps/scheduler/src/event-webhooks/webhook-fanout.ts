import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runAcrossTenants } from '@tend/database';
import { JobQueue, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { webhookSendJob } from './webhook-send.job';

const BATCH_SIZE = 500;
/** Beyond a send's lock and its timeout: a message due this much longer lost its job. */
const LOST_AFTER_MS = 15_000;

interface Due {
  id: string;
  organization_id: string;
  generation: number;
}

/**
 * The publishing half of the scheduler's outbox of public events: each recorded event
 * becomes one message per subscription that hears its type (made before the event was
 * recorded), in one transaction with marking the event fanned out, oldest first. A
 * disabled subscription's messages wait for it to be enabled again. The send jobs are
 * added after the commit; were they lost (a crash between the two, a Redis flush), the
 * reconciler adds them again.
 */
@Injectable()
export class WebhookFanout {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.WebhooksSend) private readonly sendQueue: JobQueue<QueueName.WebhooksSend>,
    private readonly config: SchedulerConfig,
  ) {}

  /** Fans out until the outbox is empty; returns how many events it handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (let handled = await this.fanOutBatch(); handled > 0; handled = await this.fanOutBatch()) total += handled;
    return total;
  }

  async fanOutBatch(): Promise<number> {
    const { handled, due } = await runAcrossTenants('webhooks.fanout', () =>
      this.dataSource.transaction(async (manager) => {
        const events: { id: string }[] = await manager.query(
          `SELECT id FROM scheduler.webhook_events WHERE fanned_out_at IS NULL
            ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [BATCH_SIZE],
        );
        if (events.length === 0) return { handled: 0, due: [] as Due[] };
        const ids = events.map((event) => event.id);
        const due: Due[] = await manager.query(
          `WITH made AS (
             INSERT INTO scheduler.webhook_messages (organization_id, subscription_id, event_id)
             SELECT e.organization_id, s.id, e.id
               FROM scheduler.webhook_events e
               JOIN scheduler.webhook_subscriptions s
                 ON s.organization_id = e.organization_id AND e.type = ANY(s.events) AND s.created_at <= e.created_at
              WHERE e.id = ANY($1::uuid[])
              ORDER BY e.sequence
             ON CONFLICT (subscription_id, event_id) DO NOTHING
             RETURNING id, organization_id, generation, subscription_id
           )
           SELECT made.id, made.organization_id, made.generation FROM made
             JOIN scheduler.webhook_subscriptions s ON s.id = made.subscription_id
            WHERE s.disabled_at IS NULL`,
          [ids],
        );
        await manager.query(`UPDATE scheduler.webhook_events SET fanned_out_at = now() WHERE id = ANY($1::uuid[])`, [
          ids,
        ]);
        return { handled: events.length, due };
      }),
    );
    await this.enqueue(due);
    return handled;
  }

  /**
   * Adds again the send job of every message that has waited longer than a send can
   * take: its job was lost (Redis flushed, or the job failed for good after its worker
   * was killed twice). A job still queued is left alone, so nothing is sent twice for it.
   */
  async reconcile(): Promise<number> {
    const lostAfterMs = this.config.SEND_JOB_LOCK_MS + LOST_AFTER_MS;
    const due: Due[] = await runAcrossTenants('webhooks.reconcile', () =>
      this.dataSource.query(
        `SELECT m.id, m.organization_id, m.generation FROM scheduler.webhook_messages m
           JOIN scheduler.webhook_subscriptions s ON s.id = m.subscription_id
          WHERE m.status = 'PENDING' AND s.disabled_at IS NULL
            AND m.next_attempt_at < now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY m.next_attempt_at LIMIT 1000`,
        [lostAfterMs],
      ),
    );
    let added = 0;
    for (const message of due) {
      const job = webhookSendJob({
        organizationId: message.organization_id,
        messageId: message.id,
        generation: message.generation,
      });
      const existing = await this.sendQueue.getJob(job.opts.jobId as string);
      if (existing && !(await existing.isFailed())) continue;
      await existing?.remove();
      await this.sendQueue.add(job.name, job.data, job.opts);
      added += 1;
    }
    return added;
  }

  private async enqueue(due: Due[]): Promise<void> {
    if (due.length === 0) return;
    await this.sendQueue.addBulk(
      due.map((message) =>
        webhookSendJob({
          organizationId: message.organization_id,
          messageId: message.id,
          generation: message.generation,
        }),
      ),
    );
  }
}
