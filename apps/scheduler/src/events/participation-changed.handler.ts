import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import { DeliveryStatus } from '../deliveries/delivery.entity';
import { countedByKindAndChannel, countOnCommit, DeliveryCount, deliveriesExpired } from '../metrics/delivery-metrics';
import { EnrollmentSchedules } from './enrollment-schedules';
import { EventHandler } from './event-handler';

/**
 * A learner paused, dropped or completed gets nothing more through the
 * enrollment (the planner plans ACTIVE rows only, and sends not made yet
 * expire). Back to ACTIVE, lessons resume at the next slot: where they were
 * after a pause, from the first lesson after a drop or a completion.
 */
@Injectable()
export class ParticipationChangedHandler implements EventHandler<'cohorts.participation_changed'> {
  constructor(private readonly schedules: EnrollmentSchedules) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.participation_changed'>): Promise<boolean> {
    const { enrollmentId, personId, status, restart } = event.payload;
    const parameters = [event.organizationId, enrollmentId, personId];
    await manager.query(
      `UPDATE scheduler.learner_enrollments
       SET status = $4,
           next_position = CASE WHEN $5 THEN 1 ELSE next_position END,
           next_at = CASE WHEN $5 THEN coalesce(next_at, now()) ELSE next_at END,
           updated_at = now()
       WHERE organization_id = $1 AND enrollment_id = $2 AND person_id = $3`,
      [...parameters, status, restart],
    );
    if (status !== 'ACTIVE') {
      const expired = await manager.query<DeliveryCount[]>(
        countedByKindAndChannel(`UPDATE scheduler.deliveries SET status = $4, last_error = $5, updated_at = now()
         WHERE organization_id = $1 AND enrollment_id = $2 AND person_id = $3 AND status = $6
         RETURNING kind, channel`),
        [...parameters, DeliveryStatus.EXPIRED, `cancelled: ${status.toLowerCase()}`, DeliveryStatus.SCHEDULED],
      );
      countOnCommit(manager, deliveriesExpired, expired);
      return false;
    }
    return (await this.schedules.reschedule(manager, event.organizationId, { personId })) > 0;
  }
}
