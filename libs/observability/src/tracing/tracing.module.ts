import { Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { flushTracing } from './tracing';

@Injectable()
class TracingFlushOnShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTracing();
  }
}

/** Sends the spans still batched when the service stops, so a graceful stop loses none of them. */
@Module({ providers: [TracingFlushOnShutdown] })
export class TracingModule {}
