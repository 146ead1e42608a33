import { Role } from '@tend/auth';
import {
  eventually,
  givenEnrolledCohort,
  givenFirstLessonDelivered,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  startTestStack,
  TestStack,
} from '@tend/testing';

const REPORT = `query($weeks: Int, $first: Int, $after: String) {
  leaderReport(weeks: $weeks, first: $first, after: $after) {
    edges { node { leader { id } teamSize coachingMomentsPerWeek promptsSent promptsDone lessonsDue teamCompletion teamRecall pulseTrend } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Admins compare leaders side by side: coaching, their team's completion and pulse. */
describe('the leader report', () => {
  let stack: TestStack;
  let acme: Organization;
  let lea: Member;
  let odo: Member;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    const track = await givenPublishedTrack(acme.admin);
    lea = await givenPerson(stack, acme, {
      name: 'Lea',
      role: Role.LEADER,
      timezone: 'UTC',
      email: 'lea@acme.example',
    });
    odo = await givenPerson(stack, acme, {
      name: 'Odo',
      role: Role.LEADER,
      timezone: 'UTC',
      email: 'odo@acme.example',
    });
    const leaTeam: Member[] = [];
    for (const name of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve']) {
      leaTeam.push(await givenPerson(stack, acme, { name, role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id }));
    }
    const gus = await givenPerson(stack, acme, { name: 'Gus', role: Role.LEARNER, timezone: 'UTC', leaderId: odo.id });
    await givenEnrolledCohort(
      acme,
      track,
      [...leaTeam, gus].map((member) => member.id),
    );
    for (const member of leaTeam.slice(0, 2)) {
      const lesson = await givenFirstLessonDelivered(member);
      await member.client.ok('mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { total } }', {
        id: lesson.id,
      });
    }
    await givenFirstLessonDelivered(gus);
    for (const member of leaTeam) {
      await eventually(() => member.client.ok('mutation { answerPulse(input: { score: 4 }) { week } }'));
    }
    for (const whatHappened of ['Welcomed a lost guest.', 'Owned a late order.']) {
      await lea.client.ok('mutation($input: LogCoachingMomentInput!) { logCoachingMoment(input: $input) { id } }', {
        input: { personId: leaTeam[0].id, kind: 'RECOGNITION', whatHappened },
      });
    }
  });

  afterAll(() => stack?.stop());

  const rowOf = (edges: { node: { leader: { id: string } } }[], leader: Member) =>
    edges.find((edge) => edge.node.leader.id === leader.id)?.node;

  it('puts each leader’s coaching, team completion and pulse side by side', async () => {
    const { leaderReport } = await acme.admin.ok(REPORT, { weeks: 2 });
    expect(leaderReport.edges).toHaveLength(2);
    expect(rowOf(leaderReport.edges, lea)).toEqual({
      leader: { id: lea.id },
      teamSize: 5,
      coachingMomentsPerWeek: 1,
      promptsSent: 0,
      promptsDone: 0,
      lessonsDue: 5,
      teamCompletion: 0.4,
      teamRecall: null,
      pulseTrend: [null, 4],
    });
    // One answer short of five: withheld.
    expect(rowOf(leaderReport.edges, odo)).toEqual({
      leader: { id: odo.id },
      teamSize: 1,
      coachingMomentsPerWeek: 0,
      promptsSent: 0,
      promptsDone: 0,
      lessonsDue: 1,
      teamCompletion: 0,
      teamRecall: null,
      pulseTrend: [null, null],
    });
  });

  it('pages by leader', async () => {
    const first = await acme.admin.ok(REPORT, { first: 1 });
    expect(first.leaderReport.edges).toHaveLength(1);
    expect(first.leaderReport.pageInfo.hasNextPage).toBe(true);
    const second = await acme.admin.ok(REPORT, { first: 1, after: first.leaderReport.pageInfo.endCursor });
    expect(second.leaderReport.edges).toHaveLength(1);
    expect(second.leaderReport.pageInfo.hasNextPage).toBe(false);
    expect(new Set([first, second].map((page) => page.leaderReport.edges[0].node.leader.id))).toEqual(
      new Set([lea.id, odo.id]),
    );
  });

  it('exports as CSV, one line per leader', async () => {
    const { leaderReportCsv } = await acme.admin.ok('{ leaderReportCsv(weeks: 1) }');
    const lines = leaderReportCsv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'leader_id,leader_email,team_size,coaching_moments_per_week,prompts_sent,prompts_done,career_conversations_due,career_conversations_done,career_conversations_skipped,lessons_due,team_completion,team_recall,pulse_2026-W49',
    );
    expect(lines.slice(1).sort()).toEqual(
      [`${lea.id},lea@acme.example,5,2,0,0,0,0,0,5,0.4,,4`, `${odo.id},odo@acme.example,1,0,0,0,0,0,0,1,0,,`].sort(),
    );
  });

  it('is for admins only, over 1 to 26 weeks', async () => {
    expect((await lea.client.error(REPORT)).code).toBe('FORBIDDEN');
    expect((await lea.client.error('{ leaderReportCsv }')).code).toBe('FORBIDDEN');
    expect(await acme.admin.error(REPORT, { weeks: 27 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'weeks' },
    });
  });
});
