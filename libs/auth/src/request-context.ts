import type { Principal } from './principal';

/** What every resolver finds in its GraphQL context. */
export interface RequestContext {
  principal?: Principal;
  /** Per-request DataLoaders, created fresh for each request so nothing is cached across callers. */
  loaders: Map<string, unknown>;
}

/** The request's loader under `key`, created on first use so each request gets its own cache. */
export function requestScoped<T>(context: RequestContext, key: string, create: () => T): T {
  let value = context.loaders.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    context.loaders.set(key, value);
  }
  return value;
}
