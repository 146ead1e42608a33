import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { RequestContext, requestScoped, Viewer } from '@tend/auth';
import {
  ConnectionShape,
  KeysetCursor,
  PageArgs,
  PageRequest,
  callerOf,
  pageRequest,
  toConnection,
} from '@tend/graphql';
import { PersonDirectory } from '../people/person-directory';
import { Person } from '../people/person.entity';
import { CohortMember } from './cohort-member.entity';

interface MembersPage {
  cohortId: string;
  page: PageRequest;
}

/** Pages of cohorts' members, of the people the viewer may see (`PersonDirectory`), batched per request. */
@Injectable()
export class CohortMemberPages {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PersonDirectory,
  ) {}

  /** A page of a cohort's members, filtered by what the viewer may see of people. */
  async membersOf(context: RequestContext, cohortId: string, args: PageArgs): Promise<ConnectionShape<Person>> {
    return this.loaderFor(context).load({ cohortId, page: pageRequest(args) });
  }

  /** Keeps `cohorts { members }` at one query per level. */
  private loaderFor(context: RequestContext): DataLoader<MembersPage, ConnectionShape<Person>, string> {
    const principal = callerOf(context);
    return requestScoped(
      context,
      'cohortMembers',
      () =>
        new DataLoader(
          (pages: readonly MembersPage[]) => this.loadMembers(principal.organizationId, principal, pages),
          {
            cacheKeyFn: (page) => `${page.cohortId}|${pageArgsKey(page)}`,
          },
        ),
    );
  }

  /** One query per distinct page (size, direction, cursors) among those requested, usually one for the whole list. */
  private async loadMembers(
    organizationId: string,
    viewer: Viewer,
    pages: readonly MembersPage[],
  ): Promise<ConnectionShape<Person>[]> {
    const groups = new Map<string, number[]>();
    pages.forEach((page, index) => groups.set(pageArgsKey(page), [...(groups.get(pageArgsKey(page)) ?? []), index]));
    const connections: ConnectionShape<Person>[] = [];
    for (const indexes of groups.values()) {
      const { page } = pages[indexes[0]];
      const cohortIds = indexes.map((index) => pages[index].cohortId);
      const members = await this.pageOfMembers(organizationId, viewer, cohortIds, page);
      for (const index of indexes) {
        connections[index] = toConnection(members.get(pages[index].cohortId) ?? [], page, cursorOf);
      }
    }
    return connections;
  }

  /** Up to one more than the page's size of visible members of each cohort, in the page's direction. */
  private async pageOfMembers(
    organizationId: string,
    viewer: Viewer,
    cohortIds: string[],
    page: PageRequest,
  ): Promise<Map<string, Person[]>> {
    const scan = page.backward ? 'DESC' : 'ASC';
    const ranked = this.people
      .visiblePeople(organizationId, viewer)
      .innerJoin(CohortMember, 'member', 'member.person_id = person.id')
      .andWhere('member.cohort_id = ANY(:cohortIds)', { cohortIds })
      .select('member.cohort_id', 'cohort_id')
      .addSelect('person.id', 'person_id')
      .addSelect(
        `ROW_NUMBER() OVER (PARTITION BY member.cohort_id ORDER BY person.created_at ${scan}, person.id ${scan})`,
        'position',
      );
    if (page.after) beyondCursor(ranked, '>', 'after', page.after);
    if (page.before) beyondCursor(ranked, '<', 'before', page.before);
    const [sql, parameters] = ranked.getQueryAndParameters();
    const rows: { cohort_id: string; person_id: string }[] = await this.dataSource.query(
      `SELECT cohort_id, person_id FROM (${sql}) ranked WHERE position <= $${parameters.length + 1} ORDER BY position`,
      [...parameters, page.size + 1],
    );
    const people = await this.dataSource
      .getRepository(Person)
      .findBy({ organizationId, id: In([...new Set(rows.map((row) => row.person_id))]) });
    const byId = new Map(people.map((person) => [person.id, person]));
    const members = new Map<string, Person[]>();
    for (const row of rows) {
      const person = byId.get(row.person_id);
      if (person) members.set(row.cohort_id, [...(members.get(row.cohort_id) ?? []), person]);
    }
    return members;
  }
}

function beyondCursor<T extends object>(
  query: SelectQueryBuilder<T>,
  comparison: '>' | '<',
  name: 'after' | 'before',
  cursor: KeysetCursor,
): void {
  query.andWhere(`(person.created_at, person.id) ${comparison} (:${name}Key::timestamptz, :${name}Id::uuid)`, {
    [`${name}Key`]: cursor.key,
    [`${name}Id`]: cursor.id,
  });
}

function pageArgsKey({ page }: MembersPage): string {
  const cursor = (at?: KeysetCursor) => `${at?.key ?? ''}|${at?.id ?? ''}`;
  return `${page.size}|${page.backward}|${cursor(page.after)}|${cursor(page.before)}`;
}

function cursorOf(person: Person) {
  return { key: person.createdAt.toISOString(), id: person.id };
}
