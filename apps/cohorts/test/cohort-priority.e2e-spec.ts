import { Role } from '@tend/auth';
import {
  eventually,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  startTestStack,
  TestStack,
  untilSchedulerKnowsEnrollment,
  WEEKDAYS_AT_NINE,
  withClient,
} from '@tend/testing';

const SET_PRIORITY =
  'mutation($id: ID!, $priority: Int!) { setCohortPriority(cohortId: $id, priority: $priority) { id priority } }';

/**
 * Someone in three cohorts gets one new lesson a day, never three: the
 * cohort of highest priority first, the others after it, one a day.
 */
describe('one new lesson a day across cohorts, by priority', () => {
  let stack: TestStack;
  let acme: Organization;
  let ana: Member;
  const titles: string[] = [];

  const at = async (instant: string) => {
    await stack.setClock(instant);
    await stack.runPlanner();
  };
  const lessonsByDay = () =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT local_date::text AS date, lesson_id FROM scheduler.deliveries
         WHERE person_id = $1 AND kind = 'LESSON' ORDER BY local_date, due_at`,
        [ana.id],
      );
      return rows.map((row) => [row.date, titles[lessonIds.indexOf(row.lesson_id)]]);
    });
  const lessonIds: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday 1 December 2026; the three enrollments start on Wednesday.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    ana = await givenPerson(stack, acme, { name: 'Ana', role: Role.LEARNER, timezone: 'UTC' });
    const cohorts: Record<string, string> = {};
    for (const [name, count, priority] of [
      ['Basics', 2, undefined],
      ['Urgent', 2, 50],
      ['Extra', 1, undefined],
    ] as const) {
      const lessons = Array.from({ length: count }, (_, index) => ({
        title: `${name} ${index + 1}`,
        kind: 'READ' as const,
      }));
      const track = await givenPublishedTrack(acme.admin, lessons, name);
      titles.push(...lessons.map((lesson) => lesson.title));
      lessonIds.push(...track.lessonIds);
      const { createCohort } = await acme.admin.ok<{ createCohort: { id: string } }>(
        'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
        { input: { name, timezone: 'UTC', cadence: WEEKDAYS_AT_NINE, priority } },
      );
      cohorts[name] = createCohort.id;
      await acme.admin.ok(
        'mutation($id: ID!, $people: [ID!]!) { addCohortMembers(cohortId: $id, personIds: $people) { id } }',
        { id: createCohort.id, people: [ana.id] },
      );
      const { enrollCohort } = await eventually(() =>
        acme.admin.ok<{ enrollCohort: { id: string } }>(
          'mutation($cohortId: ID!, $trackId: ID!) { enrollCohort(cohortId: $cohortId, trackId: $trackId, startsOn: "2026-12-02") { id } }',
          { cohortId: createCohort.id, trackId: track.trackId },
        ),
      );
      await untilSchedulerKnowsEnrollment(stack, enrollCohort.id, 1);
    }
    const { setCohortPriority } = await acme.admin.ok(SET_PRIORITY, { id: cohorts.Basics, priority: 10 });
    expect(setCohortPriority.priority).toBe(10);
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query('SELECT priority FROM scheduler.cohorts WHERE cohort_id = ANY($1) ORDER BY priority', [
          Object.values(cohorts),
        ]),
      );
      expect(rows.map((row) => row.priority)).toEqual([0, 10, 50]);
    });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('brings the highest priority’s lessons first, one a day, then the next cohort’s', async () => {
    for (const day of ['02', '03', '04', '07', '08', '09']) await at(`2026-12-${day}T09:00:30Z`);

    expect(await lessonsByDay()).toEqual([
      ['2026-12-02', 'Urgent 1'],
      ['2026-12-03', 'Urgent 2'],
      ['2026-12-04', 'Basics 1'],
      ['2026-12-07', 'Basics 2'],
      ['2026-12-08', 'Extra 1'],
    ]);
  });

  it('refuses a priority outside 0 to 100', async () => {
    const { cohorts } = await acme.admin.ok('{ cohorts(first: 1) { edges { node { id } } } }');
    const error = await acme.admin.error(SET_PRIORITY, { id: cohorts.edges[0].node.id, priority: 101 });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'priority' } });
  });
});
