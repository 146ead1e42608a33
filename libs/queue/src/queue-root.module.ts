import { BullModule } from '@nestjs/bullmq';
import { DynamicModule } from '@nestjs/common';
import { redisOptionsFromUrl } from './redis-connection';

export interface QueueRootSettings {
  redisUrl: string;
  prefix: string;
}

/** BullMQ's root connection for a service, with the deployment's key prefix. */
export function queueRootModule(settings: QueueRootSettings): DynamicModule {
  return BullModule.forRoot({
    connection: redisOptionsFromUrl(settings.redisUrl),
    prefix: settings.prefix,
  });
}
