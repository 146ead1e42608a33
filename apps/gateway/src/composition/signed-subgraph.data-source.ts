import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { Principal, PrincipalSigner } from '@tend/auth';

export interface GatewayRequestContext {
  principal?: Principal;
  requestId?: string;
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
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayRequestContext>): void {
    const principal: Principal = (context as GatewayRequestContext | undefined)?.principal ?? { kind: 'gateway' };
    for (const [name, value] of Object.entries(this.signer.sign(principal))) {
      request.http?.headers.set(name, value);
    }
    const requestId = (context as GatewayRequestContext | undefined)?.requestId;
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }
}
