import { Body, Controller, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { Role } from '@tend/auth';
import { runInOrganization } from '@tend/database';
import { PersonDirectory } from './person-directory';

/**
 * The gateway asks here, on every request with a token of Tend's local key, whether its person
 * may still sign in and in which role: the token's own claims are as old as the token, so a
 * deactivated person or a changed role takes effect from the next request on, not at expiry.
 * Like every route it needs the gateway's signature, and it insists on the gateway's own principal.
 */
@Controller('internal/people')
export class PersonSignInController {
  constructor(private readonly directory: PersonDirectory) {}

  @Post('sign-in')
  @HttpCode(200)
  async signIn(
    @Req() request: FastifyRequest,
    @Body() body: { organizationId?: unknown; personId?: unknown },
  ): Promise<{ role: Role }> {
    if (request.principal?.kind !== 'gateway') throw new UnauthorizedException();
    const { organizationId, personId } = body ?? {};
    const person =
      typeof organizationId === 'string' && isUUID(organizationId) && typeof personId === 'string' && isUUID(personId)
        ? await runInOrganization(organizationId, () => this.directory.findActive(organizationId, personId))
        : null;
    if (!person) throw new UnauthorizedException('unknown or deactivated person');
    return { role: person.role };
  }
}
