import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, Role } from '@tend/auth';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { Person } from '../people/person.entity';
import { PersonErrors } from '../people/person.errors';
import { PersonDataErrors } from './person-data.errors';
import { PersonDataExport } from './person-data-export.type';

const S = `"${COHORTS_SCHEMA}"`;

/** Whether the caller may read everything stored about the person: an admin, or the person themself. */
export function mayExport(caller: Pick<Caller, 'personId' | 'role'>, personId: string): boolean {
  return caller.role === Role.ADMIN || caller.personId === personId;
}

/**
 * Cohorts' part of a person's data export: what it stores about them and
 * nothing about anyone else (their leader and team appear as ids and names
 * of the organization's own structures, never as another person's profile).
 */
@Injectable()
export class PersonDataExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(organizationId: string, caller: Caller, personId: string): Promise<PersonDataExport> {
    if (!mayExport(caller, personId)) throw PersonDataErrors.notYourData();
    const person = await this.dataSource.getRepository(Person).findOneBy({ organizationId, id: personId });
    if (!person) throw PersonErrors.notFound(personId);
    const [team, cohorts, enrollments, changes] = await Promise.all([
      this.dataSource.query(`SELECT name FROM ${S}.teams WHERE organization_id = $1 AND id = $2`, [
        organizationId,
        person.teamId,
      ]),
      this.dataSource.query(
        `SELECT cohort.id, cohort.name, member.by_rule AS "byRule", member.created_at AS "memberSince"
         FROM ${S}.cohort_members member JOIN ${S}.cohorts cohort ON cohort.id = member.cohort_id
         WHERE member.organization_id = $1 AND member.person_id = $2 ORDER BY member.created_at`,
        [organizationId, personId],
      ),
      this.dataSource.query(
        `SELECT enrollment.id, enrollment.cohort_id AS "cohortId", enrollment.track_id AS "trackId",
                track.title AS "trackTitle", enrollment.track_version AS "trackVersion",
                enrollment.starts_on::text AS "startsOn", COALESCE(participation.status, 'ACTIVE') AS status
         FROM ${S}.enrollments enrollment
         JOIN ${S}.cohort_members member ON member.cohort_id = enrollment.cohort_id AND member.person_id = $2
         LEFT JOIN ${S}.published_tracks track ON track.track_id = enrollment.track_id
         LEFT JOIN ${S}.participations participation
           ON participation.enrollment_id = enrollment.id AND participation.person_id = $2
         WHERE enrollment.organization_id = $1 ORDER BY enrollment.created_at`,
        [organizationId, personId],
      ),
      this.dataSource.query(
        `SELECT occurred_at AS "occurredAt", operations, target_ids AS "targetIds", outcome,
                client_address AS "clientAddress"
         FROM ${S}.audit_log WHERE organization_id = $1 AND actor_kind = 'person' AND actor_id = $2
         ORDER BY occurred_at`,
        [organizationId, personId],
      ),
    ]);
    return {
      personId,
      profile: {
        id: person.id,
        email: person.email,
        name: person.name,
        role: person.role,
        timezone: person.timezone,
        locale: person.locale,
        externalId: person.externalId,
        employeeNumber: person.employeeNumber,
        location: person.location,
        team: team[0]?.name ?? null,
        leaderId: person.leaderId,
        channels: person.channels,
        webhookBridgeId: person.webhookBridgeId,
        active: person.active,
        deactivatedAt: person.deactivatedAt,
        erasedAt: person.erasedAt,
        createdAt: person.createdAt,
        updatedAt: person.updatedAt,
        cohorts,
        enrollments,
        changesMade: changes,
      },
    };
  }
}
