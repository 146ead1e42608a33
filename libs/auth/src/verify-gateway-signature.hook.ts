import type { FastifyInstance } from 'fastify';
import { Principal } from './principal';
import { PrincipalSigner } from './principal-signer';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Operator tools (the scheduler's queue console) live under this prefix and check their own
 * operator credentials: an operator's browser reaches them, never through the gateway.
 */
export const OPERATOR_PATH_PREFIX = '/operator/';

/**
 * Subgraphs answer only the gateway: every request but the probes, `/metrics` and the operator
 * tools must carry a principal signed with the shared secret. This runs before GraphQL, so it
 * covers federation's own `_service` and `_entities` fields too.
 */
export function requireGatewaySignature(
  fastify: FastifyInstance,
  signer: PrincipalSigner,
  openPaths: readonly string[] = ['/health', '/ready', '/metrics'],
): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (openPaths.includes(path) || path.startsWith(OPERATOR_PATH_PREFIX)) return;
    const principal = signer.verify(request.headers);
    if (!principal) {
      await reply.code(401).send({
        errors: [
          {
            message: 'This service answers only requests signed by the Tend gateway',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
      return reply;
    }
    request.principal = principal;
  });
}
