import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Everyone who reports to a leader, directly or not, from the scheduler's
 * projection of people; the arguments are SQL placeholders. UNION stops a cycle.
 * Each step looks up the previous step's people by leader in the index: as a plain join, the
 * planner's guess of the walk's size made it hash-join the whole organization's people at every
 * step (10,912 people, a team of 12: 9.0 ms, against 0.2 ms this way).
 */
export function reportsSql(organizationId: string, leaderId: string): string {
  return `
    WITH RECURSIVE reports AS (
      SELECT person_id FROM scheduler.people WHERE organization_id = ${organizationId} AND leader_id = ${leaderId}
      UNION
      SELECT p.person_id FROM reports r CROSS JOIN LATERAL (
        SELECT person_id FROM scheduler.people
        WHERE organization_id = ${organizationId} AND leader_id = r.person_id OFFSET 0) p
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
