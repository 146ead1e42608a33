import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { ProjectedEnrollment } from '../projections/enrollment.entity';
import { EnrollmentSchedules } from './enrollment-schedules';
import { EventHandler } from './event-handler';

@Injectable()
export class EnrollmentCreatedHandler implements EventHandler<'cohorts.enrollment_created'> {
  constructor(private readonly schedules: EnrollmentSchedules) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.enrollment_created'>): Promise<boolean> {
    const { enrollmentId, cohortId, trackId, trackVersion, startsOn } = event.payload;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ProjectedEnrollment)
      .values({ enrollmentId, organizationId: event.organizationId, cohortId, trackId, trackVersion, startsOn })
      .orIgnore()
      .execute();
    return (await this.schedules.createMissing(manager, event.organizationId, { cohortId })) > 0;
  }
}
