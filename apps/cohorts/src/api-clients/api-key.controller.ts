import { Body, Controller, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiScope } from '@tend/auth';
import { ApiClientService } from './api-client.service';
import { runAcrossTenants } from '@tend/database';

export interface VerifiedApiKey {
  organizationId: string;
  clientId: string;
  scopes: ApiScope[];
  allowedOperations: { sha256: string; document: string }[] | null;
}

/**
 * The gateway asks here who an API key belongs to. Like every route it needs
 * the gateway's signature; it also insists on the gateway's own principal, so
 * no caller's request can be turned into a key check.
 */
@Controller('internal/api-keys')
export class ApiKeyController {
  constructor(private readonly apiClientService: ApiClientService) {}

  @Post('verify')
  @HttpCode(200)
  async verify(@Req() request: FastifyRequest, @Body() body: { key?: unknown }): Promise<VerifiedApiKey> {
    if (request.principal?.kind !== 'gateway') throw new UnauthorizedException();
    const client =
      typeof body?.key === 'string'
        ? await runAcrossTenants('api key lookup by prefix', () => this.apiClientService.verify(body.key as string))
        : undefined;
    if (!client) throw new UnauthorizedException('unknown or revoked API key');
    const { principal, allowedOperations } = client;
    return {
      organizationId: principal.organizationId,
      clientId: principal.clientId,
      scopes: principal.scopes,
      allowedOperations,
    };
  }
}
