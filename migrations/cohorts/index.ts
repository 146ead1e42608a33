import { CreateCohortsSchema1763888400000 } from './1763888400000-create-cohorts-schema';
import { CreateApiClients1795429357407 } from './1795429357407-create-api-clients';

/** In order; the cohorts data source loads exactly these. */
export const cohortsMigrations = [CreateCohortsSchema1763888400000, CreateApiClients1795429357407];
