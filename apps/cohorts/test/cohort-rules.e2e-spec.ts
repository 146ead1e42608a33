import { Role } from '@tend/auth';
import {
  eventually,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Organization,
  startTestStack,
  TestStack,
  uniqueSuffix,
  WEEKDAYS_AT_NINE,
  withClient,
} from '@tend/testing';

const SET_RULE = `mutation($id: ID!, $rule: CohortRuleInput) {
  setCohortRule(cohortId: $id, rule: $rule) { id rule { teamNames locations roles subtreeOfLeaderId } }
}`;
const MEMBERS = 'query($id: ID!) { cohort(id: $id) { members(first: 50) { edges { node { name } } } } }';
const UPDATE = 'mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }';

describe('cohorts whose members follow a rule as people change', () => {
  let stack: TestStack;
  let acme: Organization;

  const newCohort = async () => {
    const { createCohort } = await acme.admin.ok(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      { input: { name: `Rule ${uniqueSuffix()}`, timezone: 'UTC', cadence: WEEKDAYS_AT_NINE } },
    );
    return createCohort.id as string;
  };
  const membersOf = async (cohortId: string) => {
    const { cohort } = await acme.admin.ok(MEMBERS, { id: cohortId });
    return cohort.members.edges.map((edge: { node: { name: string } }) => edge.node.name).sort();
  };

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    // Four services start on a shared two-core machine.
  }, 120_000);

  afterAll(() => stack?.stop());

  it('takes in a team, and follows people who join or leave it', async () => {
    const team = `Front desk ${uniqueSuffix()}`;
    await givenPerson(stack, acme, { name: 'Ada', role: Role.LEARNER, timezone: 'UTC', teamName: team });
    const bea = await givenPerson(stack, acme, { name: 'Bea', role: Role.LEARNER, timezone: 'UTC' });
    const cohortId = await newCohort();
    const { setCohortRule } = await acme.admin.ok(SET_RULE, { id: cohortId, rule: { teamNames: [team] } });
    expect(setCohortRule.rule).toMatchObject({ teamNames: [team], locations: null });
    expect(await membersOf(cohortId)).toEqual(['Ada']);

    await acme.admin.ok(UPDATE, { id: bea.id, input: { teamName: team } });
    expect(await membersOf(cohortId)).toEqual(['Ada', 'Bea']);
    await acme.admin.ok(UPDATE, { id: bea.id, input: { teamName: null } });
    expect(await membersOf(cohortId)).toEqual(['Ada']);

    expect(await acme.admin.error(SET_RULE, { id: cohortId, rule: {} })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'rule' },
    });
  });

  it('takes in a leader’s whole subtree, new reports included, and the scheduler follows', async () => {
    const track = await givenPublishedTrack(acme.admin, [{ title: 'Only lesson', kind: 'READ' }]);
    const lead = await givenPerson(stack, acme, { name: 'Lead', role: Role.LEADER, timezone: 'UTC' });
    const middle = await givenPerson(stack, acme, {
      name: 'Mid',
      role: Role.LEADER,
      timezone: 'UTC',
      leaderId: lead.id,
    });
    await givenPerson(stack, acme, { name: 'Low', role: Role.LEARNER, timezone: 'UTC', leaderId: middle.id });
    await givenPerson(stack, acme, { name: 'Outside', role: Role.LEARNER, timezone: 'UTC' });
    const cohortId = await newCohort();
    await acme.admin.ok(SET_RULE, { id: cohortId, rule: { subtreeOfLeaderId: lead.id } });
    expect(await membersOf(cohortId)).toEqual(['Lead', 'Low', 'Mid']);
    await eventually(() =>
      acme.admin.ok('mutation($c: ID!, $t: ID!) { enrollCohort(cohortId: $c, trackId: $t) { id } }', {
        c: cohortId,
        t: track.trackId,
      }),
    );

    const late = await givenPerson(stack, acme, {
      name: 'Late',
      role: Role.LEARNER,
      timezone: 'UTC',
      leaderId: middle.id,
    });
    expect(await membersOf(cohortId)).toEqual(['Late', 'Lead', 'Low', 'Mid']);

    // Mid moves out from under Lead, and takes Low and Late along.
    await acme.admin.ok(UPDATE, { id: middle.id, input: { leaderId: null } });
    expect(await membersOf(cohortId)).toEqual(['Lead']);
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query('SELECT person_id FROM scheduler.cohort_members WHERE cohort_id = $1', [cohortId]),
      );
      expect(rows).toEqual([{ person_id: lead.id }]);
      const learners = await learnerRowsOf(stack.databaseUrl, late.id);
      expect(learners).toBe(0);
      // The scheduler works through every event of the story so far first, on a shared machine.
    }, 30_000);
  });
});

async function learnerRowsOf(databaseUrl: string, personId: string): Promise<number> {
  const { rows } = await withClient(databaseUrl, (c) =>
    c.query('SELECT count(*)::int AS n FROM scheduler.learner_enrollments WHERE person_id = $1', [personId]),
  );
  return rows[0].n as number;
}
