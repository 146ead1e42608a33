import { Role } from '@tend/auth';
import {
  eventually,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  PublishedTrack,
  startTestStack,
  TestStack,
  untilSchedulerKnowsEnrollment,
  withClient,
} from '@tend/testing';

const NIGHT = { start: '21:00', end: '07:00' };
const CADENCE = { daysOfWeek: [1, 2, 3, 4, 5], lessonTime: '09:00', promptDay: 1, promptTime: '08:30' };
const UPDATE = `mutation($id: ID!, $input: CadenceInput!) {
  updateCohortCadence(cohortId: $id, input: $input) { id cadence { quietHours { start end } holidays } }
}`;

/**
 * A cohort's cadence has quiet hours, when nothing is sent, and holidays,
 * when no lesson or leader's prompt comes; what is due in either waits for the
 * next slot, and an admin can change both while the cohort is under way.
 */
describe('quiet hours and holidays of a cohort', () => {
  let stack: TestStack;
  let acme: Organization;
  let track: PublishedTrack;
  let lou: Member;
  let ana: Member;
  let cohortId: string;

  const at = async (instant: string) => {
    await stack.setClock(instant);
    await stack.runPlanner();
  };
  const lessonDays = () =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT local_date::text AS date, lesson_id FROM scheduler.deliveries
         WHERE person_id = $1 AND kind = 'LESSON' ORDER BY local_date`,
        [ana.id],
      );
      return rows.map((row) => [row.date, track.lessonIds.indexOf(row.lesson_id) + 1]);
    });

  beforeAll(async () => {
    stack = await startTestStack();
    // Monday 7 December 2026, 22:00 UTC: past the lesson time, and in the quiet hours.
    await stack.setClock('2026-12-07T22:00:00Z');
    acme = await givenOrganization(stack);
    track = await givenPublishedTrack(acme.admin);
    lou = await givenPerson(stack, acme, { name: 'Lou', role: Role.LEADER, timezone: 'UTC' });
    ana = await givenPerson(stack, acme, { name: 'Ana', role: Role.LEARNER, timezone: 'UTC', leaderId: lou.id });
    const { createCohort } = await acme.admin.ok<{ createCohort: { id: string } }>(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      {
        input: {
          name: 'Night desk',
          timezone: 'UTC',
          cadence: { ...CADENCE, quietHours: NIGHT, holidays: ['2026-12-08'] },
        },
      },
    );
    cohortId = createCohort.id;
    await acme.admin.ok(
      'mutation($id: ID!, $people: [ID!]!) { addCohortMembers(cohortId: $id, personIds: $people) { id } }',
      {
        id: cohortId,
        people: [ana.id],
      },
    );
    const { enrollCohort } = await eventually(() =>
      acme.admin.ok<{ enrollCohort: { id: string } }>(
        'mutation($cohortId: ID!, $trackId: ID!) { enrollCohort(cohortId: $cohortId, trackId: $trackId) { id } }',
        { cohortId, trackId: track.trackId },
      ),
    );
    await untilSchedulerKnowsEnrollment(stack, enrollCohort.id, 1);
  }, 180_000);

  afterAll(() => stack?.stop());

  it('holds a lesson due in the quiet hours, skips the holiday, and delivers at the next slot', async () => {
    await at('2026-12-07T22:00:00Z');
    expect(await lessonDays()).toEqual([]);
    await at('2026-12-08T09:00:30Z');
    expect(await lessonDays()).toEqual([]);
    await at('2026-12-09T09:00:30Z');
    expect(await lessonDays()).toEqual([['2026-12-09', 1]]);
  });

  it('moves the pending lesson when an admin adds a holiday under way', async () => {
    const { updateCohortCadence } = await acme.admin.ok(UPDATE, {
      id: cohortId,
      input: { ...CADENCE, quietHours: NIGHT, holidays: ['2026-12-10', '2026-12-08'] },
    });
    expect(updateCohortCadence.cadence).toEqual({ quietHours: NIGHT, holidays: ['2026-12-08', '2026-12-10'] });
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query('SELECT holidays FROM scheduler.cohorts WHERE cohort_id = $1', [cohortId]),
      );
      expect(rows[0].holidays).toContain('2026-12-10');
    });

    await at('2026-12-10T09:00:30Z');
    expect(await lessonDays()).toEqual([['2026-12-09', 1]]);
    await at('2026-12-11T09:00:30Z');
    expect(await lessonDays()).toEqual([
      ['2026-12-09', 1],
      ['2026-12-11', 2],
    ]);
  });

  it("brings a leader's follow-up lesson on the next workday that is not a holiday", async () => {
    await acme.admin.ok(UPDATE, {
      id: cohortId,
      input: { ...CADENCE, quietHours: NIGHT, holidays: ['2026-12-08', '2026-12-10', '2026-12-15'] },
    });
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query('SELECT holidays FROM scheduler.cohorts WHERE cohort_id = $1', [cohortId]),
      );
      expect(rows[0].holidays).toContain('2026-12-15');
    });
    // Monday 14 December; Tuesday the 15th is a holiday.
    await stack.setClock('2026-12-14T12:00:00Z');
    const { logCoachingMoment } = await eventually(() =>
      lou.client.ok(
        `mutation($input: LogCoachingMomentInput!) {
          logCoachingMoment(input: $input) { followUp { dueAt lesson { id } } }
        }`,
        {
          input: {
            personId: ana.id,
            kind: 'REDIRECTION',
            whatHappened: 'A caller waited on hold without an update.',
            relatedLessonId: track.lessonIds[0],
            assignFollowUp: true,
          },
        },
      ),
    );
    expect(logCoachingMoment.followUp).toEqual({
      dueAt: '2026-12-16T09:00:00.000Z',
      lesson: { id: track.lessonIds[0] },
    });
  });

  it("brings a leader's weekly prompt due on a holiday on the next workday, then keeps the prompt day", async () => {
    const promptDays = async () =>
      withClient(stack.databaseUrl, async (client) => {
        const { rows } = await client.query(
          `SELECT local_date::text AS date, due_at FROM scheduler.deliveries
           WHERE person_id = $1 AND kind = 'LEADER_PROMPT' ORDER BY local_date`,
          [lou.id],
        );
        return rows.map((row) => [row.date, row.due_at.toISOString()]);
      });
    // Monday the 14th, the prompt day, becomes a holiday after its prompt time; Tuesday the 15th is one too.
    await acme.admin.ok(UPDATE, {
      id: cohortId,
      input: { ...CADENCE, quietHours: NIGHT, holidays: ['2026-12-08', '2026-12-10', '2026-12-14', '2026-12-15'] },
    });
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query('SELECT holidays FROM scheduler.cohorts WHERE cohort_id = $1', [cohortId]),
      );
      expect(rows[0].holidays).toContain('2026-12-14');
    });

    await at('2026-12-14T12:00:00Z');
    await at('2026-12-15T08:30:30Z');
    expect(await promptDays()).toEqual([]);
    await at('2026-12-16T08:30:30Z');
    expect(await promptDays()).toEqual([['2026-12-16', '2026-12-16T08:30:00.000Z']]);

    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT next_at FROM scheduler.leader_prompt_schedules WHERE leader_id = $1', [lou.id]),
    );
    expect(rows.map((row) => row.next_at.toISOString())).toEqual(['2026-12-21T08:30:00.000Z']);
  });

  it('refuses a lesson or prompt time inside the quiet hours, empty quiet hours, and dates that are not dates', async () => {
    const inQuiet = await acme.admin.error(UPDATE, {
      id: cohortId,
      input: { ...CADENCE, lessonTime: '06:30', quietHours: NIGHT },
    });
    expect(inQuiet).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.lessonTime' } });
    const promptInQuiet = await acme.admin.error(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      { input: { name: 'Late', timezone: 'UTC', cadence: { ...CADENCE, promptTime: '22:15', quietHours: NIGHT } } },
    );
    expect(promptInQuiet).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.cadence.promptTime' } });
    const empty = await acme.admin.error(UPDATE, {
      id: cohortId,
      input: { ...CADENCE, quietHours: { start: '21:00', end: '21:00' } },
    });
    expect(empty).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.quietHours' } });
    const notADate = await acme.admin.error(UPDATE, { id: cohortId, input: { ...CADENCE, holidays: ['2026-02-30'] } });
    expect(notADate.code).toBe('BAD_USER_INPUT');

    const { cohort } = await acme.admin.ok(
      'query($id: ID!) { cohort(id: $id) { cadence { quietHours { start } holidays } } }',
      {
        id: cohortId,
      },
    );
    expect(cohort.cadence).toEqual({
      quietHours: { start: '21:00' },
      holidays: ['2026-12-08', '2026-12-10', '2026-12-14', '2026-12-15'],
    });
  });
});
