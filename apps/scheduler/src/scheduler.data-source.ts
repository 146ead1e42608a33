import { DataSourceOptions } from 'typeorm';
import { DatabaseTimeouts, serviceDataSourceOptions } from '@tend/database';
import { schedulerMigrations } from '@tend/scheduler-migrations';
import { CoachingMoment } from './coaching-moments/coaching-moment.entity';
import { Delivery } from './deliveries/delivery.entity';
import { CohortMember } from './projections/cohort-member.entity';
import { ProjectedCohort } from './projections/cohort.entity';
import { ProjectedEnrollment } from './projections/enrollment.entity';
import { LearnerEnrollment } from './projections/learner-enrollment.entity';
import { ProjectedPerson } from './projections/person.entity';
import { TrackLesson } from './projections/track-lesson.entity';
import { CardState } from './reviews/card-state.entity';
import { MemoryModelFit } from './memory-model/memory-model-fit.entity';
import { SchedulerSettings } from './reviews/scheduler-settings.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { WebhookDelivery, WebhookSubscription } from './event-webhooks/webhook-subscription.entity';

export const SCHEDULER_SCHEMA = 'scheduler';

/** The scheduler's database, shared by the app and its migration command. */
export function schedulerDataSourceOptions(databaseUrl: string, timeouts?: DatabaseTimeouts): DataSourceOptions {
  return serviceDataSourceOptions({
    url: databaseUrl,
    timeouts,
    schema: SCHEDULER_SCHEMA,
    entities: [
      ProjectedPerson,
      ProjectedCohort,
      CohortMember,
      TrackLesson,
      ProjectedEnrollment,
      LearnerEnrollment,
      Delivery,
      CoachingMoment,
      CardState,
      MemoryModelFit,
      SchedulerSettings,
      WebhookEndpoint,
      WebhookSubscription,
      WebhookDelivery,
    ],
    migrations: schedulerMigrations,
  });
}
