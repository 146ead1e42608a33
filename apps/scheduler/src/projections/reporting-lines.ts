import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Everyone who reports to a leader, directly or not, from the scheduler's
 * projection of people; the arguments are SQL placeholders. UNION stops a cycle.
 */
export function reportsSql(organizationId: string, leaderId: string): string {
  return `
    WITH RECURSIVE reports AS (
      SELECT person_id FROM scheduler.people WHERE organization_id = ${organizationId} AND leader_id = ${leaderId}
      UNION
      SELECT p.person_id FROM scheduler.people p JOIN reports r ON p.leader_id = r.person_id
      WHERE p.organization_id = ${organizationId}
    )
    SELECT person_id FROM reports`;
}

@Injectable()
export class ReportingLines {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether `personId` reports to `leaderId`, directly or not. */
  async reportsTo(organizationId: string, leaderId: string, personId: string): Promise<boolean> {
    const [row]: { reports: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM (${reportsSql('$1', '$2')}) team WHERE team.person_id = $3) AS reports`,
      [organizationId, leaderId, personId],
    );
    return row.reports;
  }
}
