import { CreateSchedulerSchema1763888400000 } from './1763888400000-create-scheduler-schema';
import { AddSpacedReviews1795433108975 } from './1795433108975-add-spaced-reviews';
import { AddWebhookEndpoints1795434338918 } from './1795434338918-add-webhook-endpoints';

/** In order; the scheduler data source loads exactly these. */
export const schedulerMigrations = [
  CreateSchedulerSchema1763888400000,
  AddSpacedReviews1795433108975,
  AddWebhookEndpoints1795434338918,
];
