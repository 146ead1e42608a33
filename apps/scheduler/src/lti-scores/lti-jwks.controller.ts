import { Controller, Get, Req, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import { LtiToolKeyService } from './lti-tool-key.service';

/** The gateway asks here for the scheduler's half of the tool's keys, to publish at /lti/jwks. */
@Controller('lti')
export class LtiJwksController {
  constructor(private readonly toolKeys: LtiToolKeyService) {}

  @Get('jwks')
  jwks(@Req() request: FastifyRequest): Promise<{ keys: JWK[] }> {
    if (request.principal?.kind !== 'gateway') throw new UnauthorizedException();
    return this.toolKeys.publicKeySet();
  }
}
