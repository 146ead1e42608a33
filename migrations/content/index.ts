import { CreateContentSchema1763888400000 } from './1763888400000-create-content-schema';
import { EnableContentRowLevelSecurity1795433087358 } from './1795433087358-enable-row-level-security';

/** In order; the content data source loads exactly these. */
export const contentMigrations = [CreateContentSchema1763888400000, EnableContentRowLevelSecurity1795433087358];
