import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { RequestContext, requestScoped, Role, Viewer } from '@tend/auth';
import { appendToOutbox, domainEvent, withinQuietHours } from '@tend/events';
import { ConnectionShape, PageArgs, callerOf, keysetPage, loaderById } from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { Person } from '../people/person.entity';
import { CohortErrors } from './cohort.errors';
import { Cadence, Cohort } from './cohort.entity';
import { CadenceInput, CreateCohortInput } from './dto/create-cohort.input';

/** Keeps one call, and its transaction, short; larger rosters go in several calls. */
export const MAX_MEMBERS_PER_CALL = 1000;

export interface CohortLoaders {
  cohortById: DataLoader<string, Cohort | undefined>;
}

@Injectable()
export class CohortService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(organizationId: string, input: CreateCohortInput): Promise<Cohort> {
    return this.dataSource.transaction(async (manager) => {
      const cohorts = manager.getRepository(Cohort);
      const cohort = await cohorts.save(
        cohorts.create({
          organizationId,
          name: input.name,
          timezone: input.timezone,
          cadence: toCadence(input.cadence, 'input.cadence'),
          priority: input.priority ?? 0,
        }),
      );
      await announce(manager, cohort);
      return cohort;
    });
  }

  /** Of someone's cohorts, the one of highest priority brings the day's one new lesson. */
  async setPriority(organizationId: string, cohortId: string, priority: number): Promise<Cohort> {
    if (!Number.isInteger(priority) || priority < 0 || priority > 100) throw CohortErrors.priorityOutOfRange();
    return this.change(organizationId, cohortId, (cohort) => (cohort.priority = priority));
  }

  /**
   * Replaces a cohort's cadence. The scheduler moves pending lessons and
   * prompts onto it; a day that already had its lesson keeps it.
   */
  async updateCadence(organizationId: string, cohortId: string, input: CadenceInput): Promise<Cohort> {
    const cadence = toCadence(input, 'input');
    return this.change(organizationId, cohortId, (cohort) => (cohort.cadence = cadence));
  }

  /** Changes a cohort and announces it to the scheduler in the same transaction. */
  private change(organizationId: string, cohortId: string, apply: (cohort: Cohort) => void): Promise<Cohort> {
    return this.dataSource.transaction(async (manager) => {
      const cohort = await this.findOrFail(manager, organizationId, cohortId);
      apply(cohort);
      await manager.getRepository(Cohort).save(cohort);
      await announce(manager, cohort);
      return cohort;
    });
  }

  /** A cohort the viewer may see: admins see all, everyone else the cohorts they belong to. */
  async get(organizationId: string, id: string, viewer: Viewer): Promise<Cohort> {
    const cohort = await this.visibleCohorts(organizationId, viewer).andWhere('cohort.id = :id', { id }).getOne();
    if (!cohort) throw CohortErrors.notFound(id);
    return cohort;
  }

  async list(organizationId: string, args: PageArgs, viewer: Viewer): Promise<ConnectionShape<Cohort>> {
    return keysetPage(this.visibleCohorts(organizationId, viewer), args, {
      column: 'created_at',
      keyOf: (row) => row.createdAt,
      direction: 'ASC',
    });
  }

  /**
   * Adds people to a cohort; people already in it are left as they are, and
   * only the newcomers are announced, so a retried call announces nothing
   * twice. Two calls at once are safe too: the second waits on the first's
   * rows at the unique constraint, then skips them.
   */
  async addMembers(organizationId: string, cohortId: string, personIds: string[]): Promise<Cohort> {
    if (personIds.length > MAX_MEMBERS_PER_CALL) throw CohortErrors.tooManyMembers(MAX_MEMBERS_PER_CALL);
    return this.dataSource.transaction(async (manager) => {
      const cohort = await this.findOrFail(manager, organizationId, cohortId);
      const wanted = [...new Set(personIds)];
      const found = await manager
        .getRepository(Person)
        .find({ select: { id: true }, where: { organizationId, id: In(wanted) } });
      const foundIds = new Set(found.map((person) => person.id));
      const missing = personIds.findIndex((id) => !foundIds.has(id));
      if (missing >= 0) throw CohortErrors.memberNotFound(personIds[missing], missing);
      const added: { person_id: string }[] = await manager.query(
        `INSERT INTO "${COHORTS_SCHEMA}".cohort_members (organization_id, cohort_id, person_id)
         SELECT $1, $2, person_id FROM unnest($3::uuid[]) AS person_id
         ON CONFLICT (cohort_id, person_id) DO NOTHING
         RETURNING person_id`,
        [organizationId, cohortId, wanted],
      );
      // Someone a rule brought in is now a member by hand too: they stay when the rule stops matching them.
      await manager.query(
        `UPDATE "${COHORTS_SCHEMA}".cohort_members SET by_rule = false
         WHERE cohort_id = $1 AND person_id = ANY ($2::uuid[]) AND by_rule`,
        [cohortId, wanted],
      );
      if (added.length > 0) {
        await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [
          domainEvent('cohorts.cohort_members_added', { cohortId, personIds: added.map((row) => row.person_id) }),
        ]);
      }
      return cohort;
    });
  }

  /**
   * Takes people out of a cohort; people not in it are passed by, and only those who were in it
   * are announced, so a retried call announces nothing twice.
   */
  async removeMembers(organizationId: string, cohortId: string, personIds: string[]): Promise<Cohort> {
    if (personIds.length > MAX_MEMBERS_PER_CALL) throw CohortErrors.tooManyMembers(MAX_MEMBERS_PER_CALL);
    return this.dataSource.transaction(async (manager) => {
      const cohort = await this.findOrFail(manager, organizationId, cohortId);
      // For a DELETE, TypeORM answers [rows, affected count].
      const [removed]: [{ person_id: string }[], number] = await manager.query(
        `DELETE FROM "${COHORTS_SCHEMA}".cohort_members
         WHERE organization_id = $1 AND cohort_id = $2 AND person_id = ANY ($3::uuid[])
         RETURNING person_id`,
        [organizationId, cohortId, [...new Set(personIds)]],
      );
      if (removed.length > 0) {
        await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, [
          domainEvent('cohorts.cohort_members_removed', { cohortId, personIds: removed.map((row) => row.person_id) }),
        ]);
      }
      return cohort;
    });
  }

  async rename(organizationId: string, cohortId: string, name: string): Promise<Cohort> {
    return this.change(organizationId, cohortId, (cohort) => (cohort.name = name));
  }

  /** The cohort of the organization, read in the caller's transaction. */
  async findOrFail(manager: EntityManager, organizationId: string, id: string): Promise<Cohort> {
    const cohort = await manager.getRepository(Cohort).findOneBy({ organizationId, id });
    if (!cohort) throw CohortErrors.notFound(id);
    return cohort;
  }

  loadersFor(context: RequestContext): CohortLoaders {
    const principal = callerOf(context);
    return requestScoped(context, 'cohorts', () => this.createLoaders(principal.organizationId));
  }

  /** An enrollment's cohort, reached by id; only admins enroll, so the organization is the only scope. */
  private createLoaders(organizationId: string): CohortLoaders {
    return {
      cohortById: loaderById(
        (ids) => this.dataSource.getRepository(Cohort).findBy({ organizationId, id: In(ids) }),
        (cohort) => cohort.id,
      ),
    };
  }

  private visibleCohorts(organizationId: string, viewer: Viewer): SelectQueryBuilder<Cohort> {
    const query = this.dataSource
      .getRepository(Cohort)
      .createQueryBuilder('cohort')
      .where('cohort.organization_id = :organizationId', { organizationId });
    if (viewer.role === Role.ADMIN) return query;
    return query.andWhere(
      `EXISTS (SELECT 1 FROM "${COHORTS_SCHEMA}".cohort_members member
               WHERE member.cohort_id = cohort.id AND member.person_id = :viewerId)`,
      { viewerId: viewer.personId },
    );
  }
}

