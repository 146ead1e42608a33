import { BullModule } from '@nestjs/bullmq';
import { DynamicModule } from '@nestjs/common';
import { jobTelemetry } from '@tend/observability/tracing';
import { redisOptionsFromUrl } from './redis-connection';

export interface QueueRootSettings {
  redisUrl: string;
  prefix: string;
}

/**
 * BullMQ's root connection for a service, with the deployment's key prefix; every queue and
 * worker of the service shares it, and with it the trace context of a job when tracing is on.
 */
export function queueRootModule(settings: QueueRootSettings): DynamicModule {
  return BullModule.forRoot({
    connection: redisOptionsFromUrl(settings.redisUrl),
    prefix: settings.prefix,
    telemetry: jobTelemetry(),
  });
}
