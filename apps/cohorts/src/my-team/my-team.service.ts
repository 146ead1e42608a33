import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, Role } from '@tend/auth';
import { ConnectionShape, keysetPage, PageArgs } from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { Person } from '../people/person.entity';
import { MyTeamErrors } from './my-team.errors';

/**
 * Everyone who reports to :leaderId, directly or through others, without the
 * leader. UNION rather than UNION ALL stops the walk if lines ever form a cycle.
 * Each step is an index look-up by leader (OFFSET 0 keeps it one): as a plain join, the planner
 * hash-joined the whole organization's people at every step (10,912 people: 9.0 ms, against 0.2 ms).
 */
const REPORTS = `
  WITH RECURSIVE reports (id) AS (
    SELECT id FROM "${COHORTS_SCHEMA}".people WHERE organization_id = :organizationId AND leader_id = :leaderId
    UNION
    SELECT report.id FROM reports CROSS JOIN LATERAL (
      SELECT id FROM "${COHORTS_SCHEMA}".people
      WHERE organization_id = :organizationId AND leader_id = reports.id OFFSET 0) report
  )
  SELECT id FROM reports WHERE id <> :leaderId`;

@Injectable()
export class MyTeamService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A leader's direct and indirect reports, oldest first. A leader lists only
   * their own team, so naming any other leader is refused outright; an admin
   * may name any leader of the organization.
   */
  async list(
    organizationId: string,
    caller: Caller,
    leaderId: string | undefined,
    page: PageArgs,
  ): Promise<ConnectionShape<Person>> {
    const leader = await this.leaderFor(organizationId, caller, leaderId);
    const query = this.dataSource
      .getRepository(Person)
      .createQueryBuilder('person')
      .where('person.organization_id = :organizationId', { organizationId })
      .andWhere(`person.id IN (${REPORTS})`, { leaderId: leader });
    return keysetPage(query, page, { column: 'created_at', keyOf: (person) => person.createdAt, direction: 'ASC' });
  }

  private async leaderFor(organizationId: string, caller: Caller, leaderId: string | undefined): Promise<string> {
    if (caller.role !== Role.ADMIN) {
      if (!caller.personId || (leaderId && leaderId !== caller.personId)) throw MyTeamErrors.notYourTeam();
      return caller.personId;
    }
    const id = leaderId ?? caller.personId;
    if (!id) throw MyTeamErrors.noLeader();
    const exists = await this.dataSource.getRepository(Person).existsBy({ organizationId, id });
    if (!exists) throw MyTeamErrors.leaderNotFound(id);
    return id;
  }
}
