import { Role } from '@tend/auth';
import {
  untilSchedulerKnowsEnrollment,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';

describe("a learner's streak, in workdays of their own calendar", () => {
  let stack: TestStack;
  let acme: Organization;
  let learner: Member;

  async function day(): Promise<{
    date: string;
    streak: number;
    items: { id: string; kind: string; status: string }[];
  }> {
    return (
      await learner.client.ok<{
        today: { date: string; streak: number; items: { id: string; kind: string; status: string }[] };
      }>('{ today { date streak items { id kind status } } }')
    ).today;
  }

  /** Moves every clock, plans, and returns the learner's day. */
  async function at(instant: string) {
    await stack.setClock(instant);
    await stack.runPlanner();
    return day();
  }

  async function complete(deliveryId: string): Promise<void> {
    await learner.client.ok('mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { correct } }', {
      id: deliveryId,
    });
  }

  const lessonOf = (items: { id: string; kind: string }[]) => {
    const lesson = items.find((item) => item.kind === 'LESSON');
    if (!lesson) throw new Error(`no lesson in ${JSON.stringify(items)}`);
    return lesson.id;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    // Thursday 5 March 2026, 08:00 in Sydney (21:00 UTC the day before).
    await stack.setClock('2026-03-04T21:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    const track = await givenPublishedTrack(
      acme.admin,
      ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((title) => ({ title, kind: 'READ' as const })),
    );
    learner = await givenPerson(stack, acme, { name: 'Sam Sydney', role: Role.LEARNER, timezone: 'Australia/Sydney' });
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [learner.id], { startsOn: '2026-03-05' });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 1);
    // Four services start on a shared two-core machine: give them time.
  }, 180_000);

  afterAll(() => stack?.stop());

  it('counts Thursday and Friday, and the weekend in between lessons does not break it', async () => {
    // 09:00 in Sydney (UTC+11) is 22:00 UTC the day before.
    const thursday = await at('2026-03-04T22:00:30Z');
    expect(thursday).toMatchObject({ date: '2026-03-05', streak: 0 });
    await complete(lessonOf(thursday.items));
    expect((await day()).streak).toBe(1);

    const friday = await at('2026-03-05T22:00:30Z');
    await complete(lessonOf(friday.items));
    expect((await day()).streak).toBe(2);

    // Monday 9 March, before the lesson is done: the weekend had no lessons, and today is not over.
    const monday = await at('2026-03-08T22:00:30Z');
    expect(monday).toMatchObject({ date: '2026-03-09', streak: 2 });
    await complete(lessonOf(monday.items));
    expect((await day()).streak).toBe(3);
  });

  it("breaks on a workday whose lesson was done only the next day, by the learner's clock", async () => {
    const tuesday = await at('2026-03-09T22:00:30Z');
    const tuesdayLesson = lessonOf(tuesday.items);
    // Wednesday 00:30 in Sydney is still Tuesday in UTC, but the learner's Tuesday is over.
    const wednesday = await at('2026-03-10T13:30:00Z');
    expect(wednesday.date).toBe('2026-03-11');
    await complete(tuesdayLesson);
    expect((await day()).streak).toBe(0);

    const wednesdayLesson = await at('2026-03-10T22:00:30Z');
    await complete(lessonOf(wednesdayLesson.items));
    expect((await day()).streak).toBe(1);
  });

  it('survives the late Tuesday where the organization repairs one missed workday in five, and says so', async () => {
    const repairs = (oneIn: number) =>
      acme.admin.ok<{ updateSchedulerSettings: { streakRepairOneIn: number | null } }>(
        'mutation($input: UpdateSchedulerSettingsInput!) { updateSchedulerSettings(input: $input) { streakRepairOneIn } }',
        { input: { streakRepairOneIn: oneIn } },
      );
    const streakToday = async () =>
      (
        await learner.client.ok<{ today: { streak: number; streakRepair: unknown } }>(
          '{ today { streak streakRepair { oneIn repairedDays } } }',
        )
      ).today;
    expect(await streakToday()).toEqual({ streak: 1, streakRepair: null });

    expect((await repairs(5)).updateSchedulerSettings.streakRepairOneIn).toBe(5);
    // Wednesday done, Tuesday late but repaired, then Monday, Friday and Thursday.
    expect(await streakToday()).toEqual({ streak: 4, streakRepair: { oneIn: 5, repairedDays: ['2026-03-10'] } });

    const refused = await acme.admin.error(
      'mutation { updateSchedulerSettings(input: { streakRepairOneIn: 1 }) { streakRepairOneIn } }',
    );
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect((await repairs(0)).updateSchedulerSettings.streakRepairOneIn).toBeNull();
    expect(await streakToday()).toEqual({ streak: 1, streakRepair: null });
  });

  it('a profile whose time zone neither Tend nor Postgres knows reads its day in UTC, as the planner plans it', async () => {
    const inSydney = await day();
    expect(inSydney.date).toBe('2026-03-11');
    const setZone = (zone: string) =>
      withClient(stack.databaseUrl, (client) =>
        client.query('UPDATE scheduler.people SET timezone = $1 WHERE person_id = $2', [zone, learner.id]),
      );
    await setZone('Mars/Olympus_Mons');
    try {
      const inUtc = (
        await learner.client.ok<{ today: { date: string; timezone: string; items: { id: string }[] } }>(
          '{ today { date timezone items { id } } }',
        )
      ).today;
      expect(inUtc).toMatchObject({ date: '2026-03-10', timezone: 'UTC' });
      expect(inUtc.items.map((item) => item.id)).not.toContain(lessonOf(inSydney.items));
    } finally {
      await setZone('Australia/Sydney');
    }
  });
});
