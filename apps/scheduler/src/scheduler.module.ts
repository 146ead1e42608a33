import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { databaseRootModule, databaseTimeoutsOf } from '@tend/database';
import { ClockModule } from '@tend/clock';
import { RolesGuard, SubgraphModule } from '@tend/graphql';
import { HealthModule, loggingModule, MetricsModule, TracingModule } from '@tend/observability';
import { QueueName, queueRootModule } from '@tend/queue';
import { QueueConsoleModule } from './queue-console/queue-console.module';
import { CoachingMomentResolver } from './coaching-moments/coaching-moment.resolver';
import { CoachingMomentService } from './coaching-moments/coaching-moment.service';
import { TodayRecognitionsResolver } from './coaching-moments/today-recognitions.resolver';
import { CompletionResolver } from './completions/completion.resolver';
import { CompletionService } from './completions/completion.service';
import { DeliveryResolver } from './deliveries/delivery.resolver';
import { DeliveryService } from './deliveries/delivery.service';
import { CohortMembersAddedHandler } from './events/cohort-members-added.handler';
import { CohortMembersRemovedHandler } from './events/cohort-members-removed.handler';
import { CohortUpsertedHandler } from './events/cohort-upserted.handler';
import { EnrollmentCreatedHandler } from './events/enrollment-created.handler';
import { EnrollmentsMigratedHandler } from './events/enrollments-migrated.handler';
import { ParticipationChangedHandler } from './events/participation-changed.handler';
import { PersonDeactivatedHandler, PersonReactivatedHandler } from './events/person-activity.handlers';
import { PersonUpsertedHandler } from './events/person-upserted.handler';
import { PersonDataExportResolver } from './person-data/person-data-export.resolver';
import { PersonDataExportService } from './person-data/person-data-export.service';
import { SchedulerPersonDataExport } from './person-data/person-data-export.type';
import { ErasedPersonJobs } from './person-data/erased-person-jobs';
import { PersonErasedHandler } from './person-data/person-erased.handler';
import { SchedulerEventsProcessor } from './events/scheduler-events.processor';
import { TrackPublishedHandler } from './events/track-published.handler';
import { EnrollmentSchedules } from './events/enrollment-schedules';
import { DeliveryPlanProcessor } from './planner/delivery-plan.processor';
import { DeliveryPlanSchedule } from './planner/delivery-plan.schedule';
import { DeliveryPlanner } from './planner/delivery-planner';
import { PlannerController } from './planner/planner.controller';
import { DeliveryCountsOnCommit } from './metrics/delivery-metrics';
import { PlannerLagGauges } from './metrics/planner-lag.gauges';
import { LearnerEnrollments } from './projections/learner-enrollments';
import { DeliveryReconcileProcessor } from './reconciler/delivery-reconcile.processor';
import { DeliveryReconcileSchedule } from './reconciler/delivery-reconcile.schedule';
import { DeliveryReconciler } from './reconciler/delivery-reconciler';
import { ReviewResolver } from './reviews/review.resolver';
import { ReviewService } from './reviews/review.service';
import { SchedulerConfig } from './scheduler.config';
import { schedulerDataSourceOptions } from './scheduler.data-source';
import { deliverySendProcessorFor } from './sending/delivery-send.processor';
import { DeliverySender } from './sending/delivery-sender';
import { EmailChannel } from './sending/email.channel';
import { CareerConversationPlanner } from './career-conversations/career-conversation-planner';
import { CareerConversationResolver } from './career-conversations/career-conversation.resolver';
import { CareerConversationSchedules } from './career-conversations/career-conversation-schedules';
import { CareerConversationService } from './career-conversations/career-conversation.service';
import { LeaderPromptPlanner } from './leader-prompts/leader-prompt-planner';
import { LeaderPromptResolver } from './leader-prompts/leader-prompt.resolver';
import { LeaderPromptSchedules } from './leader-prompts/leader-prompt-schedules';
import { LeaderPromptService } from './leader-prompts/leader-prompt.service';
import { LearningAnalyticsResolver } from './analytics/learning-analytics.resolver';
import { LearningAnalyticsService } from './analytics/learning-analytics.service';
import { LeaderReportResolver } from './leader-report/leader-report.resolver';
import { LeaderReportService } from './leader-report/leader-report.service';
import { ReportingLines } from './projections/reporting-lines';
import { PulseResolver } from './pulse/pulse.resolver';
import { PulseService } from './pulse/pulse.service';
import { WebhookChannel } from './sending/webhook.channel';
import { WebhookEndpointResolver } from './webhooks/webhook-endpoint.resolver';
import { WebhookEndpointService } from './webhooks/webhook-endpoint.service';
import { LearnerStreaks } from './streaks/learner-streaks';
import { TeamProgressResolver } from './team/team-progress.resolver';
import { MyTeamCsvResolver } from './team/my-team-csv.resolver';
import { TeamMisconceptionsResolver } from './team/team-misconceptions.resolver';
import { TeamMisconceptionsService } from './team/team-misconceptions.service';
import { TeamProgressService } from './team/team-progress.service';
import { TodayResolver } from './today/today.resolver';
import { TodayService } from './today/today.service';
import { WebhookFanout } from './event-webhooks/webhook-fanout';
import { WebhookSender } from './event-webhooks/webhook-sender';
import { WebhookSubscriptionResolver } from './event-webhooks/webhook-subscription.resolver';
import { WebhookSubscriptionService } from './event-webhooks/webhook-subscription.service';
import {
  WebhookFanoutAfterCommit,
  WebhookFanoutProcessor,
  WebhookFanoutSchedule,
  webhookSendProcessorFor,
  WebhookReconcileSchedule,
} from './event-webhooks/webhook.processors';
import { MemoryModelFitter } from './memory-model/memory-model-fitter';
import {
  MemoryModelFitProcessor,
  MemoryModelFits,
  MemoryModelSweepSchedule,
} from './memory-model/memory-model.processors';
import { MemoryModelResolver } from './memory-model/memory-model.resolver';
import { MemoryModelService } from './memory-model/memory-model.service';
import { LeaderPromptRecallResolver, RecallForecastResolver } from './team/recall-forecast.resolver';
import { RecallForecastService } from './team/recall-forecast.service';
import { LtiGradeClient } from './lti-scores/lti-grade-client';
import { LtiJwksController } from './lti-scores/lti-jwks.controller';
import { LtiLineItemLinkedHandler } from './lti-scores/lti-line-item-linked.handler';
import { LtiScoreSender } from './lti-scores/lti-score-sender';
import {
  LtiScoreSendAfterCommit,
  LtiScoreSendProcessor,
  LtiScoreSends,
  LtiScoreSweepSchedule,
} from './lti-scores/lti-scores.processors';
import { LtiToolKeyService } from './lti-scores/lti-tool-key.service';
import { LrsClient } from './xapi/lrs-client';
import { LrsCredentials } from './xapi/lrs-credentials';
import { LrsResolver } from './xapi/lrs.resolver';
import { LrsService } from './xapi/lrs.service';
import { XapiSender } from './xapi/xapi-sender';
import { XapiSendAfterCommit, XapiSendProcessor, XapiSends, XapiSweepSchedule } from './xapi/xapi.processors';

