import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { Principal, PrincipalSigner } from '@tend/auth';
import { requestIdFrom } from '@tend/observability';
import { authenticate, Verifiers } from '../authentication/authenticate';

/** What the plugin adds to Hive Gateway's GraphQL context: who called, and the id their request is logged under. */
export interface TendCaller {
  principal: Principal;
  requestId: string;
}

export interface TendAuthenticationOptions {
  verifiers: Verifiers;
  signer: PrincipalSigner;
}

/**
 * Tend's authentication for Hive Gateway, the same rules as Tend's own Apollo gateway:
 * `authenticate()` decides who the caller is (or refuses them) before the operation is
 * parsed or planned, and every fetch to a subgraph carries that caller's principal,
 * signed, which is all a subgraph trusts.
 */
export function useTendAuthentication({ verifiers, signer }: TendAuthenticationOptions): GatewayPlugin<TendCaller> {
  // From the request's params (onParams) to its GraphQL context (onContextBuilding); gone with the request.
  const callers = new WeakMap<Request, TendCaller>();
  return {
    /**
     * Yoga's first hook that sees the operation, and it runs before parsing and validation, as
     * Apollo's context function does. Throwing here answers with the error alone and its
     * `extensions.http` status: 401 UNAUTHENTICATED, or 403 FORBIDDEN from the allow-list.
     */
    async onParams({ request, params, setParams }) {
      // The allow-list reads the body as sent and may put the registered document in place of it.
      const body = request.method === 'POST' ? { ...params } : undefined;
      let principal: Principal;
      try {
        principal = await authenticate(verifiers, {
          authorization: request.headers.get('authorization') ?? undefined,
          method: request.method,
          body,
        });
      } catch (error) {
        throw withPlainHeaders(error);
      }
      if (body && body.query !== params.query) setParams(body);
      callers.set(request, { principal, requestId: requestIdFrom(request.headers.get('x-request-id')) });
    },

    onContextBuilding({ context, extendContext }) {
      const caller = callers.get(context.request);
      if (caller) extendContext(caller);
    },

    /**
     * Every request to a subgraph, each step of a plan across subgraphs included. The signed
     * headers go in as the execution request's own headers rather than in an onFetch hook: the
     * HTTP executor merges identical in-flight queries by URL, body and those headers only, so
     * headers added later at fetch time would let one caller's answer reach another.
     * Without a caller in the context (none got past onParams) nothing is signed and the
     * subgraph refuses: the plugin never vouches for anyone it has not authenticated.
     */
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      const { principal, requestId } = (executionRequest.context ?? {}) as Partial<TendCaller>;
      if (!principal || !requestId) return;
      setExecutionRequest({
        ...executionRequest,
        extensions: {
          ...executionRequest.extensions,
          headers: {
            ...(executionRequest.extensions?.headers as Record<string, string> | undefined),
            ...signer.sign(principal),
            'x-request-id': requestId,
          },
        },
      });
    },
  };
}

/**
 * The API key rate limiter gives Retry-After as a Map, which Apollo Server reads; Yoga copies
 * `extensions.http.headers` with Object.assign, which would drop it, so it gets a plain object.
 */
function withPlainHeaders(error: unknown): unknown {
  const http = error instanceof GraphQLError ? (error.extensions.http as { headers?: unknown } | undefined) : undefined;
  if (http?.headers instanceof Map) http.headers = Object.fromEntries(http.headers);
  return error;
}
