import { randomUUID } from 'node:crypto';
import { isEmail } from 'class-validator';
import { Role } from '@tend/auth';
import { isKnownZone } from '@tend/clock';
import { canonicalLocale } from '@tend/graphql';
import { Channel, deliveryChannels } from '../people/channel';
import { DEFAULT_LOCALE } from '../people/locale';
import { LEADER_ROLES } from '../people/person.entity';

/** The columns an import understands; a header may name them in any order and case. */
export const IMPORT_COLUMNS = [
  'email',
  'name',
  'role',
  'timezone',
  'locale',
  'external_id',
  'leader',
  'team',
  'location',
  'channels',
  'webhook_bridge_id',
  'status',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The longest value each column takes, as the API's own inputs do. */
const MAX_LENGTH: Record<ImportColumn, number> = {
  email: 254,
  name: 200,
  role: 20,
  timezone: 64,
  locale: 35,
  external_id: 100,
  leader: 254,
  team: 100,
  location: 100,
  channels: 100,
  webhook_bridge_id: 200,
  status: 20,
};

/** One data row of the file: its line in the file and its cells by column (blank cells left out). */
export interface ImportRow {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
  /** Cells beyond the header's columns: a shifted row, most likely an unquoted comma. */
  extraCells: number;
}

/** A person as stored, with the attributes an import may change. */
export interface StoredPerson {
  id: string;
  email: string;
  name: string;
  role: Role;
  timezone: string;
  locale: string;
  externalId: string | null;
  location: string | null;
  leaderId: string | null;
  teamName: string | null;
  channels: Channel[];
  webhookBridgeId: string | null;
  active: boolean;
}

export type ImportAction = 'CREATE' | 'UPDATE' | 'DEACTIVATE' | 'REACTIVATE' | 'UNCHANGED' | 'REFUSE';

export interface RowOutcome {
  line: number;
  action: ImportAction;
  email: string | null;
  externalId: string | null;
  /** The column at fault when refused. */
  column: ImportColumn | null;
  reason: string | null;
  /** Set unless refused: the person as the import leaves them. */
  person: StoredPerson | null;
}

interface RowRefusal {
  column: ImportColumn | null;
  reason: string;
}

/** A row that names a person; settling the leaders may still refuse it. */
interface Candidate {
  row: ImportRow;
  existing: StoredPerson | null;
  person: StoredPerson;
  /** The leader as the row names them (an email or an external id), when it names one. */
  leaderRef: string | null;
  refusal: RowRefusal | null;
}

/** A row refused as it was read: it names no person. */
interface RefusedRow {
  row: ImportRow;
  refusal: RowRefusal;
}

type PlannedRow = Candidate | RefusedRow;

class Refusal extends Error {
  constructor(
    readonly column: ImportColumn | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Decides, row by row, what an import does, without touching the database:
 * which rows create, update, deactivate or reactivate someone, and which are
 * refused and why. Leaders may be named by email or external id and may come
 * later in the file; a refused row takes down the rows that depend on it
 * (their leader), so what remains is always consistent.
 */
export function planImport(rows: ImportRow[], stored: StoredPerson[]): RowOutcome[] {
  const byId = new Map(stored.map((person) => [person.id, person]));
  const byEmail = new Map(stored.map((person) => [person.email, person]));
  const byExternalId = new Map(
    stored.filter((person) => person.externalId !== null).map((person) => [person.externalId as string, person]),
  );
  const firstLineOfEmail = new Map<string, number>();
  const firstLineOfExternalId = new Map<string, number>();

  const planned: PlannedRow[] = rows.map((row) => {
    try {
      return readRow(row, byEmail, byExternalId, firstLineOfEmail, firstLineOfExternalId);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return { row, refusal: { column: error.column, reason: error.reason } };
    }
  });

  settleLeaders(planned, byId);
  return planned.map(outcomeOf);
}

function readRow(
  row: ImportRow,
  byEmail: Map<string, StoredPerson>,
  byExternalId: Map<string, StoredPerson>,
  firstLineOfEmail: Map<string, number>,
  firstLineOfExternalId: Map<string, number>,
): Candidate {
  const { cells } = row;
  if (row.extraCells > 0) {
    throw new Refusal(null, `the row has ${row.extraCells} more cells than the header: quote values that hold commas`);
  }
  for (const column of IMPORT_COLUMNS) {
    const value = cells[column];
    if (value === undefined) continue;
    if (!isWellFormedText(value)) {
      throw new Refusal(column, `${column} is not valid UTF-8 text: export the file as UTF-8`);
    }
    if (value.length > MAX_LENGTH[column]) {
      throw new Refusal(column, `${column} is longer than ${MAX_LENGTH[column]} characters`);
    }
  }
  const email = cells.email?.toLowerCase();
  if (!email) throw new Refusal('email', 'email is missing');
  if (!isEmail(email)) throw new Refusal('email', `email "${email}" is not an email address`);
  const externalId = cells.external_id ?? null;

  const emailLine = firstLineOfEmail.get(email);
  if (emailLine !== undefined) throw new Refusal('email', `duplicate: line ${emailLine} has the same email`);
  firstLineOfEmail.set(email, row.line);
  if (externalId !== null) {
    const idLine = firstLineOfExternalId.get(externalId);
    if (idLine !== undefined) {
      throw new Refusal('external_id', `duplicate: line ${idLine} has the same external id`);
    }
    firstLineOfExternalId.set(externalId, row.line);
  }

  const role = cells.role?.toUpperCase();
  if (role !== undefined && !Object.values(Role).includes(role as Role)) {
    throw new Refusal('role', `role "${cells.role}" is not one of ADMIN, LEADER, LEARNER`);
  }
  if (cells.timezone !== undefined && !isKnownZone(cells.timezone)) {
    throw new Refusal('timezone', `time zone "${cells.timezone}" is not an IANA time zone such as Europe/Paris`);
  }
  const locale = cells.locale === undefined ? undefined : canonicalLocale(cells.locale);
  if (locale === null) {
    throw new Refusal('locale', `locale "${cells.locale}" is not a BCP 47 language tag such as en-GB`);
  }
  const channels = cells.channels === undefined ? undefined : readChannels(cells.channels);
  const status = cells.status?.toLowerCase();
  if (status !== undefined && status !== 'active' && status !== 'inactive') {
    throw new Refusal('status', `status "${cells.status}" is neither active nor inactive`);
  }

  const existing = findExisting(email, externalId, byEmail, byExternalId);
  const base: StoredPerson = existing ?? {
    id: randomUUID(),
    email,
    name: '',
    role: Role.LEARNER,
    timezone: '',
    locale: DEFAULT_LOCALE,
    externalId: null,
    location: null,
    leaderId: null,
    teamName: null,
    channels: deliveryChannels([]),
    webhookBridgeId: null,
    active: true,
  };
  const person: StoredPerson = {
    ...base,
    email,
    name: cells.name ?? base.name,
    role: (role as Role | undefined) ?? base.role,
    timezone: cells.timezone ?? base.timezone,
    locale: locale ?? base.locale,
    externalId: externalId ?? base.externalId,
    location: cells.location ?? base.location,
    teamName: cells.team ?? base.teamName,
    channels: channels ?? base.channels,
    webhookBridgeId: cells.webhook_bridge_id ?? base.webhookBridgeId,
    active: status === undefined ? base.active : status === 'active',
  };
  if (!person.name) throw new Refusal('name', 'name is missing for a new person');
  if (!person.timezone) throw new Refusal('timezone', 'time zone is missing for a new person');
  if (person.channels.includes(Channel.WEBHOOK) && !person.webhookBridgeId) {
    throw new Refusal('webhook_bridge_id', 'the WEBHOOK channel needs a webhook_bridge_id');
  }
  return { row, existing, person, leaderRef: cells.leader?.toLowerCase() ?? null, refusal: null };
}

/** By external id first (it survives a change of email), else by email; never two people at once. */
function findExisting(
  email: string,
  externalId: string | null,
  byEmail: Map<string, StoredPerson>,
  byExternalId: Map<string, StoredPerson>,
): StoredPerson | null {
  const withEmail = byEmail.get(email) ?? null;
  const withExternalId = externalId === null ? null : (byExternalId.get(externalId) ?? null);
  if (withExternalId) {
    if (withEmail && withEmail.id !== withExternalId.id) {
      throw new Refusal('email', `email "${email}" belongs to another person than external id "${externalId}"`);
    }
    return withExternalId;
  }
  if (withEmail && externalId !== null && withEmail.externalId !== null) {
    throw new Refusal(
      'external_id',
      `email "${email}" belongs to the person with external id "${withEmail.externalId}", not "${externalId}"`,
    );
  }
  return withEmail;
}

function readChannels(value: string): Channel[] {
  const names = value
    .split(/[;|]/)
    .map((name) => name.trim().toUpperCase())
    .filter((name) => name.length > 0);
  const unknown = names.find((name) => !Object.values(Channel).includes(name as Channel));
  if (unknown !== undefined) throw new Refusal('channels', `channel "${unknown}" is not one of IN_APP, EMAIL, WEBHOOK`);
  return deliveryChannels(names as Channel[]);
}

/**
 * Resolves every row's leader against the file and the stored people, then
 * refuses what the final reporting lines would not allow (an unknown leader,
 * a leader who is a learner, a cycle), again and again until no refusal
 * takes another row down with it.
 */
function settleLeaders(planned: PlannedRow[], byId: Map<string, StoredPerson>): void {
  const candidates = planned.filter((entry): entry is Candidate => 'person' in entry);
  for (;;) {
    const accepted = candidates.filter((candidate) => candidate.refusal === null);
    const finalById = new Map(byId);
    const rowOf = new Map<string, Candidate>();
    for (const candidate of accepted) {
      finalById.set(candidate.person.id, candidate.person);
      rowOf.set(candidate.person.id, candidate);
    }
    const finalByEmail = new Map<string, StoredPerson>();
    const finalByExternalId = new Map<string, StoredPerson>();
    for (const person of finalById.values()) {
      finalByEmail.set(person.email, person);
      if (person.externalId !== null) finalByExternalId.set(person.externalId.toLowerCase(), person);
    }
    const refusedEmails = new Map<string, number>();
    const refusedExternalIds = new Map<string, number>();
    for (const entry of planned) {
      if (entry.refusal === null) continue;
      const { email, external_id: externalId } = entry.row.cells;
      if (email) refusedEmails.set(email.toLowerCase(), entry.row.line);
      if (externalId) refusedExternalIds.set(externalId.toLowerCase(), entry.row.line);
    }

    let refusedNow = 0;
    const refuse = (candidate: Candidate, error: unknown) => {
      if (!(error instanceof Refusal)) throw error;
      candidate.refusal = { column: error.column, reason: error.reason };
      refusedNow++;
    };
    for (const candidate of accepted) {
      try {
        if (candidate.leaderRef !== null) {
          candidate.person.leaderId = resolveLeader(
            candidate,
            finalByEmail,
            finalByExternalId,
            refusedEmails,
            refusedExternalIds,
          );
        }
      } catch (error) {
        refuse(candidate, error);
      }
    }
    const reportsOf = new Map<string, number>();
    for (const person of finalById.values()) {
      if (person.leaderId !== null) reportsOf.set(person.leaderId, (reportsOf.get(person.leaderId) ?? 0) + 1);
    }
    for (const candidate of accepted) {
      const { existing, person } = candidate;
      if (candidate.refusal !== null || !existing || !LEADER_ROLES.includes(existing.role)) continue;
      if (LEADER_ROLES.includes(person.role)) continue;
      const reports = reportsOf.get(person.id) ?? 0;
      if (reports > 0) {
        refuse(candidate, new Refusal('role', `role ${person.role} for someone who still leads ${reports} people`));
      }
    }
    refusedNow += refuseCycles(accepted, finalById, rowOf, byId);
    if (refusedNow === 0) return;
    for (const candidate of accepted) {
      if (candidate.refusal === null) candidate.person.leaderId = candidate.existing?.leaderId ?? null;
    }
  }
}

function resolveLeader(
  candidate: Candidate,
  finalByEmail: Map<string, StoredPerson>,
  finalByExternalId: Map<string, StoredPerson>,
  refusedEmails: Map<string, number>,
  refusedExternalIds: Map<string, number>,
): string {
  const ref = candidate.leaderRef as string;
  const byEmailRef = ref.includes('@');
  const leader = byEmailRef ? finalByEmail.get(ref) : finalByExternalId.get(ref);
  if (!leader) {
    const line = (byEmailRef ? refusedEmails : refusedExternalIds).get(ref);
    if (line !== undefined) throw new Refusal('leader', `leader "${ref}" is on line ${line}, which is refused`);
    throw new Refusal('leader', `unknown leader "${ref}": no row or person has this email or external id`);
  }
  if (leader.id === candidate.person.id) throw new Refusal('leader', 'a person cannot be their own leader');
  if (!LEADER_ROLES.includes(leader.role)) {
    throw new Refusal('leader', `leader "${ref}" is a LEARNER; a leader must be a LEADER or an ADMIN`);
  }
  return leader.id;
}

/** Walks up from each row's person; a walk that comes back to itself is a cycle, refused on every row in it. */
function refuseCycles(
  accepted: Candidate[],
  finalById: Map<string, StoredPerson>,
  rowOf: Map<string, Candidate>,
  storedById: Map<string, StoredPerson>,
): number {
  // A row refused in this round keeps the reporting line it had before the import.
  const leaderOf = (id: string): string | null => {
    const row = rowOf.get(id);
    if (row) return row.refusal === null ? row.person.leaderId : (storedById.get(id)?.leaderId ?? null);
    return finalById.get(id)?.leaderId ?? null;
  };
  const clear = new Set<string>();
  let refused = 0;
  for (const candidate of accepted) {
    if (candidate.refusal !== null) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | null = candidate.person.id;
    while (current !== null && !clear.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = leaderOf(current);
    }
    if (current === null || clear.has(current)) {
      path.forEach((id) => clear.add(id));
      continue;
    }
    const loop = path.slice(path.indexOf(current));
    const names = [...loop, current].map((id) => finalById.get(id)?.email ?? id).join(' → ');
    for (const id of loop) {
      const row = rowOf.get(id);
      if (row && row.refusal === null) {
        row.refusal = { column: 'leader', reason: `reporting cycle: ${names}` };
        refused++;
      }
    }
  }
  return refused;
}

function outcomeOf(entry: PlannedRow): RowOutcome {
  const { row } = entry;
  const base = {
    line: row.line,
    email: row.cells.email?.toLowerCase() ?? null,
    externalId: row.cells.external_id ?? null,
  };
  const refused = ({ column, reason }: RowRefusal): RowOutcome => ({
    ...base,
    action: 'REFUSE',
    column,
    reason,
    person: null,
  });
  if (!('person' in entry)) return refused(entry.refusal);
  const { existing, person, refusal } = entry;
  if (refusal) return refused(refusal);
  return { ...base, action: actionOf(existing, person), column: null, reason: null, person };
}

function actionOf(existing: StoredPerson | null, person: StoredPerson): ImportAction {
  if (!existing) return 'CREATE';
  if (existing.active && !person.active) return 'DEACTIVATE';
  if (!existing.active && person.active) return 'REACTIVATE';
  return samePerson(existing, person) ? 'UNCHANGED' : 'UPDATE';
}

export function samePerson(a: StoredPerson, b: StoredPerson): boolean {
  return (
    a.email === b.email &&
    a.name === b.name &&
    a.role === b.role &&
    a.timezone === b.timezone &&
    a.locale === b.locale &&
    a.externalId === b.externalId &&
    a.location === b.location &&
    a.leaderId === b.leaderId &&
    a.teamName === b.teamName &&
    a.channels.join() === b.channels.join() &&
    a.webhookBridgeId === b.webhookBridgeId &&
    a.active === b.active
  );
}

/** Text that was valid UTF-8: no replacement character left by a bad byte, no lone surrogate. */
function isWellFormedText(value: string): boolean {
  return (
    !value.includes('\uFFFD') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)
  );
}
