import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@tend/auth';
import { Clock } from '@tend/clock';
import { appendToOutbox, domainEvent, PendingEvent } from '@tend/events';
import { CohortRuleService } from '../cohort-rules/cohort-rule.service';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { Channel } from '../people/channel';
import { lockReportingLines } from '../people/person.service';
import { ImportPeopleInput } from './dto/import-people.input';
import { readImportCsv } from './import-csv';
import { planImport, RowOutcome, samePerson, StoredPerson } from './import-plan';
import { PeopleImportErrors } from './people-import.errors';
import { PeopleImportAction, PeopleImportReport } from './people-import.type';

/** What one call takes: a 50,000-person company's export fits with room to spare (README, "Bulk import"). */
export const MAX_IMPORT_CSV_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 60_000;

const S = `"${COHORTS_SCHEMA}"`;

interface StoredRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  timezone: string;
  locale: string;
  external_id: string | null;
  location: string | null;
  leader_id: string | null;
  team_name: string | null;
  channels: Channel[];
  webhook_bridge_id: string | null;
  active: boolean;
}

/**
 * Imports an HRIS export. A real run applies every valid row in one
 * transaction and reports the refused ones; the writes go through `unnest`
 * on the driver (docs/ARCHITECTURE.md#conventions, bulk writes), a handful of statements whatever the size.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cohortRules: CohortRuleService,
  ) {}

  async import(organizationId: string, input: ImportPeopleInput): Promise<PeopleImportReport> {
    if (Buffer.byteLength(input.csv, 'utf8') > MAX_IMPORT_CSV_BYTES) {
      throw PeopleImportErrors.tooLarge(MAX_IMPORT_CSV_BYTES);
    }
    const rows = readImportCsv(input.csv);
    if (rows.length > MAX_IMPORT_ROWS) throw PeopleImportErrors.tooManyRows(MAX_IMPORT_ROWS);
    if (input.dryRun) {
      return reportOf(true, planImport(rows, await storedPeople(this.dataSource.manager, organizationId)));
    }
    return this.dataSource.transaction(async (manager) => {
      await lockReportingLines(manager, organizationId);
      const stored = await storedPeople(manager, organizationId);
      const outcomes = planImport(rows, stored);
      await this.apply(manager, organizationId, outcomes, new Map(stored.map((person) => [person.id, person])));
      await this.cohortRules.recompute(manager, organizationId);
      return reportOf(false, outcomes);
    });
  }

  private async apply(
    manager: EntityManager,
    organizationId: string,
    outcomes: RowOutcome[],
    stored: Map<string, StoredPerson>,
  ): Promise<void> {
    const changed = outcomes.filter((outcome) => outcome.action !== 'REFUSE' && outcome.action !== 'UNCHANGED');
    if (changed.length === 0) return;
    const people = changed.map((outcome) => outcome.person as StoredPerson);
    const teamIds = await this.teamIds(manager, organizationId, people);
    const now = this.clock.now().toISOString();
    const created = people.filter((person) => !stored.has(person.id));
    const updated = people.filter((person) => stored.has(person.id));

    if (created.length > 0) {
      await manager.query(
        `INSERT INTO ${S}.people
           (id, organization_id, email, name, role, timezone, locale, external_id, location, leader_id, team_id,
            channels, webhook_bridge_id, active, deactivated_at)
         SELECT id, $1, email, name, role, timezone, locale, external_id, location, leader_id, team_id,
                string_to_array(channels, ','), webhook_bridge_id, active, CASE WHEN active THEN NULL ELSE $2::timestamptz END
         FROM ${unnestPeople(3)}`,
        [organizationId, now, ...columnsOf(created, teamIds)],
      );
    }
    if (updated.length > 0) {
      await manager.query(
        `UPDATE ${S}.people p SET
           email = u.email, name = u.name, role = u.role, timezone = u.timezone, locale = u.locale,
           external_id = u.external_id, location = u.location, leader_id = u.leader_id, team_id = u.team_id,
           channels = string_to_array(u.channels, ','), webhook_bridge_id = u.webhook_bridge_id, active = u.active,
           deactivated_at = CASE WHEN u.active THEN NULL ELSE coalesce(p.deactivated_at, $2::timestamptz) END,
           updated_at = now()
         FROM ${unnestPeople(3)}
         WHERE p.organization_id = $1 AND p.id = u.id`,
        [organizationId, now, ...columnsOf(updated, teamIds)],
      );
    }
    await appendToOutbox(
      manager,
      COHORTS_SCHEMA,
      organizationId,
      people.flatMap((person) => eventsFor(stored.get(person.id), person, teamIds)),
    );
  }

  /** The teams the rows name, created where the organization has none by that name yet. */
  private async teamIds(
    manager: EntityManager,
    organizationId: string,
    people: StoredPerson[],
  ): Promise<Map<string, string>> {
    const names = [...new Set(people.map((person) => person.teamName).filter((name): name is string => !!name))];
    if (names.length === 0) return new Map();
    await manager.query(
      `INSERT INTO ${S}.teams (organization_id, name) SELECT $1, unnest($2::text[])
       ON CONFLICT (organization_id, name) DO NOTHING`,
      [organizationId, names],
    );
    const teams: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM ${S}.teams WHERE organization_id = $1 AND name = ANY($2::text[])`,
      [organizationId, names],
    );
    return new Map(teams.map((team) => [team.name, team.id]));
  }
}

async function storedPeople(manager: EntityManager, organizationId: string): Promise<StoredPerson[]> {
  const rows: StoredRow[] = await manager.query(
    `SELECT p.id, p.email, p.name, p.role, p.timezone, p.locale, p.external_id, p.location, p.leader_id,
            t.name AS team_name, p.channels, p.webhook_bridge_id, p.active
     FROM ${S}.people p LEFT JOIN ${S}.teams t ON t.id = p.team_id
     WHERE p.organization_id = $1`,
    [organizationId],
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timezone: row.timezone,
    locale: row.locale,
    externalId: row.external_id,
    location: row.location,
    leaderId: row.leader_id,
    teamName: row.team_name,
    channels: row.channels,
    webhookBridgeId: row.webhook_bridge_id,
    active: row.active,
  }));
}

/** The people columns as parallel arrays, starting at parameter `$first`. */
function unnestPeople(first: number): string {
  const types = [
    'uuid',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'uuid',
    'uuid',
    'text',
    'text',
    'bool',
  ];
  const names =
    'id, email, name, role, timezone, locale, external_id, location, leader_id, team_id, channels, webhook_bridge_id, active';
  return `unnest(${types.map((type, index) => `$${first + index}::${type}[]`).join(', ')}) AS u(${names})`;
}

function columnsOf(people: StoredPerson[], teamIds: Map<string, string>): unknown[][] {
  return [
    people.map((person) => person.id),
    people.map((person) => person.email),
    people.map((person) => person.name),
    people.map((person) => person.role),
    people.map((person) => person.timezone),
    people.map((person) => person.locale),
    people.map((person) => person.externalId),
    people.map((person) => person.location),
    people.map((person) => person.leaderId),
    people.map((person) => (person.teamName ? (teamIds.get(person.teamName) ?? null) : null)),
    people.map((person) => person.channels.join(',')),
    people.map((person) => person.webhookBridgeId),
    people.map((person) => person.active),
  ];
}

/** The same events the single-person mutations write, so the scheduler cannot tell an import from a hand edit. */
function eventsFor(
  before: StoredPerson | undefined,
  after: StoredPerson,
  teamIds: Map<string, string>,
): PendingEvent[] {
  const events: PendingEvent[] = [];
  if (!before || !samePerson(before, { ...after, active: before.active })) {
    events.push(
      domainEvent('cohorts.person_upserted', {
        personId: after.id,
        role: after.role,
        timezone: after.timezone,
        leaderId: after.leaderId,
        email: after.email,
        channels: after.channels,
        locale: after.locale,
        webhookBridgeId: after.webhookBridgeId,
        active: before ? before.active : after.active,
        teamId: after.teamName ? (teamIds.get(after.teamName) ?? null) : null,
      }),
    );
  }
  if (before?.active && !after.active) events.push(domainEvent('cohorts.person_deactivated', { personId: after.id }));
  if (before && !before.active && after.active) {
    events.push(domainEvent('cohorts.person_reactivated', { personId: after.id }));
  }
  return events;
}

function reportOf(dryRun: boolean, outcomes: RowOutcome[]): PeopleImportReport {
  const count = (action: RowOutcome['action']) => outcomes.filter((outcome) => outcome.action === action).length;
  return {
    dryRun,
    created: count('CREATE'),
    updated: count('UPDATE'),
    deactivated: count('DEACTIVATE'),
    reactivated: count('REACTIVATE'),
    unchanged: count('UNCHANGED'),
    refused: count('REFUSE'),
    rows: outcomes
      .filter((outcome) => dryRun || outcome.action === 'REFUSE')
      .map(({ line, action, email, externalId, column, reason }) => ({
        line,
        action: action as PeopleImportAction,
        email,
        externalId,
        column,
        reason,
      })),
  };
}
