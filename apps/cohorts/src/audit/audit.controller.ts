import { Body, Controller, ForbiddenException, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuditRecord } from './audit-record';
import { AuditService } from './audit.service';
import { runInOrganization } from '@tend/database';

/** Where the gateway records each change; only the gateway's own principal may write here. */
@Controller('internal/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Post()
  @HttpCode(204)
  async record(@Req() request: FastifyRequest, @Body() record: AuditRecord): Promise<void> {
    if (request.principal?.kind !== 'gateway') throw new ForbiddenException('only the gateway records audit entries');
    const { organizationId, ...entry } = record;
    await runInOrganization(organizationId, () => this.audit.record(organizationId, entry));
  }
}
