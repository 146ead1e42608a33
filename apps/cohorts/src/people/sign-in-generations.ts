import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { signInGenerationKey } from '@tend/auth';
import { DomainEventType, takeEventsWritten } from '@tend/events';
import { CohortsConfig } from '../cohorts.config';

/** The events after which a person may sign in differently, or not at all. */
const SIGN_IN_EVENTS: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'cohorts.person_upserted',
  'cohorts.person_deactivated',
  'cohorts.person_reactivated',
  'cohorts.person_erased',
]);

/**
 * Tells the gateways that the sign-in answers they keep for an organization are out of date
 * (see `signInGenerationKey`): after every transaction that changed its people, once it has
 * committed and before the change's response leaves (TypeORM awaits this step inside
 * `commitTransaction`), and after a change to its API clients (`bump`).
 */
@Injectable()
export class SignInGenerations implements EntitySubscriberInterface, OnModuleDestroy {
  private readonly logger = new Logger(SignInGenerations.name);
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly config: CohortsConfig,
  ) {
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    this.redis.on('error', (error: Error) => this.logger.warn({ err: error }, 'Redis for sign-in generations'));
    dataSource.subscribers.push(this);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A released savepoint is reported as a commit too; only the outermost one is seen by others.
    if (event.queryRunner.isTransactionActive) return;
    const organizations = new Set(
      takeEventsWritten(event.queryRunner)
        .filter((written) => SIGN_IN_EVENTS.has(written.type))
        .map((written) => written.organizationId),
    );
    await this.bump(organizations);
  }

  /** Call once the change has committed: a gateway that asks cohorts sooner would keep the old answer. */
  async bump(organizationIds: Iterable<string>): Promise<void> {
    const organizations = new Set(organizationIds);
    if (organizations.size === 0) return;
    const bump = this.redis.multi();
    for (const organizationId of organizations) {
      bump.incr(signInGenerationKey(this.config.REDIS_PREFIX, organizationId));
    }
    try {
      await bump.exec();
    } catch (error) {
      this.logger.warn(
        { err: error, organizations: [...organizations] },
        'gateways keep their sign-in answers for these organizations until those expire',
      );
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
