import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appendToOutbox, domainEvent } from '@tend/events';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { Participation, ParticipationStatus } from './participation';
import { ParticipationErrors } from './participation.errors';

const S = `"${COHORTS_SCHEMA}"`;

@Injectable()
export class ParticipationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Pauses, resumes, drops, completes or re-enrolls one member of an
   * enrollment's cohort, and tells the scheduler in the same transaction.
   */
  async set(
    organizationId: string,
    enrollmentId: string,
    personId: string,
    status: ParticipationStatus,
  ): Promise<Participation> {
    return this.dataSource.transaction(async (manager) => {
      const [enrollment]: { cohort_id: string }[] = await manager.query(
        `SELECT cohort_id FROM ${S}.enrollments WHERE organization_id = $1 AND id = $2`,
        [organizationId, enrollmentId],
      );
      if (!enrollment) throw ParticipationErrors.enrollmentNotFound(enrollmentId);
      const [person]: { member: boolean }[] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM ${S}.cohort_members m WHERE m.cohort_id = $3 AND m.person_id = p.id) AS member
         FROM ${S}.people p WHERE p.organization_id = $1 AND p.id = $2`,
        [organizationId, personId, enrollment.cohort_id],
      );
      if (!person) throw ParticipationErrors.personNotFound(personId);
      if (!person.member) throw ParticipationErrors.notAMember();
      const [before]: { status: ParticipationStatus }[] = await manager.query(
        `SELECT status FROM ${S}.participations WHERE enrollment_id = $1 AND person_id = $2 FOR UPDATE`,
        [enrollmentId, personId],
      );
      const previous = before?.status ?? ParticipationStatus.ACTIVE;
      if (previous === status) throw ParticipationErrors.alreadyInStatus(status);
      await manager.query(
        `INSERT INTO ${S}.participations (organization_id, enrollment_id, person_id, status) VALUES ($1, $2, $3, $4)
         ON CONFLICT (enrollment_id, person_id) DO UPDATE SET status = excluded.status, updated_at = now()`,
        [organizationId, enrollmentId, personId, status],
      );
      await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [
        domainEvent('cohorts.participation_changed', {
          enrollmentId,
          personId,
          status,
          restart:
            status === ParticipationStatus.ACTIVE &&
            (previous === ParticipationStatus.DROPPED || previous === ParticipationStatus.COMPLETED),
        }),
      ]);
      return { enrollmentId, personId, status };
    });
  }
}
