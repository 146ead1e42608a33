import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { runAcrossTenants, runInOrganization } from '@tend/database';
import { JobQueue, KeptJobScheduler, QueueJob, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { LTI_SCORES_WRITTEN } from './lti-score-outbox';
import { LTI_SCORE_SWEEP_JOB, ltiScoreSendJob, ltiScoreSendJobId } from './lti-score-send.job';
import { LtiScoreSender } from './lti-score-sender';

/** At most this many waiting scores get their job back per sweep; the next sweep takes the rest. */
const SWEEP_BATCH = 1000;

/** Adds the send job of a kept score, and of every waiting score whose job was lost or whose round of retries ran out. */
@Injectable()
export class LtiScoreSends {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.LtiScores) private readonly queue: JobQueue<QueueName.LtiScores>,
    private readonly config: SchedulerConfig,
  ) {}

  async add(organizationId: string, scoreId: string): Promise<void> {
    const job = ltiScoreSendJob(
      { organizationId, scoreId },
      this.config.LTI_SCORE_ATTEMPTS,
      this.config.LTI_SCORE_BACKOFF_MS,
    );
    await this.queue.add(job.name, job.data, job.opts);
  }

  async sweep(): Promise<number> {
    const waiting: { id: string; organization_id: string }[] = await runAcrossTenants('lti.scores.sweep', () =>
      this.dataSource.query(
        `SELECT id, organization_id FROM scheduler.lti_scores WHERE sent_at IS NULL ORDER BY created_at LIMIT $1`,
        [SWEEP_BATCH],
      ),
    );
    let restarted = 0;
    for (const score of waiting) {
      const existing = await this.queue.getJob(ltiScoreSendJobId(score.id));
      if (existing && !(await existing.isFailed())) continue;
      await existing?.remove();
      await this.add(score.organization_id, score.id);
      restarted += 1;
    }
    return restarted;
  }
}

@Processor(QueueName.LtiScores, { concurrency: 4 })
export class LtiScoreSendProcessor extends WorkerHost {
  constructor(
    private readonly sender: LtiScoreSender,
    private readonly sends: LtiScoreSends,
  ) {
    super();
  }

  process(job: QueueJob<QueueName.LtiScores>): Promise<number | string> {
    if (job.name === LTI_SCORE_SWEEP_JOB) return this.sends.sweep();
    return runInOrganization(job.data.organizationId, () =>
      this.sender.send(job.data.organizationId, job.data.scoreId),
    );
  }
}

@Injectable()
export class LtiScoreSweepSchedule extends KeptJobScheduler<QueueName.LtiScores> {
  constructor(@InjectQueue(QueueName.LtiScores) queue: JobQueue<QueueName.LtiScores>, config: SchedulerConfig) {
    super(queue, LTI_SCORE_SWEEP_JOB, config.RECONCILER_EVERY_MS, {
      name: LTI_SCORE_SWEEP_JOB,
      opts: { removeOnComplete: true, removeOnFail: 100 },
    });
  }
}

/** Starts a score's send as soon as the completion that kept it commits. */
@Injectable()
export class LtiScoreSendAfterCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger('LtiScoreSend');

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly sends: LtiScoreSends,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const written = event.queryRunner.data?.[LTI_SCORES_WRITTEN] as Map<string, string> | undefined;
    if (!written) return;
    delete event.queryRunner.data[LTI_SCORES_WRITTEN];
    for (const [scoreId, organizationId] of written) {
      this.sends
        .add(organizationId, scoreId)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'the sweep starts the send instead'));
    }
  }
}
