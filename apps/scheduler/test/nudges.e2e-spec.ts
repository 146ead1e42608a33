import { Role } from '@tend/auth';
import {
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  startTestStack,
  TestStack,
  untilSchedulerKnowsEnrollment,
} from '@tend/testing';

interface Item {
  id: string;
  kind: string;
  status: string;
  lesson: { id: string } | null;
  reminderOf: { id: string; status: string } | null;
}

/**
 * A lesson not done by the end of the learner's day gets one reminder the
 * next morning, with the new lesson; from three undone lessons in a row on,
 * reminders stop and the leader's weekly prompt says so instead.
 */
describe('reminders of lessons left undone', () => {
  let stack: TestStack;
  let ana: Member;

  const day = async () =>
    (
      await ana.client.ok<{ today: { date: string; items: Item[] } }>(
        '{ today { date items { id kind status lesson { id } reminderOf { id status } } } }',
      )
    ).today;
  const at = async (instant: string) => {
    await stack.setClock(instant);
    await stack.runPlanner();
    return day();
  };
  const only = (items: Item[], kind: string) => items.filter((item) => item.kind === kind);

  beforeAll(async () => {
    stack = await startTestStack();
    // Monday 7 December 2026, before the 09:00 lesson.
    await stack.setClock('2026-12-07T08:00:00Z');
    const acme = await givenOrganization(stack);
    const track = await givenPublishedTrack(
      acme.admin,
      ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((title) => ({ title, kind: 'READ' as const })),
    );
    ana = await givenPerson(stack, acme, { name: 'Ana', role: Role.LEARNER, timezone: 'UTC' });
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [ana.id]);
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 1);
  }, 180_000);

  afterAll(() => stack?.stop());

  it("reminds the next morning of yesterday's open lesson, once, and closes the reminder when it is done", async () => {
    const monday = await at('2026-12-07T09:00:30Z');
    const [mondayLesson] = only(monday.items, 'LESSON');
    expect(only(monday.items, 'NUDGE')).toEqual([]);

    const tuesday = await at('2026-12-08T09:00:30Z');
    expect(only(tuesday.items, 'LESSON')).toHaveLength(1);
    const [nudge] = only(tuesday.items, 'NUDGE');
    expect(nudge).toMatchObject({
      status: 'SENT',
      lesson: mondayLesson.lesson,
      reminderOf: { id: mondayLesson.id, status: 'SENT' },
    });
    // A second pass the same morning adds nothing.
    expect(only((await at('2026-12-08T09:05:00Z')).items, 'NUDGE')).toHaveLength(1);

    await ana.client.ok('mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { total } }', {
      id: mondayLesson.id,
    });
    expect(only((await day()).items, 'NUDGE')).toEqual([
      expect.objectContaining({ status: 'COMPLETED', reminderOf: { id: mondayLesson.id, status: 'COMPLETED' } }),
    ]);
  });

  it('stops reminding after three undone lessons in a row', async () => {
    // Tuesday's lesson stays undone, then Wednesday's, then Thursday's.
    const wednesday = await at('2026-12-09T09:00:30Z');
    expect(only(wednesday.items, 'NUDGE')).toHaveLength(1);
    const thursday = await at('2026-12-10T09:00:30Z');
    expect(only(thursday.items, 'NUDGE')).toHaveLength(1);
    const friday = await at('2026-12-11T09:00:30Z');
    expect(only(friday.items, 'NUDGE')).toEqual([]);
    expect(only(friday.items, 'LESSON')).toHaveLength(1);
  });
});
