import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '@tend/database';
import { RequestContext, requestScoped, Role, Viewer } from '@tend/auth';
import { ConnectionShape, callerOf, keysetPage, loaderById } from '@tend/graphql';
import { reportingLine } from '../reporting-lines/reporting-line';
import { Team } from '../teams/team.entity';
import { TeamService } from '../teams/team.service';
import { PeopleArgs } from './dto/people.args';
import { PersonErrors } from './person.errors';
import { Person } from './person.entity';

/** The per-request loaders that keep `people { leader team }` at one query per level. */
export interface PersonLoaders {
  personById: DataLoader<string, Person | undefined>;
  teamById: DataLoader<string, Team | undefined>;
}

/** The viewer and everyone who reports to them, directly or not. */
const REPORTING_LINE = `
  WITH RECURSIVE ${reportingLine('reporting_line', 'CAST(:viewerId AS uuid)', ':organizationId')}
  SELECT id FROM reporting_line`;

/**
 * Reads people: who a viewer may see, one by id, a page of them, the active one who signs in. The
 * writes are `PersonService`'s; a cohort's members are paged by `CohortMemberPages` (cohorts/).
 */
@Injectable()
export class PersonDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamService,
  ) {}

  /** A person the viewer may see; anyone else is reported as not found, never as forbidden. */
  async get(organizationId: string, id: string, viewer: Viewer): Promise<Person> {
    const person = await this.visiblePeople(organizationId, viewer).andWhere('person.id = :id', { id }).getOne();
    if (!person) throw PersonErrors.notFound(id);
    return person;
  }

  async list(organizationId: string, args: PeopleArgs, viewer: Viewer): Promise<ConnectionShape<Person>> {
    const query = this.visiblePeople(organizationId, viewer);
    if (args.search) {
      query.andWhere('(person.name ILIKE :pattern OR person.email ILIKE :pattern)', {
        pattern: containsPattern(args.search),
      });
    }
    return keysetPage(query, args, { column: 'created_at', keyOf: (row) => row.createdAt, direction: 'ASC' });
  }

  /** For sign-in: the person, if they are still active. */
  async findActive(organizationId: string, personId: string): Promise<Person | null> {
    return this.dataSource.getRepository(Person).findOneBy({ organizationId, id: personId, active: true });
  }

  /** For the command line: the active person who signs in with this email. */
  async findActiveByEmail(organizationId: string, email: string): Promise<Person | null> {
    return this.dataSource
      .getRepository(Person)
      .findOneBy({ organizationId, email: email.trim().toLowerCase(), active: true });
  }

  loadersFor(context: RequestContext): PersonLoaders {
    const { organizationId } = callerOf(context);
    return requestScoped(context, 'people', () => this.createLoaders(organizationId));
  }

  /**
   * Loaders for one request. A person reached by id (a leader, a delivery's
   * person) is scoped to the organization only: whoever pointed at them
   * already decided the viewer may see them.
   */
  private createLoaders(organizationId: string): PersonLoaders {
    return {
      personById: loaderById(
        (ids) => this.dataSource.getRepository(Person).findBy({ organizationId, id: In(ids) }),
        (person) => person.id,
      ),
      teamById: this.teams.teamsById(organizationId),
    };
  }

  /**
   * The people of the organization the viewer may see: an admin everyone, a
   * leader themselves and their reporting line, a learner only themselves.
   */
  visiblePeople(organizationId: string, viewer: Viewer): SelectQueryBuilder<Person> {
    const query = this.dataSource
      .getRepository(Person)
      .createQueryBuilder('person')
      .where('person.organization_id = :organizationId', { organizationId });
    switch (viewer.role) {
      case Role.ADMIN:
        return query;
      case Role.LEADER:
        return query.andWhere(`person.id IN (${REPORTING_LINE})`, { viewerId: viewer.personId });
      case Role.LEARNER:
        return query.andWhere('person.id = :viewerId', { viewerId: viewer.personId });
    }
  }
}
