import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { databaseRootModule, databaseTimeoutsOf } from '@tend/database';
import { ClockModule } from '@tend/clock';
import { OutboxModule } from '@tend/events';
import { RolesGuard, SubgraphModule } from '@tend/graphql';
import { HealthModule, loggingModule, MetricsModule, TracingModule } from '@tend/observability';
import { QueueName, queueRootModule } from '@tend/queue';
import { ContentConfig } from './content.config';
import { CONTENT_SCHEMA, contentDataSourceOptions } from './content.data-source';
import { QuizExplanationPipe } from './first-contract/quiz-explanation.pipe';
import { LessonResolver } from './lessons/lesson.resolver';
import { ReviewCardResolver } from './lessons/review-card.resolver';
import { LessonService } from './lessons/lesson.service';
import { TrackResolver } from './tracks/track.resolver';
import { TrackRepublisher } from './tracks/track-republisher';
import { TrackService } from './tracks/track.service';
import { TrackFileResolver } from './track-files/track-file.resolver';
import { TrackFileService } from './track-files/track-file.service';
import { TranslationResolver } from './translations/translation.resolver';
import { TranslationService } from './translations/translation.service';

@Module({})
export class ContentModule {
  static register(config: ContentConfig): DynamicModule {
    return {
      module: ContentModule,
      imports: [
        loggingModule('content', config.LOG_LEVEL),
        TracingModule,
        databaseRootModule(contentDataSourceOptions(config.DATABASE_URL, databaseTimeoutsOf(config))),
        queueRootModule({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX }),
        OutboxModule.forService({
          schema: CONTENT_SCHEMA,
          relayQueue: QueueName.ContentOutbox,
          relayEveryMs: config.OUTBOX_RELAY_EVERY_MS,
        }),
        ClockModule.forRoot(config.CLOCK_ADJUSTABLE),
        SubgraphModule.forRoot(),
        HealthModule.forService(config.REDIS_URL),
        MetricsModule.forService({ service: 'content', databasePool: true, queues: [QueueName.ContentOutbox] }),
      ],
      providers: [
        { provide: ContentConfig, useValue: config },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_PIPE, useClass: QuizExplanationPipe },
        TrackService,
        TrackRepublisher,
        TrackResolver,
        LessonService,
        LessonResolver,
        ReviewCardResolver,
        TranslationService,
        TranslationResolver,
        TrackFileService,
        TrackFileResolver,
      ],
    };
  }
}
