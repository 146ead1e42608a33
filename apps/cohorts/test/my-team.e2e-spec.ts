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
  PublishedTrack,
  startTestStack,
  TestStack,
} from '@tend/testing';

const MY_TEAM = `query($leaderId: ID, $first: Int, $after: String) {
  myTeam(leaderId: $leaderId, first: $first, after: $after) {
    edges { node { id name currentLesson { id title } streak } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface TeamPage {
  myTeam: {
    edges: {
      node: { id: string; name: string; currentLesson: { id: string; title: string } | null; streak: number | null };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const names = (page: TeamPage) => page.myTeam.edges.map((edge) => edge.node.name).sort();

/**
 * A leader opens their team: everyone who reports to them, directly or
 * through the leaders below them, with the lesson each is on and their
 * streak, which the scheduler adds to cohorts' people through federation.
 */
describe('a leader’s team', () => {
  let stack: TestStack;
  let acme: Organization;
  let track: PublishedTrack;
  let vic: Member;
  let lea: Member;
  let odo: Member;
  let dana: Member;
  let dave: Member;

  beforeAll(async () => {
    stack = await startTestStack();
    // A Tuesday after 09:00 UTC: enrollment delivers the first lesson at once.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    track = await givenPublishedTrack(acme.admin, [
      { title: 'Greet within ten seconds', kind: 'READ' },
      { title: 'Name the wait', kind: 'READ' },
    ]);
    vic = await givenPerson(stack, acme, { name: 'Vic', role: Role.LEADER, timezone: 'UTC' });
    lea = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC', leaderId: vic.id });
    odo = await givenPerson(stack, acme, { name: 'Odo', role: Role.LEADER, timezone: 'UTC' });
    dana = await givenPerson(stack, acme, { name: 'Dana', role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id });
    dave = await givenPerson(stack, acme, { name: 'Dave', role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id });
    const omar = await givenPerson(stack, acme, {
      name: 'Omar',
      role: Role.LEARNER,
      timezone: 'UTC',
      leaderId: odo.id,
    });
    await givenEnrolledCohort(acme, track, [dana.id, dave.id, omar.id]);
    const lesson = await givenFirstLessonDelivered(dana);
    await givenFirstLessonDelivered(dave);
    await dana.client.ok('mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { total } }', {
      id: lesson.id,
    });
  }, 120_000);

  afterAll(() => stack?.stop());

  it('shows a leader their direct reports with the lesson each is on and their streak', async () => {
    const page = await lea.client.ok<TeamPage>(MY_TEAM);
    const byName = Object.fromEntries(page.myTeam.edges.map((edge) => [edge.node.name, edge.node]));
    expect(Object.keys(byName).sort()).toEqual(['Dana', 'Dave']);
    const firstLesson = { id: track.lessonIds[0], title: 'Greet within ten seconds' };
    expect(byName.Dana).toMatchObject({ currentLesson: firstLesson, streak: 1 });
    // Today is still under way for Dave: an open lesson breaks nothing yet.
    expect(byName.Dave).toMatchObject({ currentLesson: firstLesson, streak: 0 });
  });

  it('reaches indirect reports through the leaders below, page by page', async () => {
    const first = await vic.client.ok<TeamPage>(MY_TEAM, { first: 2 });
    expect(first.myTeam.edges).toHaveLength(2);
    expect(first.myTeam.pageInfo.hasNextPage).toBe(true);
    const second = await vic.client.ok<TeamPage>(MY_TEAM, { first: 2, after: first.myTeam.pageInfo.endCursor });
    expect(second.myTeam.pageInfo.hasNextPage).toBe(false);
    expect([...names(first), ...names(second)].sort()).toEqual(['Dana', 'Dave', 'Lea']);
    // A leader without lessons has no current lesson and no streak to keep.
    const leaNode = [...first.myTeam.edges, ...second.myTeam.edges].find((edge) => edge.node.name === 'Lea');
    expect(leaNode?.node).toMatchObject({ currentLesson: null, streak: 0 });
  });

  it('shows a leader nobody outside their subtree, and refuses another leader’s team', async () => {
    expect(names(await odo.client.ok<TeamPage>(MY_TEAM))).toEqual(['Omar']);
    expect((await lea.client.error(MY_TEAM, { leaderId: odo.id })).code).toBe('FORBIDDEN');
    // Not even their own leader's team, which holds them.
    expect((await lea.client.error(MY_TEAM, { leaderId: vic.id })).code).toBe('FORBIDDEN');
    expect((await dana.client.error(MY_TEAM)).code).toBe('FORBIDDEN');
  });

  it('lets an admin open any leader’s team in their own organization', async () => {
    expect(names(await acme.admin.ok<TeamPage>(MY_TEAM, { leaderId: lea.id }))).toEqual(['Dana', 'Dave']);
    expect(names(await acme.admin.ok<TeamPage>(MY_TEAM, { leaderId: odo.id }))).toEqual(['Omar']);
    const globex = await givenOrganization(stack, 'Globex');
    expect((await globex.admin.error(MY_TEAM, { leaderId: lea.id })).code).toBe('NOT_FOUND');
  });

  it('shows progress only to the person, their leaders and admins, wherever a person is reached', async () => {
    const own = await eventually(() =>
      dana.client.ok('{ me { streak currentLesson { id } leader { id streak currentLesson { id } } } }'),
    );
    expect(own.me).toMatchObject({ streak: 1, currentLesson: { id: track.lessonIds[0] } });
    // Dana's leader is someone she may see, but not their progress.
    expect(own.me.leader).toEqual({ id: lea.id, streak: null, currentLesson: null });
  });
});
