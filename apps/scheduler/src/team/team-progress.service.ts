import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Principal, RequestContext, requestScoped, Role } from '@tend/auth';
import { Clock } from '@tend/clock';
import { callerOf } from '@tend/graphql';
import { isKnownZone } from '../cadence/lesson-slot-calendar';
import { DeliveryKind } from '../deliveries/delivery.entity';
import { reportsSql } from '../projections/reporting-lines';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';
import { LearnerStreaks } from '../streaks/learner-streaks';

/** Where a person is on their tracks, as a leader reads it; null for whom the caller may not see. */
export interface Progress {
  /** The lesson of their latest lesson delivery that is due. */
  currentLessonId: string | null;
  streak: number;
}

/**
 * A person's progress for whoever reached them through the graph (a leader's
 * `myTeam`, `people`, a delivery's person). Progress is shown to the person,
 * to the leaders they report to, directly or not, to admins, and to API
 * clients holding `progress:read`; to anyone else it is null.
 */
@Injectable()
export class TeamProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly streaks: LearnerStreaks,
    private readonly clock: Clock,
  ) {}

  /** One loader per request: a page of people costs three queries, whatever its size. */
  progressOf(context: RequestContext, personId: string): Promise<Progress | null> {
    return requestScoped(
      context,
      'team-progress',
      () => new DataLoader((ids: readonly string[]) => this.load(context, ids)),
    ).load(personId);
  }

  private async load(context: RequestContext, ids: readonly string[]): Promise<(Progress | null)[]> {
    const { organizationId } = callerOf(context);
    const visible = await this.visibleAmong(organizationId, context.principal, [...ids]);
    const people: { person_id: string; timezone: string; lesson_id: string | null }[] = await this.dataSource.query(
      `SELECT person.person_id, person.timezone, latest.lesson_id
       FROM "${SCHEDULER_SCHEMA}".people person
       LEFT JOIN LATERAL (
         SELECT delivery.lesson_id FROM "${SCHEDULER_SCHEMA}".deliveries delivery
         WHERE delivery.organization_id = person.organization_id AND delivery.person_id = person.person_id
           AND delivery.kind = $3 AND delivery.due_at <= $4
         ORDER BY delivery.due_at DESC, delivery.id DESC LIMIT 1
       ) latest ON true
       WHERE person.organization_id = $1 AND person.person_id = ANY($2::uuid[])`,
      [organizationId, [...visible], DeliveryKind.LESSON, this.clock.now()],
    );
    const streaks = await this.streaks.of(
      organizationId,
      people.map((person) => ({
        personId: person.person_id,
        timezone: isKnownZone(person.timezone) ? person.timezone : 'UTC',
      })),
      this.clock.now(),
    );
    const byId = new Map(people.map((person) => [person.person_id, person]));
    return ids.map((id) => {
      if (!visible.has(id)) return null;
      return { currentLessonId: byId.get(id)?.lesson_id ?? null, streak: streaks.get(id) ?? 0 };
    });
  }

  private async visibleAmong(
    organizationId: string,
    principal: Principal | undefined,
    ids: string[],
  ): Promise<Set<string>> {
    if (principal?.kind === 'api-client') return new Set(principal.scopes.includes('progress:read') ? ids : []);
    if (principal?.kind !== 'person') return new Set();
    if (principal.role === Role.ADMIN) return new Set(ids);
    const rows: { person_id: string }[] = await this.dataSource.query(
      `SELECT person_id FROM (${reportsSql('$1', '$2')}) team WHERE team.person_id = ANY($3::uuid[])`,
      [organizationId, principal.personId, ids],
    );
    return new Set([...rows.map((row) => row.person_id), ...ids.filter((id) => id === principal.personId)]);
  }
}
