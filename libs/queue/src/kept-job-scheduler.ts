import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { JobDataOf, JobNameOf, JobQueue, JobQueueName } from './queue-jobs';

/** The repeatable job a scheduler keeps: one of its queue's jobs (queue-jobs.ts). */
export type KeptJob<Q extends JobQueueName> = {
  [N in JobNameOf<Q>]: { name: N; data?: JobDataOf<Q, N>; opts?: JobsOptions };
}[JobNameOf<Q>];

/**
 * A repeatable job, registered at start and kept registered. Its scheduler
 * lives only in Redis, so a flush or a restart without persistence loses it,
 * and nothing would run the job again until the next deploy. Each period this
 * looks whether Redis still has it and registers it again if not; the job
 * itself still runs once a period, however many replicas look. A provider
 * that extends it is registered when the application starts and stops
 * looking when it shuts down.
 */
export class KeptJobScheduler<Q extends JobQueueName> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KeptJobScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private looking = false;

  constructor(
    private readonly queue: JobQueue<Q>,
    private readonly schedulerId: string,
    private readonly everyMs: number,
    private readonly job: KeptJob<Q>,
  ) {}

  async start(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.registerAgainIfLost(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  private register(): Promise<unknown> {
    // The job was checked against its queue's jobs where the scheduler was made; BullMQ's template
    // type cannot follow a name generic over every queue.
    return (this.queue as Queue).upsertJobScheduler(
      this.schedulerId,
      { every: this.everyMs },
      { name: this.job.name, data: this.job.data, opts: this.job.opts },
    );
  }

  private async registerAgainIfLost(): Promise<void> {
    // While Redis is down a look waits for it; one waiting look is enough.
    if (this.looking) return;
    this.looking = true;
    try {
      if (await this.queue.getJobScheduler(this.schedulerId)) return;
      await this.register();
      this.logger.warn({ scheduler: this.schedulerId }, 'Redis had lost the repeatable job; registered it again');
    } catch (error) {
      this.logger.warn({ err: error, scheduler: this.schedulerId }, 'could not look for the repeatable job');
    } finally {
      this.looking = false;
    }
  }
}
