import { Body, Controller, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ScimTokenPrincipal } from '@tend/auth';
import { runAcrossTenants } from '@tend/database';
import { ScimTokenService } from './scim-token.service';

/** The gateway asks here whose a SCIM token is; only the gateway's own principal may ask. */
@Controller('internal/scim-tokens')
export class ScimTokenController {
  constructor(private readonly scimTokens: ScimTokenService) {}

  @Post('verify')
  @HttpCode(200)
  async verify(@Req() request: FastifyRequest, @Body() body: { token?: unknown }): Promise<ScimTokenPrincipal> {
    if (request.principal?.kind !== 'gateway') throw new UnauthorizedException();
    const token = body?.token;
    const principal =
      typeof token === 'string'
        ? await runAcrossTenants('SCIM token lookup by prefix', () => this.scimTokens.verify(token))
        : undefined;
    if (!principal) throw new UnauthorizedException('unknown or revoked SCIM token');
    return principal;
  }
}
