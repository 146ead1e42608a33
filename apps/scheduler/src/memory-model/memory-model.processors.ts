import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { runAcrossTenants, runInOrganization } from '@tend/database';
import { JobQueue, KeptJobScheduler, MemoryModelFitJobData, QueueJob, QueueName } from '@tend/queue';
import { SchedulerConfig } from '../scheduler.config';
import { MemoryModelFit } from './memory-model-fit.entity';
import { MEMORY_MODEL_SWEEP_JOB, memoryModelFitJob } from './memory-model-fit.job';
import { MemoryModelFitter } from './memory-model-fitter';

/** Which organizations are fitted this period, and whether one already was. */
@Injectable()
export class MemoryModelFits {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.MemoryModelFit) private readonly queue: JobQueue<QueueName.MemoryModelFit>,
    private readonly clock: Clock,
    private readonly fitter: MemoryModelFitter,
    private readonly config: SchedulerConfig,
  ) {}

  /** Adds a fit for every organization with a review rated in the last period; returns how many. */
  async sweep(): Promise<number> {
    const now = this.clock.now().getTime();
    const every = this.config.MEMORY_MODEL_FIT_EVERY_MS;
    const periodStartedAt = new Date(Math.floor(now / every) * every);
    const organizations: { organization_id: string }[] = await runAcrossTenants(MEMORY_MODEL_SWEEP_JOB, () =>
      this.dataSource.query('SELECT DISTINCT organization_id FROM scheduler.card_states WHERE last_review >= $1', [
        new Date(now - every),
      ]),
    );
    const jobs = organizations.map(({ organization_id: organizationId }) =>
      memoryModelFitJob({ organizationId, periodStartedAt: periodStartedAt.toISOString() }),
    );
    await this.queue.addBulk(jobs);
    return jobs.length;
  }

  /** The fit of one organization for one period, unless an attempt was already made in it. */
  async fitOnce(data: MemoryModelFitJobData): Promise<MemoryModelFit | null> {
    const since = new Date(data.periodStartedAt);
    const earlier = await this.dataSource
      .getRepository(MemoryModelFit)
      .createQueryBuilder('fit')
      .where('fit.organization_id = :organizationId AND fit.attempted_at >= :since', {
        organizationId: data.organizationId,
        since,
      })
      .getExists();
    return earlier ? null : this.fitter.fit(data.organizationId);
  }
}

@Processor(QueueName.MemoryModelFit)
export class MemoryModelFitProcessor extends WorkerHost {
  constructor(private readonly fits: MemoryModelFits) {
    super();
  }

  async process(job: QueueJob<QueueName.MemoryModelFit>): Promise<unknown> {
    if (job.name === MEMORY_MODEL_SWEEP_JOB) return this.fits.sweep();
    const fit = await runInOrganization(job.data.organizationId, () => this.fits.fitOnce(job.data));
    return fit ? { outcome: fit.outcome, reviewCount: fit.reviewCount } : 'already fitted this period';
  }
}

@Injectable()
export class MemoryModelSweepSchedule extends KeptJobScheduler<QueueName.MemoryModelFit> {
  constructor(
    @InjectQueue(QueueName.MemoryModelFit) queue: JobQueue<QueueName.MemoryModelFit>,
    config: SchedulerConfig,
  ) {
    super(queue, MEMORY_MODEL_SWEEP_JOB, config.MEMORY_MODEL_FIT_EVERY_MS, {
      name: MEMORY_MODEL_SWEEP_JOB,
      opts: { removeOnComplete: true, removeOnFail: 100 },
    });
  }
}
