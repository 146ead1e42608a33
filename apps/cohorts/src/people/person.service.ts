import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@tend/database';
import { Clock } from '@tend/clock';
import { appendToOutbox, domainEvent, PendingEvent } from '@tend/events';
import { canonicalLocale } from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { CohortRuleService } from '../cohort-rules/cohort-rule.service';
import { TeamService } from '../teams/team.service';
import { Channel, deliveryChannels } from './channel';
import { CreatePersonInput } from './dto/create-person.input';
import { UpdatePersonInput } from './dto/update-person.input';
import { DEFAULT_LOCALE } from './locale';
import { PersonErrors } from './person.errors';
import { LEADER_ROLES, Person } from './person.entity';

/**
 * Changes people: adds them, changes them within the reporting-line rules, deactivates and
 * reactivates them, each announced to the scheduler in the same transaction. Reading people is
 * `PersonDirectory`'s.
 */
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
      employeeNumber: input.employeeNumber ?? null,
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
      if (input.employeeNumber !== undefined) person.employeeNumber = input.employeeNumber;
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
    teamId: person.teamId,
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
