import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { GatewayConfig } from '../gateway.config';
import { OidcSignIn } from './oidc-sign-in';
import { refuse } from './sign-in-refusal';

/**
 * The web app's sign-in through the organization's identity provider (README "The web app"):
 * where to send the person, then the code the provider sent back, traded for a token.
 */
@Controller('sign-in/oidc')
export class OidcSignInController {
  constructor(
    private readonly config: GatewayConfig,
    private readonly oidc: OidcSignIn,
  ) {}

  /** 404 alike for an organization without a provider and an id that is no organization. */
  @Get(':organizationId')
  async provider(@Param('organizationId') organizationId: string, @Res() reply: FastifyReply): Promise<void> {
    const provider = isUUID(organizationId) ? await this.oidc.providerOf(organizationId.toLowerCase()) : null;
    if (!provider) {
      return refuse(reply, { status: 404, code: 'NOT_FOUND', message: 'This workplace signs in by email link' });
    }
    await reply.code(200).send(provider);
  }

  @Post('token')
  async token(
    @Body() body: { organizationId?: unknown; code?: unknown; codeVerifier?: unknown; redirectUri?: unknown },
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { organizationId, code, codeVerifier, redirectUri } = body ?? {};
    const field = !(typeof organizationId === 'string' && isUUID(organizationId))
      ? 'organizationId'
      : !(typeof code === 'string' && code.length > 0 && code.length <= 2048)
        ? 'code'
        : !(typeof codeVerifier === 'string' && /^[A-Za-z0-9._~-]{43,128}$/.test(codeVerifier))
          ? 'codeVerifier'
          : !(typeof redirectUri === 'string' && /^https?:\/\/[^#]+$/.test(redirectUri) && redirectUri.length <= 2048)
            ? 'redirectUri'
            : undefined;
    if (field) return refuse(reply, { status: 400, code: 'BAD_USER_INPUT', field, message: `Send a valid ${field}` });
    const accessToken = await this.oidc.signIn({
      organizationId: (organizationId as string).toLowerCase(),
      code: code as string,
      codeVerifier: codeVerifier as string,
      redirectUri: redirectUri as string,
    });
    if (!accessToken) {
      return refuse(reply, {
        status: 401,
        code: 'UNAUTHENTICATED',
        message: 'Your company account did not sign you in to Tend; try again',
      });
    }
    await reply
      .code(200)
      .header('cache-control', 'no-store')
      .send({ accessToken, expiresInSeconds: this.config.SIGN_IN_TOKEN_TTL_SECONDS });
  }
}
