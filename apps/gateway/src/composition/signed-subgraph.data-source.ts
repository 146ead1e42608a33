import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { Principal, PrincipalSigner } from '@tend/auth';
import { keepAliveFetcher } from './keep-alive-fetcher';
import type { TimedRequestContext } from '@tend/observability';

type SubgraphResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** A subgraph that is not there (restarting, crashed, overloaded past the answer timeout). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** Seconds a caller is asked to wait when a subgraph cannot be reached: a restart takes a few. */
export const UNREACHABLE_RETRY_AFTER_SECONDS = 5;

/** One client, and so one pool of kept-alive sockets, for every subgraph. */
const subgraphFetcher = keepAliveFetcher();

export interface GatewayRequestContext extends TimedRequestContext {
  principal?: Principal;
  requestId?: string;
  /** The caller's address as the gateway saw it, for the audit log. */
  clientAddress?: string;
}

/**
 * Every fetch from the gateway to a subgraph carries the caller's principal,
 * signed; composing the schema at start carries the gateway's own.
 */
export class SignedSubgraphDataSource extends RemoteGraphQLDataSource<GatewayRequestContext> {
  constructor(
    url: string,
    private readonly signer: PrincipalSigner,
  ) {
    // Rather than the default make-fetch-happen, whose HTTP cache and proxy layers a hop to a
    // subgraph does not use.
    super({ url, fetcher: subgraphFetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayRequestContext>): void {
    const principal: Principal = (context as GatewayRequestContext | undefined)?.principal ?? { kind: 'gateway' };
    for (const [name, value] of Object.entries(this.signer.sign(principal))) {
      request.http?.headers.set(name, value);
    }
    const requestId = (context as GatewayRequestContext | undefined)?.requestId;
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }

  /**
   * A subgraph that cannot be reached is a moment's outage, not a fault of the request: the caller
   * gets SERVICE_UNAVAILABLE with the seconds to wait, as load shedding answers, and may retry.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayRequestContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (!UNREACHABLE.has((error as { code?: string }).code ?? '')) throw error;
      throw new GraphQLError('Part of Tend is not answering at the moment; try again in a few seconds', {
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: UNREACHABLE_RETRY_AFTER_SECONDS },
        originalError: error as Error,
      });
    }
  }

  /**
   * A subgraph refuses a whole request (a variable it cannot coerce, say) with an
   * HTTP error and a GraphQL error that says why; the caller gets that error with
   * its code, rather than a generic failure of the internal hop.
   */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const [first] =
      (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors ?? [];
    if (typeof first?.message === 'string' && typeof first.extensions?.code === 'string') {
      return new GraphQLError(first.message, { extensions: { code: first.extensions.code } });
    }
    return error;
  }
}
