import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@tend/clock';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';
import { countedByKindAndChannel, countOnCommit, DeliveryCount, deliveriesExpired } from '../metrics/delivery-metrics';

/** Why a career conversation planned for the report's former leader never went out. */
export const CANCELLED_FOR_NEW_LEADER = 'cancelled: the person reports to someone else now';

/**
 * Keeps one `career_conversation_schedules` row per leader and direct report, from the people
 * projection. A row starts from now: its first conversation is the pair's next slot, so a team
 * imported at once is not handed a conversation each at once. The planner itself stops a row whose
 * pair no longer holds (a moved, deactivated or erased report, a deactivated leader); a row that
 * holds again (back with the leader, reactivated) starts from now again.
 */
@Injectable()
export class CareerConversationSchedules {
  constructor(private readonly clock: Clock) {}

  /**
   * After a change of one person: the rows of their pairs as report and as leader, and their own
   * unsent conversations planned for a former leader expire. Says how many rows started.
   */
  async keepInStep(manager: EntityManager, organizationId: string, personId: string): Promise<number> {
    const now = this.clock.now().toISOString();
    const started: unknown[] = await manager.query(
      `INSERT INTO scheduler.career_conversation_schedules (organization_id, leader_id, report_id, next_at, planned_through)
       SELECT report.organization_id, report.leader_id, report.person_id, $3, $3
       FROM scheduler.people report
       WHERE report.organization_id = $1 AND report.leader_id IS NOT NULL AND report.leader_id <> report.person_id
         AND (report.person_id = $2 OR report.leader_id = $2)
       ON CONFLICT (leader_id, report_id) DO UPDATE SET next_at = $3, planned_through = $3, updated_at = now()
         WHERE career_conversation_schedules.next_at IS NULL
       RETURNING id`,
      [organizationId, personId, now],
    );
    const expired = await manager.query<DeliveryCount[]>(
      countedByKindAndChannel(`UPDATE scheduler.deliveries d SET status = $4, last_error = $5, updated_at = now()
       FROM scheduler.people report
       WHERE d.organization_id = $1 AND d.subject_id = $2 AND d.kind = $3 AND d.status = $6
         AND report.person_id = d.subject_id AND d.person_id IS DISTINCT FROM report.leader_id
       RETURNING d.kind, d.channel`),
      [
        organizationId,
        personId,
        DeliveryKind.CAREER_CONVERSATION,
        DeliveryStatus.EXPIRED,
        CANCELLED_FOR_NEW_LEADER,
        DeliveryStatus.SCHEDULED,
      ],
    );
    countOnCommit(manager, deliveriesExpired, expired);
    return started.length;
  }

  /**
   * Unsent career conversations about a person expire with the reason given: they were
   * deactivated or erased, so their leader has nobody to talk with.
   */
  async expireAbout(manager: EntityManager, organizationId: string, personId: string, reason: string): Promise<void> {
    const expired = await manager.query<DeliveryCount[]>(
      countedByKindAndChannel(`UPDATE scheduler.deliveries SET status = $4, last_error = $5, updated_at = now()
       WHERE organization_id = $1 AND subject_id = $2 AND kind = $3 AND status = $6
       RETURNING kind, channel`),
      [
        organizationId,
        personId,
        DeliveryKind.CAREER_CONVERSATION,
        DeliveryStatus.EXPIRED,
        reason,
        DeliveryStatus.SCHEDULED,
      ],
    );
    countOnCommit(manager, deliveriesExpired, expired);
  }

  /**
   * The organization changed how often: every pair starts from now on the new cadence (or stops,
   * at the planner's next look, when turned off), so a change never brings a pile at once.
   */
  async restartAll(manager: EntityManager, organizationId: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await manager.query(
      `UPDATE scheduler.career_conversation_schedules SET next_at = $2, planned_through = $2, updated_at = now()
       WHERE organization_id = $1`,
      [organizationId, now],
    );
  }
}
