import { Body, Controller, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IdentityProviderService, ResolvedIdentity } from './identity-provider.service';
import { runAcrossTenants } from '@tend/database';

/**
 * The gateway asks here whom a token of an identity provider signs in, before
 * it checks the token against that provider's keys. Like every route it needs
 * the gateway's signature, and it insists on the gateway's own principal.
 */
@Controller('internal/identity-providers')
export class IdentityProviderController {
  constructor(private readonly identityProviderService: IdentityProviderService) {}

  @Post('resolve')
  @HttpCode(200)
  async resolve(
    @Req() request: FastifyRequest,
    @Body() body: { issuer?: unknown; email?: unknown },
  ): Promise<ResolvedIdentity> {
    if (request.principal?.kind !== 'gateway') throw new UnauthorizedException();
    const identity =
      typeof body?.issuer === 'string' && typeof body.email === 'string'
        ? await runAcrossTenants('sign-in by issuer', () =>
            this.identityProviderService.resolve(body.issuer as string, body.email as string),
          )
        : undefined;
    if (!identity) throw new UnauthorizedException('unknown issuer or person');
    return identity;
  }
}
