import { createGatewayRuntime, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Transport } from '@graphql-mesh/transport-common';
import { AsyncFetchFn, buildHTTPExecutor } from '@graphql-tools/executor-http';
import { GraphQLError } from 'graphql';
import { PrincipalSigner } from '@tend/auth';
import { AccessTokenVerifier } from '../authentication/access-token.verifier';
import { ApiKeyRateLimiter } from '../authentication/api-key-rate-limiter';
import { ApiKeyVerifier } from '../authentication/api-key.verifier';
import { Verifiers } from '../authentication/authenticate';
import { IdentityProviderVerifier } from '../authentication/identity-provider.verifier';
import { SignInAnswerCache } from '../authentication/sign-in-answer-cache';
import { CohortsInternalApi } from '../composition/cohorts-internal-api';
import { formatGatewayError } from '../composition/format-gateway-error';
import { GatewayConfig } from '../gateway.config';
import { useTendAbuseLimits } from './hive-abuse-limits';
import { TendCaller, useTendAuthentication } from './tend-authentication.plugin';

export interface TendHiveGatewayOptions {
  /** The gateway's own settings: the signing secret, the local key, cohorts' URL, Redis for API key limits. */
  config: GatewayConfig;
  /** A composed supergraph, such as the committed apps/gateway/supergraph.graphql. */
  supergraphSdl: string;
  /** Where a subgraph (by name: content, cohorts, scheduler) runs when not at the URL the supergraph names. */
  subgraphUrls?: Readonly<Record<string, string>>;
}

/**
 * Tend's supergraph served by Hive Gateway instead of Tend's Apollo gateway, with the same
 * authentication. The runtime is a fetch handler and a Node request listener alike, so an
 * operator mounts it in a server of their own: `createServer(createTendHiveGateway(...))`.
 * `dispose()` releases it, the verifiers' Redis connections included.
 */
export function createTendHiveGateway({
  config,
  supergraphSdl,
  subgraphUrls = {},
}: TendHiveGatewayOptions): GatewayRuntime<TendCaller> {
  // The same verifiers, built the same way, as GatewayModule's providers.
  const cohorts = new CohortsInternalApi(config);
  const rateLimiter = new ApiKeyRateLimiter(config);
  const signIns = new SignInAnswerCache(config);
  const verifiers: Verifiers = {
    accessTokens: new AccessTokenVerifier(config, cohorts, signIns),
    apiKeys: new ApiKeyVerifier(cohorts, rateLimiter, signIns),
    identityProviders: new IdentityProviderVerifier(config, cohorts),
  };
  const signer = new PrincipalSigner(config.GATEWAY_SIGNING_SECRET);
  return createGatewayRuntime<TendCaller>({
    supergraph: supergraphSdl,
    transports: { http: httpTransport(subgraphUrls) },
    plugins: () => [
      useTendAuthentication({ verifiers, signer }),
      ...useTendAbuseLimits(config.INTROSPECTION),
      // What Nest's onModuleDestroy does for Tend's gateway: the verifiers' Redis connections.
      {
        onDispose: () => {
          rateLimiter.onModuleDestroy();
          signIns.onModuleDestroy();
        },
      },
    ],
    // The plugin forwards the request id, after the rule Tend's logs use; Hive's own would pass any header on.
    requestId: false,
    // Callers see errors as Tend's gateway shows them; which subgraph answered, and how, stays inside.
    subgraphErrors: false,
    maskedErrors: { maskError: inTendsWords },
    // Introspection only where Tend's gateway allows it.
    ...(config.INTROSPECTION ? {} : { disableIntrospection: {} }),
    graphiql: false,
    landingPage: false,
    logging: hiveLogLevel(config.LOG_LEVEL),
  });
}

/**
 * Subgraphs over HTTP. The runtime loads `@graphql-mesh/transport-http` for this unless given
 * a transport, and only the `@graphql-hive/gateway` CLI package brings that module; this is
 * the same executor it builds, on the runtime's fetch, so the runtime's fetch hooks still apply.
 */
function httpTransport(subgraphUrls: Readonly<Record<string, string>>): Transport {
  return {
    getSubgraphExecutor: ({ subgraphName, transportEntry, fetch = globalThis.fetch, getDisposeReason }) =>
      buildHTTPExecutor({
        endpoint: subgraphUrls[subgraphName] ?? transportEntry.location,
        // The runtime's fetch (MeshFetch) may answer synchronously, which the executor also takes.
        fetch: fetch as AsyncFetchFn,
        getDisposeReason,
      }),
  };
}

/**
 * An error as formatGatewayError words it for Tend's gateway. A public error (a refusal, bad
 * input) stays the same error with only the extensions callers see, and `extensions.http`,
 * which Yoga reads for the status (401, 403, 429) and then strips; Yoga logs every error
 * replaced by another, so only the unexpected ones are.
 */
function inTendsWords(error: unknown): GraphQLError {
  const original = error instanceof GraphQLError ? error : undefined;
  const formatted = formatGatewayError(original ? original.toJSON() : { message: String(error) });
  if (!original || formatted.message !== original.message || formatted.extensions?.code !== original.extensions.code) {
    return new GraphQLError(formatted.message, { path: formatted.path, extensions: formatted.extensions });
  }
  for (const name of Object.keys(original.extensions)) {
    if (name !== 'http' && !(name in (formatted.extensions ?? {}))) delete original.extensions[name];
  }
  return original;
}

function hiveLogLevel(level: string): 'trace' | 'debug' | 'info' | 'warn' | 'error' | false {
  if (level === 'silent') return false;
  if (level === 'fatal') return 'error';
  return level as 'trace' | 'debug' | 'info' | 'warn' | 'error';
}
