import { Body, Controller, HttpCode, NotFoundException, Post, Req, UnauthorizedException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { runAcrossTenants, runInOrganization } from '@tend/database';
import { IdentityProviderService, ResolvedIdentity } from './identity-provider.service';
import { IdentityProvider } from './identity-provider.type';

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

  /**
   * The organization's identity provider, for the web app's sign-in by OIDC (README "The web app"):
   * its issuer, and its audience, which is the client id its ID tokens carry. 404 for an
   * organization without one and for an id that is no organization alike.
   */
  @Post('of-organization')
  @HttpCode(200)
  async ofOrganization(
    @Req() request: FastifyRequest,
    @Body() body: { organizationId?: unknown },
  ): Promise<IdentityProvider> {
    if (request.principal?.kind !== 'gateway') throw new UnauthorizedException();
    const organizationId = body?.organizationId;
    const provider =
      typeof organizationId === 'string' && isUUID(organizationId)
        ? await runInOrganization(organizationId, () => this.identityProviderService.find(organizationId))
        : null;
    if (!provider) throw new NotFoundException('no identity provider');
    return provider;
  }
}
