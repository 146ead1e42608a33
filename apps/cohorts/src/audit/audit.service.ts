import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConnectionShape, PageArgs, keysetPage } from '@tend/graphql';
import { AuditEntry } from './audit-entry.entity';
import { AuditRecord } from './audit-record';

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(organizationId: string, record: Omit<AuditRecord, 'organizationId'>): Promise<void> {
    await this.dataSource.getRepository(AuditEntry).insert({
      organizationId,
      occurredAt: record.occurredAt,
      actorKind: record.actorKind,
      actorId: record.actorId,
      actorRole: record.actorRole ?? null,
      operations: record.operations,
      targetIds: [...new Set(record.targetIds)],
      outcome: record.outcome,
      clientAddress: record.clientAddress ?? null,
      requestId: record.requestId ?? null,
    });
  }

  /** Newest first, the way an admin reads what just happened. */
  async list(organizationId: string, args: PageArgs): Promise<ConnectionShape<AuditEntry>> {
    const query = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('entry')
      .where('entry.organization_id = :organizationId', { organizationId });
    return keysetPage(query, args, { column: 'occurred_at', keyOf: (entry) => entry.occurredAt, direction: 'DESC' });
  }
}
