import { COHORTS_SCHEMA } from '../cohorts.data-source';

/**
 * The walk down a reporting line, one common table expression of a `WITH RECURSIVE`: `name (id)`
 * holds the leader and everyone who reports to them, directly or not. `leaderId` and
 * `organizationId` are how the statement names those two (`$6::uuid`, `:organizationId`). UNION
 * rather than UNION ALL stops the walk if reporting lines ever form a cycle.
 */
export function reportingLine(name: string, leaderId: string, organizationId: string): string {
  return `${name} (id) AS (
    SELECT id FROM "${COHORTS_SCHEMA}".people WHERE organization_id = ${organizationId} AND id = ${leaderId}
    UNION
    SELECT report.id FROM "${COHORTS_SCHEMA}".people report JOIN ${name} ON report.leader_id = ${name}.id
    WHERE report.organization_id = ${organizationId}
  )`;
}
