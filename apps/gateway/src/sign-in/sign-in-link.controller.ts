import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isRole } from '@tend/auth';
import { ApiKeyRateLimiter } from '../authentication/api-key-rate-limiter';
import { CohortsInternalApi } from '../composition/cohorts-internal-api';
import { GatewayConfig } from '../gateway.config';
import { LocalTokenIssuer } from './local-token-issuer';
import { refuse } from './sign-in-refusal';

/** Emailed links one client address may ask for per minute, across gateway replicas. */
const LINK_REQUESTS_PER_MINUTE = 10;

/**
 * Sign-in by emailed one-time link (README "The web app"), for organizations without an identity
 * provider: ask for a link, then trade the link's secret for an access token of the kind the
 * gateway already accepts (the local key's ES256). The secret arrives in the body of a POST,
 * never in a URL; cohorts keeps the links. Refusals read as GraphQL errors do, with
 * `extensions.code`.
 */
@Controller('sign-in')
export class SignInLinkController {
  constructor(
    private readonly config: GatewayConfig,
    private readonly cohorts: CohortsInternalApi,
    private readonly rateLimiter: ApiKeyRateLimiter,
    private readonly tokens: LocalTokenIssuer,
  ) {}

  /** Always 202 with the same body, whether or not anyone has the address. */
  @Post('email-link')
  async emailLink(
    @Req() request: FastifyRequest,
    @Body() body: { email?: unknown },
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const email = body?.email;
    if (typeof email !== 'string' || email.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      return refuse(reply, { status: 400, code: 'BAD_USER_INPUT', field: 'email', message: 'Enter an email address' });
    }
    const retryAfter = await this.rateLimiter.retryAfter(`sign-in-link-rate:${request.ip}`, LINK_REQUESTS_PER_MINUTE);
    if (retryAfter !== undefined) {
      reply.header('retry-after', String(retryAfter));
      return refuse(reply, {
        status: 429,
        code: 'RATE_LIMITED',
        message: 'Too many sign-in links asked for; wait a minute',
      });
    }
    const answer = await this.cohorts.post('/internal/sign-in-links/email', { email });
    if (!answer.ok) throw new Error(`cohorts answered ${answer.status} to /internal/sign-in-links/email`);
    await reply.code(202).send({ accepted: true });
  }

  @Post('redeem')
  async redeem(@Body() body: { link?: unknown }, @Res() reply: FastifyReply): Promise<void> {
    if (typeof body?.link !== 'string' || body.link.length > 200) {
      return refuse(reply, { status: 400, code: 'BAD_USER_INPUT', field: 'link', message: 'Send the sign-in link' });
    }
    const answer = await this.cohorts.post('/internal/sign-in-links/redeem', { link: body.link });
    if (answer.status === 401) {
      return refuse(reply, {
        status: 401,
        code: 'UNAUTHENTICATED',
        message: 'This sign-in link is unknown, used or expired; ask for a new one',
      });
    }
    if (!answer.ok) throw new Error(`cohorts answered ${answer.status} to /internal/sign-in-links/redeem`);
    const person = (await answer.json()) as { organizationId: string; personId: string; role: unknown };
    if (!isRole(person.role)) throw new Error('cohorts named no role for the signed-in person');
    const accessToken = this.tokens.issue({
      organizationId: person.organizationId,
      personId: person.personId,
      role: person.role,
    });
    await reply
      .code(200)
      .header('cache-control', 'no-store')
      .send({ accessToken, expiresInSeconds: this.config.SIGN_IN_TOKEN_TTL_SECONDS });
  }
}
