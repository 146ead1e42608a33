import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { appendToOutbox, domainEvent, PendingEvent } from '@tend/events';
import { badInput } from '@tend/graphql';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { CohortErrors } from '../cohorts/cohort.errors';
import { Cohort } from '../cohorts/cohort.entity';
import { reportingLine } from '../reporting-lines/reporting-line';
import { CohortRule, hasCriterion } from './cohort-rule';

const S = `"${COHORTS_SCHEMA}"`;

/**
 * The people a rule matches, as `matching(id)`. Deactivated people still
 * match: the scheduler already stops their deliveries, and leaving the cohort
 * would throw away their place in its tracks.
 */
const MATCHING = `
  WITH RECURSIVE ${reportingLine('subtree', '$6::uuid', '$1')},
  matching (id) AS (
    SELECT p.id FROM ${S}.people p LEFT JOIN ${S}.teams t ON t.id = p.team_id
    WHERE p.organization_id = $1
      AND ($3::text[] IS NULL OR t.name = ANY ($3))
      AND ($4::text[] IS NULL OR p.location = ANY ($4))
      AND ($5::text[] IS NULL OR p.role = ANY ($5))
      AND ($6::uuid IS NULL OR p.id IN (SELECT id FROM subtree))
  )`;

@Injectable()
export class CohortRuleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sets or (with null) clears the rule; members it brought in and no longer matches leave at once. */
  async setRule(organizationId: string, cohortId: string, rule: CohortRule | null): Promise<Cohort> {
    if (rule && !hasCriterion(rule)) throw badInput('rule', 'must name at least one team, location, role or leader');
    return this.dataSource.transaction(async (manager) => {
      const cohort = await manager
        .getRepository(Cohort)
        .findOne({ where: { organizationId, id: cohortId }, lock: { mode: 'pessimistic_write' } });
      if (!cohort) throw CohortErrors.notFound(cohortId);
      cohort.rule = rule ? { ...rule } : null;
      await manager.getRepository(Cohort).save(cohort);
      await this.recompute(manager, organizationId, cohortId);
      return cohort;
    });
  }

  /**
   * Brings the rule cohorts' members in line with the people as they are now,
   * in the caller's transaction: whoever a person change made match joins,
   * whoever it made stop matching leaves, and the scheduler hears of both.
   */
  async recompute(manager: EntityManager, organizationId: string, onlyCohortId?: string): Promise<void> {
    const cohorts: { id: string; rule: CohortRule | null }[] = await manager.query(
      `SELECT id, rule FROM ${S}.cohorts
       WHERE organization_id = $1 AND ($2::uuid IS NULL OR id = $2) AND (rule IS NOT NULL OR $2 IS NOT NULL)
       ORDER BY id FOR UPDATE`,
      [organizationId, onlyCohortId ?? null],
    );
    const events: PendingEvent[] = [];
    for (const cohort of cohorts) {
      const rule = cohort.rule;
      const parameters = [
        organizationId,
        cohort.id,
        rule?.teamNames ?? null,
        rule?.locations ?? null,
        rule?.roles ?? null,
        rule?.subtreeOfLeaderId ?? null,
      ];
      // For a DELETE, TypeORM answers [rows, affected count].
      const [removed]: [{ person_id: string }[], number] = await manager.query(
        `${MATCHING}
         DELETE FROM ${S}.cohort_members member
         WHERE member.organization_id = $1 AND member.cohort_id = $2 AND member.by_rule
           AND ($7 OR member.person_id NOT IN (SELECT id FROM matching))
         RETURNING member.person_id`,
        [...parameters, rule === null],
      );
      const added: { person_id: string }[] =
        rule === null
          ? []
          : await manager.query(
              `${MATCHING}
               INSERT INTO ${S}.cohort_members (organization_id, cohort_id, person_id, by_rule)
               SELECT $1, $2, id, true FROM matching
               ON CONFLICT (cohort_id, person_id) DO NOTHING
               RETURNING person_id`,
              parameters,
            );
      if (added.length > 0) {
        events.push(
          domainEvent('cohorts.cohort_members_added', {
            cohortId: cohort.id,
            personIds: added.map((row) => row.person_id),
          }),
        );
      }
      if (removed.length > 0) {
        events.push(
          domainEvent('cohorts.cohort_members_removed', {
            cohortId: cohort.id,
            personIds: removed.map((row) => row.person_id),
          }),
        );
      }
    }
    await appendToOutbox(manager, COHORTS_SCHEMA, organizationId, events);
  }
}