/** The stored cadence of an input: days in order, holidays in order, times clear of the quiet hours. */
function toCadence(input: CadenceInput, field: string): Cadence {
  const quietHours = input.quietHours ? { start: input.quietHours.start, end: input.quietHours.end } : null;
  if (quietHours) {
    if (quietHours.start === quietHours.end) throw CohortErrors.quietHoursEmpty(`${field}.quietHours`);
    for (const key of ['lessonTime', 'promptTime'] as const) {
      if (withinQuietHours(input[key], quietHours)) throw CohortErrors.timeInQuietHours(`${field}.${key}`, input[key]);
    }
  }
  return {
    daysOfWeek: [...input.daysOfWeek].sort((a, b) => a - b),
    lessonTime: input.lessonTime,
    promptDay: input.promptDay,
    promptTime: input.promptTime,
    quietHours,
    holidays: [...(input.holidays ?? [])].sort(),
  };
}

function announce(manager: EntityManager, cohort: Cohort): Promise<void> {
  return appendToOutbox(manager, COHORTS_SCHEMA, cohort.organizationId, [
    domainEvent('cohorts.cohort_upserted', {
      cohortId: cohort.id,
      timezone: cohort.timezone,
      cadence: { ...cohort.cadence },
      priority: cohort.priority,
    }),
  ]);
}
