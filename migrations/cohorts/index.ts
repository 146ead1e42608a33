import { CreateCohortsSchema1763888400000 } from './1763888400000-create-cohorts-schema';

/** In order; the cohorts data source loads exactly these. */
export const cohortsMigrations = [CreateCohortsSchema1763888400000];
