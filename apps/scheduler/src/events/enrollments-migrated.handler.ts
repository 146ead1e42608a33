import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { ProjectedEnrollment } from '../projections/enrollment.entity';
import { EventHandler } from './event-handler';

/**
 * Moves enrollments to another published version: each learner keeps their
 * place in the sequence, and the planner takes their next lesson from the
 * new version's lesson at that place.
 */
@Injectable()
export class EnrollmentsMigratedHandler implements EventHandler<'content.enrollments_migrated'> {
  async apply(manager: EntityManager, event: DomainEvent<'content.enrollments_migrated'>): Promise<boolean> {
    const { trackId, fromVersion, toVersion } = event.payload;
    const result = await manager
      .createQueryBuilder()
      .update(ProjectedEnrollment)
      .set({ trackVersion: toVersion })
      .where('organization_id = :organizationId AND track_id = :trackId AND track_version = :fromVersion', {
        organizationId: event.organizationId,
        trackId,
        fromVersion,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
