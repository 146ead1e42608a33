import { Controller, DynamicModule, Get, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import Redis from 'ioredis';

const REDIS_URL = Symbol('REDIS_URL');

@Injectable()
class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @Inject(REDIS_URL) url: string,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on('error', () => undefined);
  }

  /**
   * Up when Redis answers and will not evict keys: under any other
   * maxmemory-policy, BullMQ silently loses jobs when memory runs short.
   */
  async check(key: string) {
    const indicator = this.indicators.check(key);
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      const [, policy] = (await this.redis.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy !== 'noeviction') {
        return indicator.down({ message: `maxmemory-policy is ${policy}; queues need noeviction` });
      }
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

@Controller()
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Redis both answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.pingCheck('postgres'), () => this.redis.check('redis')]);
  }
}

@Module({})
export class HealthModule {
  static forService(redisUrl: string): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ provide: REDIS_URL, useValue: redisUrl }, RedisHealthIndicator],
    };
  }
}
