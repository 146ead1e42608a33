import { timingSafeEqual } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import {
  Controller,
  DynamicModule,
  Get,
  Headers,
  Inject,
  Injectable,
  Module,
  OnModuleDestroy,
  OnModuleInit,
  Optional,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { collectDefaultMetrics, register } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ScrapeGauges } from './scrape-gauges';

export interface MetricsSettings {
  /** Every series carries it as the `service` label. */
  service: string;
  /** The queues whose jobs this service works on: their counts are read from Redis at each scrape. */
  queues?: readonly string[];
  /** Whether the service has a TypeORM data source, whose connection pool is reported. */
  databasePool?: boolean;
  /**
   * When set, `/metrics` answers only `Authorization: Bearer <token>`. The gateway's port is the
   * public one; the subgraphs' ports are reached only inside the deployment, as `/health` is.
   */
  token?: string;
}

const METRICS_SETTINGS = Symbol('METRICS_SETTINGS');

/** The state names of `tend_queue_jobs`, and the BullMQ counts each adds up. */
const QUEUE_STATES = {
  waiting: ['wait', 'prioritized'],
  active: ['active'],
  delayed: ['delayed'],
  failed: ['failed'],
} as const;

interface PoolReading {
  inUse: number;
  idle: number;
  waiting: number;
  max: number;
}

/**
 * `tend_db_pool_*`: the pg pool of the service's data source, as it was when the scrape arrived
 * (`snapshot`), so that the queries of the scrape itself are not counted in it.
 */
@Injectable()
class DatabasePoolGauges implements OnModuleInit, OnModuleDestroy {
  private gauges?: ScrapeGauges<PoolReading>;
  private pool?: Pool;
  private reading?: PoolReading;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    const dataSource = this.moduleRef.get<DataSource>(getDataSourceToken(), { strict: false });
    // TypeORM's Postgres driver keeps its pg Pool as `master`.
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
    const read = () => (this.reading ? Promise.resolve(this.reading) : Promise.reject(new Error('no snapshot yet')));
    this.gauges = new ScrapeGauges(register, read)
      .add({ name: 'tend_db_pool_in_use', help: 'Database connections checked out of the pool' }, (gauge, pool) =>
        gauge.set(pool.inUse),
      )
      .add({ name: 'tend_db_pool_idle', help: 'Open database connections idle in the pool' }, (gauge, pool) =>
        gauge.set(pool.idle),
      )
      .add({ name: 'tend_db_pool_waiting', help: 'Queries waiting for a free database connection' }, (gauge, pool) =>
        gauge.set(pool.waiting),
      )
      .add({ name: 'tend_db_pool_max', help: 'The most connections the pool opens' }, (gauge, pool) =>
        gauge.set(pool.max),
      );
  }

  snapshot(): void {
    if (!this.pool) return;
    const { totalCount, idleCount, waitingCount, options } = this.pool;
    this.reading = { inUse: totalCount - idleCount, idle: idleCount, waiting: waitingCount, max: options.max ?? 10 };
  }

  onModuleDestroy(): void {
    this.gauges?.remove();
  }
}

@Controller()
class MetricsController {
  private readonly token?: Buffer;

  constructor(
    @Inject(METRICS_SETTINGS) settings: MetricsSettings,
    @Optional() private readonly pool?: DatabasePoolGauges,
  ) {
    this.token = settings.token === undefined ? undefined : Buffer.from(`Bearer ${settings.token}`);
  }

  /** Prometheus's text format. */
  @Get('metrics')
  async metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (this.token && !sameSecret(this.token, authorization)) throw new UnauthorizedException();
    void reply.header('content-type', register.contentType);
    // Before the gauges that query the database (outbox, planner) take connections of their own.
    this.pool?.snapshot();
    return register.metrics();
  }
}

function sameSecret(expected: Buffer, given: string | undefined): boolean {
  const candidate = Buffer.from(given ?? '');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

interface QueueReading {
  queue: string;
  counts: Record<string, number>;
  oldestWaitingAt?: number;
}

/**
 * `tend_queue_jobs{queue,state}` and `tend_queue_oldest_waiting_seconds{queue}`, read from Redis at
 * each scrape (BullMQ's `getJobCounts` and the job at the head of the wait list), never per job.
 */
@Injectable()
class QueueGauges implements OnModuleInit, OnModuleDestroy {
  private gauges?: ScrapeGauges<QueueReading[]>;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(METRICS_SETTINGS) private readonly settings: MetricsSettings,
  ) {}

  onModuleInit(): void {
    const queues = (this.settings.queues ?? []).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    const read = () => Promise.all(queues.map((queue) => readQueue(queue)));
    this.gauges = new ScrapeGauges(register, read)
      .add(
        {
          name: 'tend_queue_jobs',
          help: 'Jobs in each queue by state: waiting, active, delayed, failed',
          labelNames: ['queue', 'state'] as const,
        },
        (gauge, readings) => {
          for (const { queue, counts } of readings) {
            for (const [state, kinds] of Object.entries(QUEUE_STATES)) {
              gauge.set(
                { queue, state },
                kinds.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0),
              );
            }
          }
        },
      )
      .add(
        {
          name: 'tend_queue_oldest_waiting_seconds',
          help: 'How long the oldest waiting job of each queue has waited since it was due; 0 when none waits',
          labelNames: ['queue'] as const,
        },
        (gauge, readings) => {
          const now = Date.now();
          for (const { queue, oldestWaitingAt } of readings) {
            gauge.set({ queue }, oldestWaitingAt === undefined ? 0 : Math.max(0, (now - oldestWaitingAt) / 1000));
          }
        },
      );
  }

  onModuleDestroy(): void {
    this.gauges?.remove();
  }
}

async function readQueue(queue: Queue): Promise<QueueReading> {
  const kinds = Object.values(QUEUE_STATES).flat();
  const [counts, [oldest]] = await Promise.all([
    queue.getJobCounts(...kinds),
    // The wait list's far end, where workers take jobs from.
    queue.getJobs(['wait'], 0, 0, true),
  ]);
  return { queue: queue.name, counts, oldestWaitingAt: oldest && oldest.timestamp + (oldest.delay ?? 0) };
}

/**
 * `/metrics` for Prometheus: the process's own figures (CPU, memory, event loop, as `tend_process_*`
 * and `tend_nodejs_*`), what the service's code counts, and the gauges read at each scrape
 * (docs/ARCHITECTURE.md#metrics).
 */
@Module({})
export class MetricsModule {
  static forService(settings: MetricsSettings): DynamicModule {
    register.setDefaultLabels({ service: settings.service });
    if (!register.getSingleMetric('tend_process_start_time_seconds')) collectDefaultMetrics({ prefix: 'tend_' });
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_SETTINGS, useValue: settings },
        ...(settings.databasePool ? [DatabasePoolGauges] : []),
        ...(settings.queues?.length ? [QueueGauges] : []),
      ],
    };
  }
}
