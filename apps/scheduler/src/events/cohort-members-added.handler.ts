import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { CohortMember } from '../projections/cohort-member.entity';
import { EnrollmentSchedules } from './enrollment-schedules';
import { EventHandler } from './event-handler';

/** Members join the cohort's existing enrollments; people not projected yet join when they are. */
@Injectable()
export class CohortMembersAddedHandler implements EventHandler<'cohorts.cohort_members_added'> {
  constructor(private readonly schedules: EnrollmentSchedules) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.cohort_members_added'>): Promise<boolean> {
    const { cohortId, personIds } = event.payload;
    if (personIds.length === 0) return false;
    await manager
      .createQueryBuilder()
      .insert()
      .into(CohortMember)
      .values([...new Set(personIds)].map((personId) => ({ cohortId, personId, organizationId: event.organizationId })))
      .orIgnore()
      .execute();
    return (await this.schedules.createMissing(manager, event.organizationId, { cohortId })) > 0;
  }
}
