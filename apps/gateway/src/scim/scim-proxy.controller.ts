import { All, Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PrincipalSigner } from '@tend/auth';
import { ApiKeyRateLimiter } from '../authentication/api-key-rate-limiter';
import { ScimRefusal, ScimTokenVerifier } from '../authentication/scim-token.verifier';
import { GatewayConfig } from '../gateway.config';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** The methods SCIM uses; a body goes with all of them but GET and DELETE. */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * SCIM 2.0 at /scim/v2. Cohorts owns people and cohorts, so it serves the protocol; the gateway
 * authenticates the organization's SCIM token, limits its requests per minute, and forwards the
 * request with the token's principal signed, as it signs every subgraph request. A refusal at
 * this door is a SCIM error too (RFC 7644 §3.12).
 */
@Controller('scim/v2')
export class ScimProxyController {
  private readonly signer: PrincipalSigner;

  constructor(
    private readonly config: GatewayConfig,
    private readonly tokens: ScimTokenVerifier,
    private readonly rateLimiter: ApiKeyRateLimiter,
  ) {
    this.signer = new PrincipalSigner(config.GATEWAY_SIGNING_SECRET);
  }

  @All(['', '*'])
  async forward(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      // The URL parser resolves dot segments (`/scim/v2/../graphql`, `%2e%2e` too), which the route
      // does not: what would leave /scim/v2 is refused, never forwarded with a signed principal.
      const target = new URL(request.url, this.config.COHORTS_URL);
      if (!/^\/scim\/v2(?:\/|$)/.test(target.pathname)) throw new ScimRefusal(404, 'There is no such SCIM resource');
      const principal = await this.tokens.verify(request.headers.authorization);
      const retryAfter = await this.rateLimiter.retryAfter(
        `scim-token-rate:${principal.tokenId}`,
        this.config.SCIM_TOKEN_RATE_LIMIT_PER_MINUTE,
      );
      if (retryAfter !== undefined) {
        throw new ScimRefusal(
          429,
          `This SCIM token made more than ${this.config.SCIM_TOKEN_RATE_LIMIT_PER_MINUTE} requests this minute`,
          retryAfter,
        );
      }
      const answer = await fetch(target, {
        method: request.method,
        headers: {
          'content-type': SCIM_CONTENT_TYPE,
          'x-request-id': String(request.id),
          ...this.signer.sign(principal),
        },
        body: WITH_BODY.has(request.method) ? bodyText(request.body) : undefined,
      });
      reply.code(answer.status).header('content-type', answer.headers.get('content-type') ?? SCIM_CONTENT_TYPE);
      const location = answer.headers.get('location');
      if (location) reply.header('location', location);
      await reply.send(answer.status === 204 ? undefined : await answer.text());
    } catch (error) {
      if (!(error instanceof ScimRefusal)) throw error;
      reply.code(error.status).header('content-type', SCIM_CONTENT_TYPE);
      if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
      if (error.status === 401) reply.header('www-authenticate', 'Bearer');
      await reply.send(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: String(error.status),
          detail: error.message,
        }),
      );
    }
  }
}

/** SCIM bodies arrive as text (application/scim+json) or, from a client that sends application/json, parsed. */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  return body === undefined ? '' : JSON.stringify(body);
}
