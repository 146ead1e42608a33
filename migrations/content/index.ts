import { CreateContentSchema1763888400000 } from './1763888400000-create-content-schema';

/** In order; the content data source loads exactly these. */
export const contentMigrations = [CreateContentSchema1763888400000];
