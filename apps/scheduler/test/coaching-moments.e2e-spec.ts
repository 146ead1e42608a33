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
  withClient,
} from '@tend/testing';

const LOG = `mutation($input: LogCoachingMomentInput!) {
  logCoachingMoment(input: $input) {
    id kind whatHappened person { id } leader { id } relatedLesson { id }
    followUp { kind status dueAt lesson { id } }
  }
}`;
const RECOGNITIONS = '{ today { date recognitions { whatHappened leader { id } } } }';
const MOMENTS = '{ coachingMoments(first: 10) { edges { node { whatHappened person { id } } } } }';

/**
 * Leaders log what they notice about their people in under a minute: a
 * recognition reaches the person in their next `today`, a redirection can
 * bring a lesson back with the next workday's lesson.
 */
describe('coaching moments', () => {
  let stack: TestStack;
  let acme: Organization;
  let track: PublishedTrack;
  let vic: Member;
  let lea: Member;
  let odo: Member;
  let dana: Member;
  let omar: Member;

  beforeAll(async () => {
    stack = await startTestStack();
    // A Tuesday, after the 09:00 lesson time in UTC: enrollment delivers the first lesson at once.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    track = await givenPublishedTrack(acme.admin);
    vic = await givenPerson(stack, acme, { name: 'Vic', role: Role.LEADER, timezone: 'UTC' });
    lea = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC', leaderId: vic.id });
    odo = await givenPerson(stack, acme, { name: 'Odo', role: Role.LEADER, timezone: 'UTC' });
    dana = await givenPerson(stack, acme, { name: 'Dana', role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id });
    omar = await givenPerson(stack, acme, { name: 'Omar', role: Role.LEARNER, timezone: 'UTC', leaderId: odo.id });
    await givenEnrolledCohort(acme, track, [dana.id, omar.id]);
    await givenFirstLessonDelivered(dana);
  });

  afterAll(() => stack?.stop());

  const momentsStored = () =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM scheduler.coaching_moments');
      return rows[0].n as number;
    });

  it('a recognition reaches the person in their next today, for that whole day', async () => {
    const { logCoachingMoment } = await eventually(() =>
      lea.client.ok(LOG, {
        input: { personId: dana.id, kind: 'RECOGNITION', whatHappened: 'You stayed calm with an upset guest.' },
      }),
    );
    expect(logCoachingMoment).toMatchObject({
      kind: 'RECOGNITION',
      person: { id: dana.id },
      leader: { id: lea.id },
      relatedLesson: null,
      followUp: null,
    });

    const first = await dana.client.ok(RECOGNITIONS);
    expect(first.today.recognitions).toEqual([
      { whatHappened: 'You stayed calm with an upset guest.', leader: { id: lea.id } },
    ]);
    expect((await dana.client.ok(RECOGNITIONS)).today.recognitions).toHaveLength(1);

    await stack.setClock('2026-12-02T08:00:00Z');
    expect((await dana.client.ok(RECOGNITIONS)).today.recognitions).toEqual([]);
    // Someone else's day shows none of it.
    expect((await omar.client.ok(RECOGNITIONS)).today.recognitions).toEqual([]);
    // Back to the first day, later than the moment above, so the moments keep their order.
    await stack.setClock('2026-12-01T16:00:00Z');
  });

  it('a leader’s leader may log one too, for an indirect report', async () => {
    const { logCoachingMoment } = await eventually(() =>
      vic.client.ok(LOG, {
        input: { personId: dana.id, kind: 'REDIRECTION', whatHappened: 'Greet guests before the phone.' },
      }),
    );
    expect(logCoachingMoment).toMatchObject({ kind: 'REDIRECTION', leader: { id: vic.id } });
  });

  it('a redirection can bring a lesson back with the next workday’s lesson', async () => {
    const lessonId = track.lessonIds[0];
    const { logCoachingMoment } = await lea.client.ok(LOG, {
      input: {
        personId: dana.id,
        kind: 'REDIRECTION',
        whatHappened: 'The guest at table 4 waited without a word from us.',
        relatedLessonId: lessonId,
        assignFollowUp: true,
      },
    });
    expect(logCoachingMoment).toMatchObject({
      relatedLesson: { id: lessonId },
      followUp: { kind: 'LESSON', status: 'SCHEDULED', dueAt: '2026-12-02T09:00:00.000Z', lesson: { id: lessonId } },
    });

    await stack.setClock('2026-12-02T09:05:00Z');
    const { today } = await dana.client.ok('{ today { items { kind lesson { id } } } }');
    expect(today.items).toEqual(expect.arrayContaining([{ kind: 'LESSON', lesson: { id: lessonId } }]));
    await stack.setClock('2026-12-01T18:00:00Z');
  });

  it('is refused for someone outside the leader’s own subtree, and for learners', async () => {
    const input = { personId: omar.id, kind: 'RECOGNITION', whatHappened: 'Nice work.' };
    const before = await momentsStored();
    expect((await lea.client.error(LOG, { input })).code).toBe('FORBIDDEN');
    expect((await dana.client.error(LOG, { input: { ...input, personId: lea.id } })).code).toBe('FORBIDDEN');

    const globex = await givenOrganization(stack, 'Globex');
    const globexLeader = await givenPerson(stack, globex, { name: 'Gil', role: Role.LEADER, timezone: 'UTC' });
    expect((await globexLeader.client.error(LOG, { input: { ...input, personId: dana.id } })).code).toBe('NOT_FOUND');
    expect(await momentsStored()).toBe(before);
  });

  it('refuses a follow-up it cannot plan, naming the field, and writes nothing', async () => {
    const before = await momentsStored();
    const base = { personId: dana.id, whatHappened: 'Try the recovery steps.' };
    expect(
      await lea.client.error(LOG, {
        input: { ...base, kind: 'RECOGNITION', relatedLessonId: track.lessonIds[1], assignFollowUp: true },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.assignFollowUp' } });
    expect(
      await lea.client.error(LOG, {
        input: {
          ...base,
          kind: 'REDIRECTION',
          relatedLessonId: '5b2c8c1e-3f3a-4c1e-9a7e-6f1b2d3c4e5f',
          assignFollowUp: true,
        },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.relatedLessonId' } });
    expect(await lea.client.error(LOG, { input: { ...base, kind: 'REDIRECTION', whatHappened: '   ' } })).toMatchObject(
      { code: 'BAD_USER_INPUT', extensions: { field: 'input.whatHappened' } },
    );
    expect(await momentsStored()).toBe(before);
  });

  it('each leader lists the moments they logged, newest first; admins see all', async () => {
    const mine = await lea.client.ok(MOMENTS);
    expect(
      mine.coachingMoments.edges.map((edge: { node: { whatHappened: string } }) => edge.node.whatHappened),
    ).toEqual(['The guest at table 4 waited without a word from us.', 'You stayed calm with an upset guest.']);
    expect((await odo.client.ok(MOMENTS)).coachingMoments.edges).toEqual([]);
    expect((await acme.admin.ok(MOMENTS)).coachingMoments.edges).toHaveLength(3);
    expect((await dana.client.error(MOMENTS)).code).toBe('FORBIDDEN');
  });
});
