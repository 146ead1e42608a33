import { Role } from '@tend/auth';
import { eventually, givenOrganization, givenPerson, Member, Organization, startTestStack, TestStack } from '@tend/testing';

interface Page {
  edges: { cursor: string; node: Record<string, any> }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/**
 * A third-party LMS pages through Tend's lists both ways, as Relay clients do:
 * forward with first and after: endCursor, back with last and before: startCursor.
 * Each kind of list is read its own way (a keyset scan, one statement for many
 * cohorts' members, the leader report's aggregate), so each is paged here.
 */
describe('lists that page both ways', () => {
  let stack: TestStack;
  let acme: Organization;
  let learners: Member[];
  let leaders: Member[];
  let cohortId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    acme = await givenOrganization(stack);
    leaders = [];
    for (const name of ['Lea', 'Leo', 'Lou']) {
      leaders.push(await givenPerson(stack, acme, { name, role: Role.LEADER, timezone: 'UTC' }));
    }
    learners = [];
    for (const [index, name] of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'].entries()) {
      const leaderId = leaders[index % leaders.length].id;
      learners.push(await givenPerson(stack, acme, { name, role: Role.LEARNER, timezone: 'UTC', leaderId }));
    }
    const { createCohort } = await acme.admin.ok(
      'mutation { createCohort(input: { name: "Front desk", timezone: "UTC", cadence: { daysOfWeek: [1,2,3,4,5], lessonTime: "09:00", promptDay: 1, promptTime: "08:30" } }) { id } }',
    );
    cohortId = createCohort.id;
    await acme.admin.ok('mutation($id: ID!, $people: [ID!]!) { addCohortMembers(cohortId: $id, personIds: $people) { id } }', {
      id: cohortId,
      people: learners.map((learner) => learner.id),
    });
  });

  afterAll(() => stack?.stop());

  /** Every page of a list, following the cursors one way, with each page's info. */
  const walk = async (read: (args: Record<string, unknown>) => Promise<Page>, backward: boolean, size: number) => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const page = await read(backward ? { last: size, before: cursor } : { first: size, after: cursor });
      pages.push(page);
      cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
      if (!(backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) break;
    } while (pages.length < 10);
    return pages;
  };
  const namesIn = (pages: Page[]) => pages.map((page) => page.edges.map((edge) => edge.node.name));

  const people = async (args: Record<string, unknown>): Promise<Page> =>
    (
      await acme.admin.ok(
        `query($first: Int, $after: String, $last: Int, $before: String) {
           people(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { name } } ${PAGE_INFO} }
         }`,
        args,
      )
    ).people;

  it('pages people forward, then back from the end, and sees the same list', async () => {
    const forward = await walk(people, false, 3);
    const backward = await walk(people, true, 3);
    const everyone = namesIn(forward).flat();
    expect(everyone).toHaveLength(9);
    expect(everyone.slice(-5)).toEqual(['Ann', 'Ben', 'Cat', 'Dan', 'Eve']);
    expect(namesIn(backward).reverse().flat()).toEqual(everyone);
    expect(namesIn(backward)[0]).toEqual(['Cat', 'Dan', 'Eve']);
  });

  it('says on each page whether there is one before it and one after it', async () => {
    const [first, middle, last] = await walk(people, false, 3);
    expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(middle.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const [end, , start] = await walk(people, true, 3);
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(start.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(start.pageInfo.startCursor).toBe(start.edges[0].cursor);
  });

  it('goes back from any page to the one before it', async () => {
    const [first, second] = await walk(people, false, 3);
    const back = await people({ last: 3, before: second.pageInfo.startCursor });
    expect(back.edges.map((edge) => edge.node.name)).toEqual(first.edges.map((edge) => edge.node.name));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('pages a cohort’s members both ways', async () => {
    const members = async (args: Record<string, unknown>): Promise<Page> =>
      (
        await acme.admin.ok(
          `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
             cohort(id: $id) { members(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { name } } ${PAGE_INFO} } }
           }`,
          { id: cohortId, ...args },
        )
      ).cohort.members;
    expect(namesIn(await walk(members, false, 2))).toEqual([['Ann', 'Ben'], ['Cat', 'Dan'], ['Eve']]);
    expect(namesIn(await walk(members, true, 2))).toEqual([['Dan', 'Eve'], ['Ben', 'Cat'], ['Ann']]);
  });

  it('pages the leader report back from its last leader', async () => {
    const report = async (args: Record<string, unknown>): Promise<Page> =>
      (
        await acme.admin.ok(
          `query($first: Int, $after: String, $last: Int, $before: String) {
             leaderReport(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { leader { id } } } ${PAGE_INFO} }
           }`,
          args,
        )
      ).leaderReport;
    const byId = leaders.map((leader) => leader.id).sort();
    // The scheduler learns of reporting lines from cohorts' events, a moment after they are made.
    const forward = await eventually(async () => {
      const pages = await walk(report, false, 2);
      expect(pages.flatMap((page) => page.edges.map((edge) => edge.node.leader.id))).toEqual(byId);
      return pages;
    });
    const backward = await walk(report, true, 2);
    expect(backward.map((page) => page.edges.map((edge) => edge.node.leader.id))).toEqual([byId.slice(1), byId.slice(0, 1)]);
    expect(forward[0].pageInfo.hasPreviousPage).toBe(false);
    expect(backward[1].pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('pages a newest-first list back from its oldest entries', async () => {
    const [lea] = leaders;
    for (const whatHappened of ['Greeted a regular by name.', 'Owned a late order.', 'Calmed a queue.']) {
      await lea.client.ok('mutation($input: LogCoachingMomentInput!) { logCoachingMoment(input: $input) { id } }', {
        input: { personId: learners[0].id, kind: 'RECOGNITION', whatHappened },
      });
    }
    const moments = async (args: Record<string, unknown>): Promise<Page> =>
      (
        await lea.client.ok(
          `query($first: Int, $after: String, $last: Int, $before: String) {
             coachingMoments(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { whatHappened } } ${PAGE_INFO} }
           }`,
          args,
        )
      ).coachingMoments;
    const said = (pages: Page[]) => pages.map((page) => page.edges.map((edge) => edge.node.whatHappened));
    expect(said(await walk(moments, false, 2))).toEqual([['Calmed a queue.', 'Owned a late order.'], ['Greeted a regular by name.']]);
    expect(said(await walk(moments, true, 2))).toEqual([['Owned a late order.', 'Greeted a regular by name.'], ['Calmed a queue.']]);
  });

  it('refuses a page over 100 items, either way, and first with last', async () => {
    for (const [args, field] of [
      [{ first: 101 }, 'first'],
      [{ last: 101 }, 'last'],
      [{ first: 2, last: 2 }, 'last'],
    ] as const) {
      const error = await acme.admin.error(
        'query($first: Int, $last: Int) { people(first: $first, last: $last) { edges { node { name } } } }',
        args,
      );
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field } });
    }
    const members = await acme.admin.error(
      'query($id: ID!) { cohort(id: $id) { members(last: 101) { edges { node { name } } } } }',
      { id: cohortId },
    );
    expect(members).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'last' } });
  });

  it('refuses a page of a thousand written into the document before planning it, by its cost', async () => {
    const error = await acme.admin.error('{ people(last: 1000) { edges { node { name } } } }');
    expect(error).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', message: expect.stringMatching(/cost/i) });
  });
});
