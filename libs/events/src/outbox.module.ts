import { BullModule, getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { register } from 'prom-client';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { runAcrossTenants } from '@tend/database';
import { ScrapeGauges } from '@tend/observability';
import { JobNameOf, JobQueue, KeptJobScheduler, QueueName } from '@tend/queue';
import { EVENT_CONSUMERS, EventQueueName } from './domain-events';
import { OutboxRelay } from './outbox-relay';
import { OUTBOX_WRITTEN } from './outbox-writer';

export interface OutboxSettings {
  /** The service's Postgres schema, which holds its `outbox` table. */
  schema: string;
  /** The queue the relay's repeatable job runs on. */
  relayQueue: QueueName.ContentOutbox | QueueName.CohortsOutbox;
  relayEveryMs: number;
}

export const RELAY_JOB = 'outbox.relay' satisfies JobNameOf<OutboxSettings['relayQueue']>;

/**
 * The transactional outbox's publishing half for one service: a repeatable
 * `outbox.relay` job, registered once at start, that copies new events to the
 * queues of the services that consume them.
 */
@Module({})
export class OutboxModule {
  static forService(settings: OutboxSettings): DynamicModule {
    const consumerQueues = [...new Set(Object.values(EVENT_CONSUMERS).flat())];

    @Processor(settings.relayQueue)
    class OutboxRelayProcessor extends WorkerHost {
      private readonly relay: OutboxRelay;

      constructor(
        @Inject(getDataSourceToken()) dataSource: DataSource,
        @Inject('OUTBOX_CONSUMER_QUEUES') queues: Map<EventQueueName, JobQueue<EventQueueName>>,
      ) {
        super();
        this.relay = new OutboxRelay(dataSource, settings.schema, queues);
      }

      /** Drains the outbox, batch by batch, so a burst of events does not wait for the next tick. */
      async process(): Promise<number> {
        let total = 0;
        for (let published = await this.relay.relayBatch(); published > 0; published = await this.relay.relayBatch()) {
          total += published;
        }
        return total;
      }
    }

    /** Kept registered: after Redis loses it (a flush, a restart), relays would otherwise wait for the next commit. */
    @Injectable()
    class OutboxRelaySchedule extends KeptJobScheduler<OutboxSettings['relayQueue']> {
      constructor(@Inject(getQueueToken(settings.relayQueue)) queue: JobQueue<OutboxSettings['relayQueue']>) {
        super(queue, RELAY_JOB, settings.relayEveryMs, {
          name: RELAY_JOB,
          opts: { removeOnComplete: true, removeOnFail: 100 },
        });
      }
    }

    /**
     * Runs the relay as soon as a transaction that wrote events commits, so other
     * services hear of a change in milliseconds rather than at the next tick. The
     * fixed job id folds a burst of commits into one run.
     */
    @Injectable()
    class RelayAfterCommit implements EntitySubscriberInterface {
      private readonly logger = new Logger('OutboxRelay');

      constructor(
        @Inject(getDataSourceToken()) dataSource: DataSource,
        @Inject(getQueueToken(settings.relayQueue)) private readonly queue: JobQueue<OutboxSettings['relayQueue']>,
      ) {
        dataSource.subscribers.push(this);
      }

      afterTransactionCommit(event: TransactionCommitEvent): void {
        if (!event.queryRunner.data?.[OUTBOX_WRITTEN]) return;
        delete event.queryRunner.data[OUTBOX_WRITTEN];
        this.queue
          .add(RELAY_JOB, {}, { jobId: `${RELAY_JOB}.now`, removeOnComplete: true, removeOnFail: true })
          .catch((error: unknown) => this.logger.warn({ err: error }, 'the relay runs at its next tick instead'));
      }
    }

    /**
     * `tend_outbox_unpublished_events` and `tend_outbox_lag_seconds`, read at each scrape from the
     * outbox's index of unpublished rows: what other services have not heard of yet, and since when.
     */
    @Injectable()
    class OutboxGauges implements OnModuleDestroy {
      private readonly gauges: ScrapeGauges<{ unpublished: number; lag_seconds: number }>;

      constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
        const read = () =>
          runAcrossTenants('metrics', async () => {
            const [row]: { unpublished: number; lag_seconds: number }[] = await dataSource.query(
              `SELECT count(*)::int AS unpublished,
                      COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float AS lag_seconds
               FROM "${settings.schema}".outbox WHERE published_at IS NULL`,
            );
            return row;
          });
        this.gauges = new ScrapeGauges(register, read)
          .add(
            {
              name: 'tend_outbox_unpublished_events',
              help: 'Events in the outbox not yet published to their consumers',
            },
            (gauge, row) => gauge.set(row.unpublished),
          )
          .add(
            {
              name: 'tend_outbox_lag_seconds',
              help: 'How long the oldest unpublished event has waited in the outbox; 0 when none waits',
            },
            (gauge, row) => gauge.set(row.lag_seconds),
          );
      }

      onModuleDestroy(): void {
        this.gauges.remove();
      }
    }

    return {
      module: OutboxModule,
      imports: [BullModule.registerQueue(...[settings.relayQueue, ...consumerQueues].map((name) => ({ name })))],
      providers: [
        OutboxRelayProcessor,
        OutboxRelaySchedule,
        RelayAfterCommit,
        OutboxGauges,
        {
          provide: 'OUTBOX_CONSUMER_QUEUES',
          inject: consumerQueues.map((name) => getQueueToken(name)),
          useFactory: (...queues: JobQueue<EventQueueName>[]) =>
            new Map(consumerQueues.map((name, index) => [name, queues[index]])),
        },
      ],
    };
  }
}
