import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { containsPattern, isUniqueViolation } from '@tend/database';
import { RequestContext, requestScoped, Role, Viewer } from '@tend/auth';
import { Clock } from '@tend/clock';
import { appendToOutbox, domainEvent, PendingEvent } from '@tend/events';
import {
  ConnectionShape,
  KeysetCursor,
  PageArgs,
  PageRequest,
  callerOf,
  canonicalLocale,
  keysetPage,
  loaderById,
  pageRequest,
  toConnection,
} from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { CohortRuleService } from '../cohort-rules/cohort-rule.service';
import { CohortMember } from '../cohorts/cohort-member.entity';
import { Team } from '../teams/team.entity';
import { TeamService } from '../teams/team.service';
import { Channel, deliveryChannels } from './channel';
import { CreatePersonInput } from './dto/create-person.input';
import { PeopleArgs } from './dto/people.args';
import { UpdatePersonInput } from './dto/update-person.input';
import { DEFAULT_LOCALE } from './locale';
import { PersonErrors } from './person.errors';
import { LEADER_ROLES, Person } from './person.entity';

interface MembersPage {
  cohortId: string;
  page: PageRequest;
}

/** The per-request loaders that keep `people { leader team }` and `cohorts { members }` at one query per level. */
export interface PersonLoaders {
  personById: DataLoader<string, Person | undefined>;
  teamById: DataLoader<string, Team | undefined>;
  membersByCohort: DataLoader<MembersPage, ConnectionShape<Person>, string>;
}

/**
 * The viewer and everyone who reports to them, directly or not. UNION rather
 * than UNION ALL stops the walk if reporting lines ever form a cycle.
 */
const REPORTING_LINE = `
  WITH RECURSIVE reporting_line (id) AS (
    SELECT CAST(:viewerId AS uuid)
    UNION
    SELECT report.id FROM "${COHORTS_SCHEMA}".people report
    JOIN reporting_line ON report.leader_id = reporting_line.id
    WHERE report.organization_id = :organizationId
  )
  SELECT id FROM reporting_line`;

