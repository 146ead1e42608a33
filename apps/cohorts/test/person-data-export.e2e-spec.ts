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

const EXPORT = 'query($id: ID!) { personDataExport(personId: $id) { personId profile learning } }';
const COMPLETE =
  'mutation($id: ID!, $input: CompleteLessonInput!) { completeLesson(deliveryId: $id, input: $input) { total } }';
const LOG_MOMENT = 'mutation($input: LogCoachingMomentInput!) { logCoachingMoment(input: $input) { id } }';
const ANSWER_PULSE = 'mutation($input: AnswerPulseInput!) { answerPulse(input: $input) { week } }';

/**
 * A person asks what Tend holds about them: one document, put together from
 * every service that stores something of them, with nothing of anyone else's
 * and without the pulse answers, which were never linked to them.
 */
describe('a person’s data export', () => {
  let stack: TestStack;
  let acme: Organization;
  let lea: Member;
  let dana: Member;
  let omar: Member;
  let enrollmentId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    // A Tuesday after 09:00 UTC: enrollment delivers the first lesson at once.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    const track = await givenPublishedTrack(acme.admin, [
      { title: 'Your own example', kind: 'REFLECTION', body: 'Think of a time someone made you feel seen.' },
    ]);
    lea = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    dana = await givenPerson(stack, acme, {
      name: 'Dana Okafor',
      role: Role.LEARNER,
      timezone: 'UTC',
      leaderId: lea.id,
      teamName: 'Front desk',
    });
    omar = await givenPerson(stack, acme, {
      name: 'Omar Lindqvist',
      role: Role.LEARNER,
      timezone: 'UTC',
      leaderId: lea.id,
    });
    ({ enrollmentId } = await givenEnrolledCohort(acme, track, [dana.id, omar.id]));

    for (const [learner, reflection] of [
      [dana, 'Dana: a colleague covered my shift when my son was ill'],
      [omar, 'Omar: the manager thanked me in front of everyone'],
    ] as const) {
      const lesson = await givenFirstLessonDelivered(learner);
      await learner.client.ok(COMPLETE, { id: lesson.id, input: { reflection } });
    }
    await lea.client.ok(LOG_MOMENT, {
      input: { personId: dana.id, kind: 'RECOGNITION', whatHappened: 'Dana defused the double booking' },
    });
    await lea.client.ok(LOG_MOMENT, {
      input: { personId: omar.id, kind: 'REDIRECTION', whatHappened: 'Omar left the till open' },
    });
    await dana.client.ok(ANSWER_PULSE, { input: { score: 2, comment: 'Rota changes come too late' } });
  }, 120_000);

  afterAll(() => stack?.stop());

  it('holds their profile, enrollments, deliveries, reflection and the coaching moments about them', async () => {
    const { personDataExport } = await acme.admin.ok(EXPORT, { id: dana.id });
    expect(personDataExport.personId).toBe(dana.id);
    expect(personDataExport.profile).toMatchObject({
      id: dana.id,
      name: 'Dana Okafor',
      email: expect.stringMatching(/^dana\.okafor-/),
      role: 'LEARNER',
      team: 'Front desk',
      leaderId: lea.id,
      cohorts: [expect.objectContaining({ byRule: false })],
      enrollments: [expect.objectContaining({ id: enrollmentId, trackTitle: expect.any(String), status: 'ACTIVE' })],
    });
    expect(personDataExport.learning).toMatchObject({
      deliverySettings: { email: personDataExport.profile.email, timezone: 'UTC', active: true },
      deliveries: [
        expect.objectContaining({
          kind: 'LESSON',
          status: 'COMPLETED',
          lessonTitle: 'Your own example',
          reflection: 'Dana: a colleague covered my shift when my son was ill',
        }),
      ],
      coachingMomentsAboutThem: [
        expect.objectContaining({
          kind: 'RECOGNITION',
          whatHappened: 'Dana defused the double booking',
          leaderId: lea.id,
        }),
      ],
      coachingMomentsTheyLogged: 0,
      pulseWeeksAnswered: ['2026-W49'],
    });
  });

  it('never holds their pulse answer, nor anything of another person', async () => {
    const { personDataExport } = await acme.admin.ok(EXPORT, { id: dana.id });
    const document = JSON.stringify(personDataExport);
    for (const elsewhere of ['Rota changes come too late', 'Omar', omar.id, 'the manager thanked me', 'Lea']) {
      expect(document).not.toContain(elsewhere);
    }
    expect(document).not.toMatch(/"(score|comment)"/);
  });

  it('a person may export their own data, and nobody else’s but an admin', async () => {
    const own = await dana.client.ok(EXPORT, { id: dana.id });
    expect(own.personDataExport.learning.deliveries).toHaveLength(1);
    expect((await omar.client.error(EXPORT, { id: dana.id })).code).toBe('FORBIDDEN');
    // Leading someone does not open their whole file.
    expect((await lea.client.error(EXPORT, { id: dana.id })).code).toBe('FORBIDDEN');
    const globex = await givenOrganization(stack, 'Globex');
    expect((await globex.admin.error(EXPORT, { id: dana.id })).code).toBe('NOT_FOUND');
  });

  it('after erasure, an export shows only the placeholder and the anonymous counts', async () => {
    await acme.admin.ok('mutation($id: ID!) { erasePerson(personId: $id) { id } }', { id: dana.id });
    const { personDataExport } = await eventually(async () => {
      const result = await acme.admin.ok(EXPORT, { id: dana.id });
      expect(result.personDataExport.learning.deliverySettings.email).toBe('');
      return result;
    });
    expect(personDataExport.profile).toMatchObject({ name: 'Erased person', externalId: null, active: false });
    expect(personDataExport.learning.deliveries).toEqual([
      expect.objectContaining({ status: 'COMPLETED', reflection: null }),
    ]);
    expect(JSON.stringify(personDataExport)).not.toContain('Dana');
  });
});
