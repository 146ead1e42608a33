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
  withClient,
} from '@tend/testing';

const SET = `mutation($e: ID!, $p: ID!, $s: ParticipationStatus!) {
  setParticipation(enrollmentId: $e, personId: $p, status: $s) { status }
}`;

describe('a learner’s enrollment: pause and resume, drop and re-enroll', () => {
  let stack: TestStack;
  let acme: Organization;
  let paused: Member;
  let dropped: Member;
  let enrollmentId: string;

  const lessonsOf = async (member: Member) => {
    const { deliveries } = await acme.admin.ok(
      'query($p: ID) { deliveries(personId: $p, first: 20) { edges { node { kind lesson { title } } } } }',
      { p: member.id },
    );
    // Lessons only: reminders of undone ones are the scheduler's story.
    return deliveries.edges
      .filter((edge: { node: { kind: string } }) => edge.node.kind === 'LESSON')
      .map((edge: { node: { lesson: { title: string } } }) => edge.node.lesson.title);
  };
  const schedulerStatus = async (member: Member) => {
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT status FROM scheduler.learner_enrollments WHERE person_id = $1', [member.id]),
    );
    return rows.map((row) => row.status);
  };

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday 1 December 2026, 12:00 UTC: past the 09:00 lesson.
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    const track = await givenPublishedTrack(acme.admin, [
      { title: 'One', kind: 'READ' },
      { title: 'Two', kind: 'READ' },
      { title: 'Three', kind: 'READ' },
    ]);
    paused = await givenPerson(stack, acme, { name: 'Pat', role: Role.LEARNER, timezone: 'UTC' });
    dropped = await givenPerson(stack, acme, { name: 'Dru', role: Role.LEARNER, timezone: 'UTC' });
    ({ enrollmentId } = await givenEnrolledCohort(acme, track, [paused.id, dropped.id]));
    await givenFirstLessonDelivered(paused);
    await givenFirstLessonDelivered(dropped);
    // Four services start on a shared two-core machine.
  }, 120_000);

  afterAll(() => stack?.stop());

  it('sends nothing to a paused or dropped learner', async () => {
    expect(await acme.admin.ok(SET, { e: enrollmentId, p: paused.id, s: 'PAUSED' })).toEqual({
      setParticipation: { status: 'PAUSED' },
    });
    await acme.admin.ok(SET, { e: enrollmentId, p: dropped.id, s: 'DROPPED' });
    await eventually(async () => {
      expect(await schedulerStatus(paused)).toEqual(['PAUSED']);
      expect(await schedulerStatus(dropped)).toEqual(['DROPPED']);
    });
    await stack.setClock('2026-12-02T12:00:00Z');
    await stack.runPlanner();
    expect(await lessonsOf(paused)).toEqual(['One']);
    expect(await lessonsOf(dropped)).toEqual(['One']);
    expect(await acme.admin.error(SET, { e: enrollmentId, p: paused.id, s: 'PAUSED' })).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('resumes a paused learner where they were, and re-enrolls a dropped one from the start', async () => {
    await stack.setClock('2026-12-03T12:00:00Z');
    await acme.admin.ok(SET, { e: enrollmentId, p: paused.id, s: 'ACTIVE' });
    await acme.admin.ok(SET, { e: enrollmentId, p: dropped.id, s: 'ACTIVE' });
    await eventually(async () => {
      await stack.runPlanner();
      expect(await lessonsOf(paused)).toHaveLength(2);
      expect(await lessonsOf(dropped)).toHaveLength(2);
    });
    expect((await lessonsOf(paused)).sort()).toEqual(['One', 'Two']);
    expect(await lessonsOf(dropped)).toEqual(['One', 'One']);
  });

  it('refuses someone outside the cohort, and another organization’s enrollment', async () => {
    const outsider = await givenPerson(stack, acme, { name: 'Out', role: Role.LEARNER, timezone: 'UTC' });
    expect(await acme.admin.error(SET, { e: enrollmentId, p: outsider.id, s: 'PAUSED' })).toMatchObject({
      code: 'CONFLICT',
    });
    const globex = await givenOrganization(stack, 'Globex');
    expect(await globex.admin.error(SET, { e: enrollmentId, p: paused.id, s: 'PAUSED' })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