@Injectable()
export class PersonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamService,
    private readonly clock: Clock,
    private readonly cohortRules: CohortRuleService,
  ) {}

  async create(organizationId: string, input: CreatePersonInput): Promise<Person> {
    return this.dataSource.transaction((manager) => this.createInTransaction(manager, organizationId, input));
  }

  /**
   * Adds a person and announces them to the scheduler in the caller's
   * transaction, so an organization and its first admin are created together.
   */
  async createInTransaction(manager: EntityManager, organizationId: string, input: CreatePersonInput): Promise<Person> {
    const leaderId = input.leaderId ?? null;
    if (leaderId) await this.checkLeader(manager, organizationId, leaderId);
    const team = input.teamName ? await this.teams.findOrCreate(manager, organizationId, input.teamName) : null;
    const people = manager.getRepository(Person);
    const person = people.create({
      organizationId,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      timezone: input.timezone,
      locale: canonicalLocale(input.locale) ?? DEFAULT_LOCALE,
      externalId: input.externalId ?? null,
      location: input.location ?? null,
      leaderId,
      teamId: team?.id ?? null,
      channels: deliveryChannels(input.channels),
      webhookBridgeId: input.webhookBridgeId ?? null,
      active: true,
      deactivatedAt: null,
    });
    checkChannels(person);
    const saved = await savePerson(manager, person);
    await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [personUpserted(saved)]);
    await this.cohortRules.recompute(manager, organizationId);
    return saved;
  }

  /** Changes what the input names; a new leader is refused when it would close a reporting cycle. */
  async update(organizationId: string, id: string, input: UpdatePersonInput): Promise<Person> {
    return this.dataSource.transaction(async (manager) => {
      const linesChange = input.leaderId !== undefined || input.role !== undefined;
      if (linesChange) await lockReportingLines(manager, organizationId);
      const person = await this.lockPerson(manager, organizationId, id);
      if (input.email !== undefined) person.email = input.email.toLowerCase();
      if (input.name !== undefined) person.name = input.name;
      if (input.timezone !== undefined) person.timezone = input.timezone;
      if (input.locale !== undefined) person.locale = canonicalLocale(input.locale) ?? person.locale;
      if (input.channels !== undefined) person.channels = deliveryChannels(input.channels);
      if (input.location !== undefined) person.location = input.location;
      if (input.externalId !== undefined) person.externalId = input.externalId;
      if (input.webhookBridgeId !== undefined) person.webhookBridgeId = input.webhookBridgeId;
      if (input.teamName !== undefined) {
        person.teamId = input.teamName
          ? (await this.teams.findOrCreate(manager, organizationId, input.teamName)).id
          : null;
      }
      if (input.role !== undefined && input.role !== person.role) {
        if (!LEADER_ROLES.includes(input.role)) await this.checkLeadsNobody(manager, organizationId, person);
        person.role = input.role;
      }
      if (input.leaderId !== undefined && input.leaderId !== person.leaderId) {
        if (input.leaderId) {
          await this.checkLeader(manager, organizationId, input.leaderId);
          await this.checkNoCycle(manager, organizationId, person.id, input.leaderId);
        }
        person.leaderId = input.leaderId;
      }
      checkChannels(person);
      const saved = await savePerson(manager, person);
      await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [personUpserted(saved)]);
      await this.cohortRules.recompute(manager, organizationId);
      return saved;
    });
  }

  /** The person leaves: history stays, deliveries stop (the scheduler cancels what is pending). */
  async deactivate(organizationId: string, id: string): Promise<Person> {
    return this.dataSource.transaction(async (manager) => {
      const person = await this.lockPerson(manager, organizationId, id);
      if (!person.active) throw PersonErrors.alreadyDeactivated(id);
      person.active = false;
      person.deactivatedAt = this.clock.now();
      const saved = await manager.getRepository(Person).save(person);
      await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [
        domainEvent('cohorts.person_deactivated', { personId: saved.id }),
      ]);
      return saved;
    });
  }

  async reactivate(organizationId: string, id: string): Promise<Person> {
    return this.dataSource.transaction(async (manager) => {
      const person = await this.lockPerson(manager, organizationId, id);
      if (person.active) throw PersonErrors.alreadyActive(id);
      person.active = true;
      person.deactivatedAt = null;
      const saved = await manager.getRepository(Person).save(person);
      await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [
        domainEvent('cohorts.person_reactivated', { personId: saved.id }),
      ]);
      return saved;
    });
  }

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

  /** A page of a cohort's members, filtered by what the viewer may see of people. */
  async membersOf(context: RequestContext, cohortId: string, args: PageArgs): Promise<ConnectionShape<Person>> {
    return this.loadersFor(context).membersByCohort.load({ cohortId, page: pageRequest(args) });
  }

  loadersFor(context: RequestContext): PersonLoaders {
    const principal = callerOf(context);
    return requestScoped(context, 'people', () => this.createLoaders(principal.organizationId, principal));
  }

  /**
   * Loaders for one request. A person reached by id (a leader, a delivery's
   * person) is scoped to the organization only: whoever pointed at them
   * already decided the viewer may see them.
   */
  private createLoaders(organizationId: string, viewer: Viewer): PersonLoaders {
    return {
      personById: loaderById(
        (ids) => this.dataSource.getRepository(Person).findBy({ organizationId, id: In(ids) }),
        (person) => person.id,
      ),
      teamById: this.teams.teamsById(organizationId),
      membersByCohort: new DataLoader((pages) => this.loadMembers(organizationId, viewer, pages), {
        cacheKeyFn: (page) => `${page.cohortId}|${pageArgsKey(page)}`,
      }),
    };
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
    const ranked = this.visiblePeople(organizationId, viewer)
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

  /**
   * The people of the organization the viewer may see: an admin everyone, a
   * leader themselves and their reporting line, a learner only themselves.
   */
  private visiblePeople(organizationId: string, viewer: Viewer): SelectQueryBuilder<Person> {
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

  private async lockPerson(manager: EntityManager, organizationId: string, id: string): Promise<Person> {
    const person = await manager
      .getRepository(Person)
      .findOne({ where: { organizationId, id }, lock: { mode: 'pessimistic_write' } });
    if (!person) throw PersonErrors.notFound(id);
    // An erased person is a placeholder for counts: giving it data again would undo the erasure.
    if (person.erasedAt) throw PersonErrors.erased(id);
    return person;
  }

  /** Walks up from the proposed leader: meeting the person on the way means the new line would close a loop. */
  private async checkNoCycle(
    manager: EntityManager,
    organizationId: string,
    personId: string,
    leaderId: string,
  ): Promise<void> {
    if (personId === leaderId) throw PersonErrors.ownLeader();
    const [{ cycle }]: { cycle: boolean }[] = await manager.query(
      `WITH RECURSIVE chain (id, leader_id) AS (
         SELECT id, leader_id FROM "${COHORTS_SCHEMA}".people WHERE organization_id = $1 AND id = $2
         UNION
         SELECT up.id, up.leader_id FROM "${COHORTS_SCHEMA}".people up
         JOIN chain ON up.id = chain.leader_id
         WHERE up.organization_id = $1
       )
       SELECT EXISTS (SELECT 1 FROM chain WHERE id = $3) AS cycle`,
      [organizationId, leaderId, personId],
    );
    if (cycle) throw PersonErrors.reportingCycle(leaderId);
  }

  private async checkLeadsNobody(manager: EntityManager, organizationId: string, person: Person): Promise<void> {
    const reports = await manager.getRepository(Person).countBy({ organizationId, leaderId: person.id });
    if (reports > 0) throw PersonErrors.stillLeads(reports);
  }

  private async checkLeader(manager: EntityManager, organizationId: string, leaderId: string): Promise<void> {
    const leader = await manager.getRepository(Person).findOneBy({ organizationId, id: leaderId });
    if (!leader) throw PersonErrors.leaderNotFound(leaderId);
    if (!LEADER_ROLES.includes(leader.role)) throw PersonErrors.leaderCannotLead();
  }
}

/**
 * Serializes the organization's changes to reporting lines, so two concurrent
 * changes cannot each pass the cycle check and close a loop together.
 */
export async function lockReportingLines(manager: EntityManager, organizationId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `cohorts.reporting_lines:${organizationId}`,
  ]);
}

/** What the scheduler keeps of a person. */
export function personUpserted(person: Person): PendingEvent<'cohorts.person_upserted'> {
  return domainEvent('cohorts.person_upserted', {
    personId: person.id,
    role: person.role,
    timezone: person.timezone,
    leaderId: person.leaderId,
    email: person.email,
    channels: person.channels,
    locale: person.locale,
    webhookBridgeId: person.webhookBridgeId,
    active: person.active,
  });
}

function checkChannels(person: Person): void {
  if (person.channels.includes(Channel.WEBHOOK) && !person.webhookBridgeId) throw PersonErrors.webhookWithoutBridgeId();
}

async function savePerson(manager: EntityManager, person: Person): Promise<Person> {
  try {
    return await manager.getRepository(Person).save(person);
  } catch (error) {
    if (isUniqueViolation(error, 'people_organization_id_email_key')) throw PersonErrors.emailTaken();
    if (isUniqueViolation(error, 'people_organization_id_external_id_key')) throw PersonErrors.externalIdTaken();
    throw error;
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
