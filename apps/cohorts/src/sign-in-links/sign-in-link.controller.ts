import { Body, Controller, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { Role } from '@tend/auth';
import { parseLinkSecret } from './sign-in-link-secret';
import { SignInLinkEmails } from './sign-in-link.emails';
import { SignInLinkService } from './sign-in-link.service';

/**
 * The gateway's door to sign-in links: it asks for links to be emailed, and redeems one for the
 * person it signs in, whose token the gateway then signs. Like every route it needs the gateway's
 * signature, and it insists on the gateway's own principal.
 */
@Controller('internal/sign-in-links')
export class SignInLinkController {
  constructor(
    private readonly links: SignInLinkService,
    private readonly emails: SignInLinkEmails,
  ) {}

  @Post('email')
  @HttpCode(202)
  async email(@Req() request: FastifyRequest, @Body() body: { email?: unknown }): Promise<{ accepted: true }> {
    if (request.principal?.kind !== 'gateway') throw new UnauthorizedException();
    if (typeof body?.email === 'string' && body.email.length <= 320 && isEmail(body.email.trim())) {
      await this.emails.send(body.email);
    }
    return { accepted: true };
  }

  @Post('redeem')
  @HttpCode(200)
  async redeem(
    @Req() request: FastifyRequest,
    @Body() body: { link?: unknown },
  ): Promise<{ organizationId: string; personId: string; role: Role }> {
    if (request.principal?.kind !== 'gateway') throw new UnauthorizedException();
    const link = parseLinkSecret(body?.link);
    const signedIn = link && (await this.links.redeem(link));
    if (!link || !signedIn) throw new UnauthorizedException('unknown, used or expired sign-in link');
    return { organizationId: link.organizationId, ...signedIn };
  }
}