@Module({})
export class SchedulerModule {
  static register(config: SchedulerConfig): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [
        loggingModule('scheduler', config.LOG_LEVEL),
        TracingModule,
        databaseRootModule(schedulerDataSourceOptions(config.DATABASE_URL, databaseTimeoutsOf(config))),
        queueRootModule({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX }),
        BullModule.registerQueue(
          { name: QueueName.SchedulerEvents },
          { name: QueueName.DeliveriesPlan },
          { name: QueueName.DeliveriesSend },
          { name: QueueName.DeliveriesReconcile },
          { name: QueueName.WebhooksFanout },
          { name: QueueName.WebhooksSend },
          { name: QueueName.XapiSend },
          { name: QueueName.MemoryModelFit },
          { name: QueueName.LtiScores },
        ),
        ClockModule.forRoot(config.CLOCK_ADJUSTABLE),
        SubgraphModule.forRoot({ orphanedTypes: [SchedulerPersonDataExport] }),
        HealthModule.forService(config.REDIS_URL),
        MetricsModule.forService({
          service: 'scheduler',
          databasePool: true,
          queues: [
            QueueName.SchedulerEvents,
            QueueName.DeliveriesPlan,
            QueueName.DeliveriesSend,
            QueueName.DeliveriesReconcile,
          ],
        }),
        ...(config.QUEUE_CONSOLE_PASSWORD
          ? [
              QueueConsoleModule.forService({
                redisUrl: config.REDIS_URL,
                redisPrefix: config.REDIS_PREFIX,
                password: config.QUEUE_CONSOLE_PASSWORD,
                retries: config.QUEUE_CONSOLE_RETRIES,
              }),
            ]
          : []),
      ],
      controllers: [LtiJwksController, ...(config.CLOCK_ADJUSTABLE ? [PlannerController] : [])],
      providers: [
        { provide: SchedulerConfig, useValue: config },
        { provide: APP_GUARD, useClass: RolesGuard },
        DeliveryCountsOnCommit,
        PlannerLagGauges,
        LearnerEnrollments,
        LeaderPromptSchedules,
        EnrollmentSchedules,
        CareerConversationSchedules,
        TrackPublishedHandler,
        PersonUpsertedHandler,
        CohortUpsertedHandler,
        CohortMembersAddedHandler,
        EnrollmentCreatedHandler,
        EnrollmentsMigratedHandler,
        PersonDeactivatedHandler,
        PersonReactivatedHandler,
        CohortMembersRemovedHandler,
        ParticipationChangedHandler,
        PersonErasedHandler,
        ErasedPersonJobs,
        SchedulerEventsProcessor,
        EmailChannel,
        WebhookChannel,
        WebhookEndpointService,
        WebhookEndpointResolver,
        LeaderPromptPlanner,
        CareerConversationPlanner,
        DeliveryPlanner,
        DeliveryPlanProcessor,
        DeliveryPlanSchedule,
        DeliverySender,
        deliverySendProcessorFor(config),
        DeliveryReconciler,
        DeliveryReconcileProcessor,
        DeliveryReconcileSchedule,
        DeliveryService,
        DeliveryResolver,
        TodayService,
        TodayResolver,
        CompletionService,
        CompletionResolver,
        ReportingLines,
        CoachingMomentService,
        CoachingMomentResolver,
        TodayRecognitionsResolver,
        PulseService,
        PulseResolver,
        LeaderPromptService,
        LeaderPromptResolver,
        CareerConversationService,
        CareerConversationResolver,
        LeaderReportService,
        LeaderReportResolver,
        LearningAnalyticsService,
        LearningAnalyticsResolver,
        ReviewService,
        ReviewResolver,
        MemoryModelFitter,
        MemoryModelFits,
        MemoryModelFitProcessor,
        MemoryModelSweepSchedule,
        MemoryModelService,
        MemoryModelResolver,
        RecallForecastService,
        RecallForecastResolver,
        LeaderPromptRecallResolver,
        PersonDataExportService,
        PersonDataExportResolver,
        LearnerStreaks,
        TeamProgressService,
        TeamProgressResolver,
        MyTeamCsvResolver,
        TeamMisconceptionsService,
        TeamMisconceptionsResolver,
        WebhookSubscriptionService,
        WebhookSubscriptionResolver,
        WebhookFanout,
        WebhookFanoutProcessor,
        WebhookFanoutSchedule,
        WebhookReconcileSchedule,
        WebhookFanoutAfterCommit,
        WebhookSender,
        webhookSendProcessorFor(config),
        {
          provide: LrsCredentials,
          useValue: new LrsCredentials(config.LRS_CREDENTIALS_KEY, config.GATEWAY_SIGNING_SECRET),
        },
        LrsClient,
        LrsService,
        LrsResolver,
        XapiSender,
        XapiSends,
        XapiSendProcessor,
        XapiSweepSchedule,
        XapiSendAfterCommit,
        LtiToolKeyService,
        LtiLineItemLinkedHandler,
        LtiGradeClient,
        LtiScoreSender,
        LtiScoreSends,
        LtiScoreSendProcessor,
        LtiScoreSweepSchedule,
        LtiScoreSendAfterCommit,
      ],
    };
  }
}
