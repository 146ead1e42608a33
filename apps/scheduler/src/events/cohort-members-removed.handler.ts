import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { DeliveryStatus } from '../deliveries/delivery.entity';
import { countedByKindAndChannel, countOnCommit, DeliveryCount, deliveriesExpired } from '../metrics/delivery-metrics';
import { EventHandler } from './event-handler';

/**
 * People who left a cohort (a rule stopped matching them) get nothing more
 * through it: their place in its enrollments goes, and sends not made yet
 * expire. If they come back, they start its tracks again.
 */
@Injectable()
export class CohortMembersRemovedHandler implements EventHandler<'cohorts.cohort_members_removed'> {
  async apply(manager: EntityManager, event: DomainEvent<'cohorts.cohort_members_removed'>): Promise<boolean> {
    const { cohortId, personIds } = event.payload;
    if (personIds.length === 0) return false;
    await manager.query(
      `DELETE FROM scheduler.cohort_members WHERE organization_id = $1 AND cohort_id = $2 AND person_id = ANY ($3::uuid[])`,
      [event.organizationId, cohortId, personIds],
    );
    const expired = await manager.query<DeliveryCount[]>(
      countedByKindAndChannel(`UPDATE scheduler.deliveries d
       SET status = $4, last_error = 'cancelled: the person left the cohort', updated_at = now()
       FROM scheduler.enrollments e
       WHERE e.cohort_id = $2 AND d.enrollment_id = e.enrollment_id
         AND d.organization_id = $1 AND d.person_id = ANY ($3::uuid[]) AND d.status = $5
       RETURNING d.kind, d.channel`),
      [event.organizationId, cohortId, personIds, DeliveryStatus.EXPIRED, DeliveryStatus.SCHEDULED],
    );
    countOnCommit(manager, deliveriesExpired, expired);
    await manager.query(
      `DELETE FROM scheduler.learner_enrollments le USING scheduler.enrollments e
       WHERE e.cohort_id = $2 AND le.enrollment_id = e.enrollment_id
         AND le.organization_id = $1 AND le.person_id = ANY ($3::uuid[])`,
      [event.organizationId, cohortId, personIds],
    );
    return false;
  }
}
