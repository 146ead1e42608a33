import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';

export interface KeptJob {
  name: string;
  data?: unknown;
  opts?: JobsOptions;
}

/**
 * A repeatable job, registered at start and kept registered. Its scheduler
 * lives only in Redis, so a flush or a restart without persistence loses it,
 * and nothing would run the job again until the next deploy. Each period this
 * looks whether Redis still has it and registers it again if not; the job
 * itself still runs once a period, however many replicas look. A provider
 * that extends it is registered when the application starts and stops
 * looking when it shuts down.
 */
export class KeptJobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KeptJobScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private looking = false;

  constructor(
    private readonly queue: Queue,
    private readonly schedulerId: string,
    private readonly everyMs: number,
    private readonly job: KeptJob,
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
    return this.queue.upsertJobScheduler(
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
