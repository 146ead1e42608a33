import { randomUUID } from 'node:crypto';
import { Role } from '@tend/auth';
import {
  eventually,
  givenOrganization,
  givenPerson,
  Member,
  Organization,
  startTestStack,
  TestStack,
  WEEKDAYS_AT_NINE,
  withClient,
} from '@tend/testing';

const ANALYTICS = `query($groupBy: AnalyticsGroupBy!, $leaderId: ID, $weeks: Int, $first: Int, $after: String) {
  learningAnalytics(groupBy: $groupBy, leaderId: $leaderId, weeks: $weeks, first: $first, after: $after) {
    edges { node {
      cohort { name } team { name } leader { name }
      learners lessonsDue lessonsCompleted completionRate reviewsRated recallRate activeDaysPerWeek
      streakDistribution { min max learners }
      medianMinutesToComplete
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CSV = `query($groupBy: AnalyticsGroupBy!, $leaderId: ID, $weeks: Int) {
  learningAnalyticsCsv(groupBy: $groupBy, leaderId: $leaderId, weeks: $weeks)
}`;

type Row = Record<string, unknown> & {
  cohort: { name: string } | null;
  team: { name: string } | null;
  leader: { name: string } | null;
};

/** The streak buckets with these counts of learners: 0, 1–2, 3–5, 6–10, 11+. */
const streaks = (...learners: number[]) =>
  [
    { min: 0, max: 0 },
    { min: 1, max: 2 },
    { min: 3, max: 5 },
    { min: 6, max: 10 },
    { min: 11, max: null },
  ].map((bucket, index) => ({ ...bucket, learners: learners[index] ?? 0 }));

/**
 * An HR admin compares cohorts, HR teams and leaders' subtrees over one week. The week's lessons
 * and reviews are written as the planner and the learners would have left them, so every figure
 * is known: Ann did Monday's lesson in 30 minutes and Tuesday's in two hours and has today's still
 * open, and recalled one of her two reviews; Ben did Monday's in an hour, missed Tuesday's, and
 * recalled his one review; Cat did Monday's in ten minutes.
 */
describe('learning analytics by cohort, HR team and leader subtree', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let lea: Member;
  let max: Member;
  let odo: Member;
  let ann: Member;
  let ben: Member;
  let cat: Member;
  let globexLeader: Member;

  async function createCohort(name: string, members: Member[]): Promise<string> {
    const { createCohort } = await acme.admin.ok<{ createCohort: { id: string } }>(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      { input: { name, timezone: 'UTC', cadence: WEEKDAYS_AT_NINE } },
    );
    await acme.admin.ok(
      'mutation($id: ID!, $people: [ID!]!) { addCohortMembers(cohortId: $id, personIds: $people) { id } }',
      {
        id: createCohort.id,
        people: members.map((member) => member.id),
      },
    );
    return createCohort.id;
  }

  /** A lesson due at 09:00 UTC on `day`, done `minutes` later, or left open. */
  const lesson = (learner: Member, day: string, minutes: number | null) => ({
    learner,
    kind: 'LESSON',
    day,
    doneAfterMinutes: minutes,
    rating: null,
  });
  const review = (learner: Member, day: string, rating: 'GOOD' | 'AGAIN') => ({
    learner,
    kind: 'REVIEW',
    day,
    doneAfterMinutes: 5,
    rating,
  });

  beforeAll(async () => {
    stack = await startTestStack();
    // Wednesday 2 December 2026, noon: the report's one week is Monday to today.
    await stack.setClock('2026-12-02T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    const person = (name: string, role: Role, leader?: Member, teamName?: string) =>
      givenPerson(stack, acme, {
        name,
        role,
        timezone: 'UTC',
        email: `${name.toLowerCase()}@acme.example`,
        leaderId: leader?.id,
        teamName,
      });
    lea = await person('Lea', Role.LEADER);
    odo = await person('Odo', Role.LEADER);
    max = await person('Max', Role.LEADER, lea);
    ann = await person('Ann', Role.LEARNER, lea, 'Front desk');
    ben = await person('Ben', Role.LEARNER, max, 'Front desk');
    cat = await person('Cat', Role.LEARNER, odo, 'Kitchen');
    globexLeader = await givenPerson(stack, globex, { name: 'Gil', role: Role.LEADER, timezone: 'UTC' });
    await givenPerson(stack, globex, {
      name: 'Gia',
      role: Role.LEARNER,
      timezone: 'UTC',
      leaderId: globexLeader.id,
      teamName: 'Front desk',
    });
    await createCohort('Mornings', [ann, cat]);
    await createCohort('Evenings', [ben]);

    const enrollmentId = randomUUID();
    const week = [
      lesson(ann, '2026-11-30', 30),
      lesson(ann, '2026-12-01', 120),
      lesson(ann, '2026-12-02', null),
      review(ann, '2026-12-01', 'GOOD'),
      review(ann, '2026-12-01', 'AGAIN'),
      lesson(ben, '2026-11-30', 60),
      lesson(ben, '2026-12-01', null),
      review(ben, '2026-12-02', 'GOOD'),
      lesson(cat, '2026-11-30', 10),
    ];
    // The scheduler must know everyone, their teams and the cohorts' members before their week is written.
    await eventually(async () => {
      const known = await withClient(stack.databaseUrl, (client) =>
        client.query(
          `SELECT (SELECT count(*) FROM scheduler.people WHERE organization_id = $1 AND team_id IS NOT NULL)::int AS teamed,
                    (SELECT count(*) FROM scheduler.cohort_members WHERE organization_id = $1)::int AS members`,
          [acme.organizationId],
        ),
      );
      expect(known.rows[0]).toEqual({ teamed: 3, members: 3 });
    }, 30_000);
    await withClient(stack.databaseUrl, async (client) => {
      for (const item of week) {
        const dueAt = new Date(`${item.day}T09:00:00Z`);
        const completedAt =
          item.doneAfterMinutes === null ? null : new Date(dueAt.getTime() + item.doneAfterMinutes * 60_000);
        await client.query(
          `INSERT INTO scheduler.deliveries
             (organization_id, person_id, kind, lesson_id, enrollment_id, card_id, review_of, local_date, due_at,
              status, channel, sent_at, completed_at, rating)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'IN_APP', $9, $11, $12)`,
          [
            acme.organizationId,
            item.learner.id,
            item.kind,
            randomUUID(),
            item.kind === 'LESSON' ? enrollmentId : null,
            item.kind === 'REVIEW' ? randomUUID() : null,
            item.kind === 'REVIEW' ? 'CARD' : null,
            item.day,
            dueAt,
            completedAt ? 'COMPLETED' : 'SENT',
            completedAt,
            item.rating,
          ],
        );
      }
    });
    // Four services start on a shared two-core machine: give them time.
  }, 180_000);

  afterAll(() => stack?.stop());

  const byName = (edges: { node: Row }[]) =>
    Object.fromEntries(
      edges.map(({ node: { cohort, team, leader, ...figures } }) => [(cohort ?? team ?? leader)?.name, figures]),
    );

  const analytics = async (client: Member['client'], variables: Record<string, unknown>) =>
    (
      await client.ok<{
        learningAnalytics: { edges: { node: Row }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      }>(ANALYTICS, { weeks: 1, ...variables })
    ).learningAnalytics;

  it('puts each cohort’s completion, recall, engagement and time to complete side by side, named', async () => {
    const { edges } = await analytics(acme.admin, { groupBy: 'COHORT' });
    expect(byName(edges)).toEqual({
      Mornings: {
        learners: 2,
        lessonsDue: 4,
        lessonsCompleted: 3,
        completionRate: 0.75,
        reviewsRated: 2,
        recallRate: 0.5,
        // Ann on Monday and Tuesday, Cat on Monday: three active days for two learners in one week.
        activeDaysPerWeek: 1.5,
        // Ann's two workdays in a row (today is not over yet), Cat's one.
        streakDistribution: streaks(0, 2),
        medianMinutesToComplete: 30,
      },
      Evenings: {
        learners: 1,
        lessonsDue: 2,
        lessonsCompleted: 1,
        completionRate: 0.5,
        reviewsRated: 1,
        recallRate: 1,
        activeDaysPerWeek: 2,
        // Ben missed Tuesday's lesson.
        streakDistribution: streaks(1),
        medianMinutesToComplete: 60,
      },
    });
  });

  it('groups by HR team, each organization’s own', async () => {
    const { edges } = await analytics(acme.admin, { groupBy: 'TEAM' });
    expect(byName(edges)).toEqual({
      'Front desk': {
        learners: 2,
        lessonsDue: 5,
        lessonsCompleted: 3,
        completionRate: 0.6,
        reviewsRated: 3,
        recallRate: 0.67,
        activeDaysPerWeek: 2,
        streakDistribution: streaks(1, 1),
        medianMinutesToComplete: 60,
      },
      Kitchen: {
        learners: 1,
        lessonsDue: 1,
        lessonsCompleted: 1,
        completionRate: 1,
        reviewsRated: 0,
        recallRate: null,
        activeDaysPerWeek: 1,
        streakDistribution: streaks(0, 1),
        medianMinutesToComplete: 10,
      },
    });
    // Globex has a team of the same name, with nobody of Acme in it and nothing done.
    const globexTeams = await analytics(globex.admin, { groupBy: 'TEAM' });
    expect(byName(globexTeams.edges)).toEqual({
      'Front desk': expect.objectContaining({ learners: 0, lessonsDue: 0, completionRate: null }),
    });
  });

  it('counts everyone under a leader at any depth: Lea’s subtree holds Max’s', async () => {
    const { edges } = await analytics(acme.admin, { groupBy: 'LEADER_SUBTREE' });
    const subtrees = byName(edges);
    expect(Object.keys(subtrees).sort()).toEqual(['Lea', 'Max', 'Odo']);
    // Ann reports to Lea, Ben to Max, who reports to Lea; Max had nothing due himself.
    expect(subtrees.Lea).toMatchObject({ learners: 2, lessonsDue: 5, completionRate: 0.6, recallRate: 0.67 });
    expect(subtrees.Max).toMatchObject({ learners: 1, lessonsDue: 2, completionRate: 0.5, recallRate: 1 });
    expect(subtrees.Odo).toMatchObject({ learners: 1, lessonsDue: 1, completionRate: 1, recallRate: null });
    const odosOnly = await analytics(acme.admin, { groupBy: 'LEADER_SUBTREE', leaderId: odo.id });
    expect(Object.keys(byName(odosOnly.edges))).toEqual(['Odo']);
  });

  it('pages by group', async () => {
    const first = await analytics(acme.admin, { groupBy: 'LEADER_SUBTREE', first: 2 });
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await analytics(acme.admin, {
      groupBy: 'LEADER_SUBTREE',
      first: 2,
      after: first.pageInfo.endCursor,
    });
    expect(second.edges).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges].map((edge) => edge.node.leader?.name).sort()).toEqual([
      'Lea',
      'Max',
      'Odo',
    ]);
  });

  it('exports every group as CSV, by group id', async () => {
    const { learningAnalyticsCsv } = await acme.admin.ok(CSV, { groupBy: 'COHORT', weeks: 1 });
    const [header, ...lines] = learningAnalyticsCsv.split('\r\n');
    expect(header).toBe(
      'group_by,group_id,learners,lessons_due,lessons_completed,completion_rate,reviews_rated,recall_rate,active_days_per_week,streak_0,streak_1_2,streak_3_5,streak_6_10,streak_11_plus,median_minutes_to_complete',
    );
    expect(lines.pop()).toBe('');
    const cohortIds = await withClient(stack.databaseUrl, (client) =>
      client.query<{ id: string; name: string }>('SELECT id, name FROM cohorts.cohorts WHERE organization_id = $1', [
        acme.organizationId,
      ]),
    );
    const idOf = (name: string) => cohortIds.rows.find((row) => row.name === name)?.id;
    expect(lines).toEqual(
      [
        `COHORT,${idOf('Mornings')},2,4,3,0.75,2,0.5,1.5,0,2,0,0,0,30`,
        `COHORT,${idOf('Evenings')},1,2,1,0.5,1,1,2,1,0,0,0,0,60`,
      ].sort(),
    );
  });

  it('lets a leader read their own subtree, and nothing else', async () => {
    const own = await analytics(lea.client, { groupBy: 'LEADER_SUBTREE' });
    expect(byName(own.edges)).toEqual({ Lea: expect.objectContaining({ learners: 2, lessonsDue: 5 }) });
    const { learningAnalyticsCsv } = await lea.client.ok(CSV, { groupBy: 'LEADER_SUBTREE', weeks: 1 });
    expect(learningAnalyticsCsv.split('\r\n').slice(1)).toEqual([
      `LEADER_SUBTREE,${lea.id},2,5,3,0.6,3,0.67,2,1,1,0,0,0,60`,
      '',
    ]);

    for (const variables of [
      { groupBy: 'LEADER_SUBTREE', leaderId: odo.id },
      { groupBy: 'COHORT' },
      { groupBy: 'TEAM' },
    ]) {
      expect((await lea.client.error(ANALYTICS, variables)).code).toBe('FORBIDDEN');
      expect((await lea.client.error(CSV, variables)).code).toBe('FORBIDDEN');
    }
  });

  it('refuses learners, bad weeks and a leader named for another grouping', async () => {
    expect((await ann.client.error(ANALYTICS, { groupBy: 'LEADER_SUBTREE' })).code).toBe('FORBIDDEN');
    expect((await ann.client.error(CSV, { groupBy: 'LEADER_SUBTREE' })).code).toBe('FORBIDDEN');
    expect(await acme.admin.error(ANALYTICS, { groupBy: 'COHORT', weeks: 27 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'weeks' },
    });
    expect(await acme.admin.error(ANALYTICS, { groupBy: 'TEAM', leaderId: lea.id })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'leaderId' },
    });
  });

  it('finds nothing under another organization’s leader', async () => {
    expect((await analytics(acme.admin, { groupBy: 'LEADER_SUBTREE', leaderId: globexLeader.id })).edges).toEqual([]);
    const { learningAnalyticsCsv } = await acme.admin.ok(CSV, { groupBy: 'LEADER_SUBTREE', leaderId: globexLeader.id });
    expect(learningAnalyticsCsv.split('\r\n')).toHaveLength(2);
  });

  it('gives a leader their team’s progress as CSV, everyone under them by email, as myTeam lists it', async () => {
    const { myTeamCsv } = await lea.client.ok('{ myTeamCsv }');
    expect(myTeamCsv).toBe(
      [
        'person_id,email,current_lesson,streak,lessons_due,lessons_completed,lesson_completion,reviews_rated,review_recall,open_coaching_moments',
        `${ann.id},ann@acme.example,,2,3,2,0.67,2,0.5,0`,
        `${ben.id},ben@acme.example,,0,2,1,0.5,1,1,0`,
        `${max.id},max@acme.example,,0,0,0,,0,,0`,
        '',
      ].join('\r\n'),
    );
    // An admin names the leader; Max's team is Ben alone.
    const { myTeamCsv: maxs } = await acme.admin.ok('query($id: ID) { myTeamCsv(leaderId: $id) }', { id: max.id });
    expect(maxs.split('\r\n').slice(1)).toEqual([`${ben.id},ben@acme.example,,0,2,1,0.5,1,1,0`, '']);
  });

  it('keeps myTeamCsv to the leader’s own team, and to the caller’s organization', async () => {
    const named = 'query($id: ID) { myTeamCsv(leaderId: $id) }';
    expect((await lea.client.error(named, { id: odo.id })).code).toBe('FORBIDDEN');
    expect((await ann.client.error('{ myTeamCsv }')).code).toBe('FORBIDDEN');
    expect((await acme.admin.error(named, { id: globexLeader.id })).code).toBe('NOT_FOUND');
  });

  it('follows people to another team, moved by hand or by an import', async () => {
    await acme.admin.ok('mutation($id: ID!) { updatePerson(id: $id, input: { teamName: "Kitchen" }) { id } }', {
      id: ben.id,
    });
    const { importPeople } = await acme.admin.ok(
      'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { updated refused } }',
      { input: { csv: 'email,team\nann@acme.example,Kitchen', dryRun: false } },
    );
    expect(importPeople).toEqual({ updated: 1, refused: 0 });
    // Front desk has nobody left; the Kitchen has everyone's week.
    await eventually(async () => {
      const { edges } = await analytics(acme.admin, { groupBy: 'TEAM' });
      expect(byName(edges)).toEqual({
        Kitchen: expect.objectContaining({ learners: 3, lessonsDue: 6, lessonsCompleted: 4, completionRate: 0.67 }),
      });
    });
  });
});
