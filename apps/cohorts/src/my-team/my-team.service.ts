import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, Role } from '@tend/auth';
import { ConnectionShape, keysetPage, PageArgs } from '@tend/graphql';
import { Person } from '../people/person.entity';
import { reportingLine } from '../reporting-lines/reporting-line';
import { MyTeamErrors } from './my-team.errors';

/** Everyone who reports to :leaderId, directly or through others, without the leader. */
const REPORTS = `WITH RECURSIVE ${reportingLine('reports', ':leaderId', ':organizationId')}
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
