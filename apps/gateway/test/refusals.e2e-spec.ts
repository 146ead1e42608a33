import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { issueAccessToken, LOCAL_TOKEN_AUDIENCE, PrincipalSigner, Role } from '@tend/auth';
import {
  givenFirstLessonDelivered,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  PublishedTrack,
  startTestStack,
  TestStack,
} from '@tend/testing';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const QUIZ_LESSON = {
  title: 'A quiz',
  kind: 'QUIZ',
  body: 'Pick one.',
  minutes: 3,
  questions: [
    {
      prompt: 'Which?',
      choices: ['This', 'That'],
      correctIndex: 0,
      choiceFeedback: [{ explanation: 'Because.' }, { explanation: 'Not that.' }],
    },
  ],
};

describe('bad input and callers who may not', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let track: PublishedTrack;
  let draftTrackId: string;
  let learner: Member;
  let otherLearner: Member;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    track = await givenPublishedTrack(acme.admin);
    learner = await givenPerson(stack, acme, { name: 'Lena Learner', role: Role.LEARNER, timezone: 'Europe/Berlin' });
    otherLearner = await givenPerson(stack, acme, {
      name: 'Otto Other',
      role: Role.LEARNER,
      timezone: 'Europe/Berlin',
    });
    await givenEnrolledCohort(acme, track, [learner.id, otherLearner.id], { timezone: 'Europe/Berlin' });
    const { createTrack } = await acme.admin.ok(`mutation { createTrack(input: { title: "Draft" }) { id } }`);
    draftTrackId = createTrack.id;
  });

  afterAll(() => stack?.stop());

  const lessonsOf = async (trackId: string) =>
    (await acme.admin.ok(`query($id: ID!) { track(id: $id) { lessons { id } } }`, { id: trackId })).track.lessons;
  const addLesson = (input: Record<string, unknown>) =>
    acme.admin.error(`mutation($id: ID!, $input: AddLessonInput!) { addLesson(trackId: $id, input: $input) { id } }`, {
      id: draftTrackId,
      input: { ...QUIZ_LESSON, ...input },
    });

  describe('an admin who sends bad input gets a clear error and nothing is written', () => {
    it('an unknown track id', async () => {
      const error = await acme.admin.error(`mutation($id: ID!) { publishTrack(id: $id) { id } }`, { id: UNKNOWN_ID });
      expect(error).toMatchObject({ code: 'NOT_FOUND', message: `Track ${UNKNOWN_ID} was not found` });
      const enroll = await acme.admin.error(
        `mutation($cohort: ID!, $track: ID!) { enrollCohort(cohortId: $cohort, trackId: $track) { id } }`,
        { cohort: UNKNOWN_ID, track: UNKNOWN_ID },
      );
      expect(enroll.code).toBe('NOT_FOUND');
    });

    it('a question with one choice', async () => {
      const error = await addLesson({ questions: [{ prompt: 'Which?', choices: ['Only this'], correctIndex: 0 }] });
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.questions.0.choices' } });
      expect(await lessonsOf(draftTrackId)).toEqual([]);
    });

    it('a lesson of zero minutes', async () => {
      const error = await addLesson({ minutes: 0 });
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.minutes' } });
      expect(await lessonsOf(draftTrackId)).toEqual([]);
    });

    it('an empty title', async () => {
      const error = await acme.admin.error(`mutation { createTrack(input: { title: "   " }) { id } }`);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.title' } });
      const lesson = await addLesson({ title: '' });
      expect(lesson).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.title' } });
      const { tracks } = await acme.admin.ok(`{ tracks(first: 100) { edges { node { title } } } }`);
      expect(tracks.edges.map((edge: any) => edge.node.title).sort()).toEqual(['Draft', 'Service starts with leaders']);
    });

    it('an unknown time zone', async () => {
      const error = await acme.admin.error(
        `mutation { createPerson(input: { email: "tz@acme.example", name: "Tz", role: LEARNER, timezone: "Mars/Olympus_Mons" }) { id } }`,
      );
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.timezone' } });
      const { people } = await acme.admin.ok(`{ people(search: "tz@acme.example") { edges { node { id } } } }`);
      expect(people.edges).toEqual([]);
    });

    it('a cadence with day 8', async () => {
      const error = await acme.admin.error(
        `mutation { createCohort(input: { name: "Eight days a week", timezone: "UTC",
           cadence: { daysOfWeek: [1, 8], lessonTime: "09:00", promptDay: 1, promptTime: "08:30" } }) { id } }`,
      );
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toMatch(/^input\.cadence\.daysOfWeek/);
      const { cohorts } = await acme.admin.ok(`{ cohorts(first: 100) { edges { node { name } } } }`);
      expect(cohorts.edges.map((edge: any) => edge.node.name)).not.toContain('Eight days a week');
    });
  });

  describe('a learner', () => {
    it('cannot complete another learner’s delivery, and cannot tell it exists', async () => {
      const delivery = await givenFirstLessonDelivered(otherLearner);
      const error = await learner.client.error(
        `mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { correct } }`,
        { id: delivery.id },
      );
      expect(error.code).toBe('NOT_FOUND');
      const { today } = await otherLearner.client.ok(`{ today { items { id status } } }`);
      expect(today.items).toEqual([{ id: delivery.id, status: 'SENT' }]);
    });

    it('completes a lesson once: of completions sent at the same moment one wins, and any after it are refused', async () => {
      const delivery = await givenFirstLessonDelivered(learner);
      const complete = () =>
        learner.client.send(
          `mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { delivery { status } } }`,
          {
            id: delivery.id,
          },
        );
      const atOnce = await Promise.all([complete(), complete(), complete()]);
      expect(atOnce.filter((answer) => answer.data?.completeLesson.delivery.status === 'COMPLETED')).toHaveLength(1);
      const refusals = atOnce.flatMap((answer) => answer.errors ?? []);
      expect(refusals.map((error) => [error.extensions?.code, error.message])).toEqual([
        ['CONFLICT', 'The lesson is already completed'],
        ['CONFLICT', 'The lesson is already completed'],
      ]);
      expect((await complete()).errors?.[0].extensions?.code).toBe('CONFLICT');
      const { today } = await learner.client.ok(`{ today { items { id status } } }`);
      expect(today.items).toEqual([{ id: delivery.id, status: 'COMPLETED' }]);
    });

    it('cannot create a track', async () => {
      const error = await learner.client.error(`mutation { createTrack(input: { title: "Mine" }) { id } }`);
      expect(error.code).toBe('FORBIDDEN');
    });
  });

  describe('callers who are not who they say', () => {
    it('without a token are UNAUTHENTICATED', async () => {
      const error = await stack.graphql.error(`{ me { id } }`);
      expect(error.code).toBe('UNAUTHENTICATED');
    });

    it('with a token signed by another key are UNAUTHENTICATED', async () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const forged = issueAccessToken(
        privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        { organizationId: acme.organizationId, personId: learner.id, role: Role.ADMIN },
        { ...LOCAL_TOKEN_AUDIENCE, expiresInSeconds: 600 },
      );
      expect((await stack.graphql.as(forged).error(`{ me { id } }`)).code).toBe('UNAUTHENTICATED');
      expect((await stack.graphql.as('not-a-token').error(`{ me { id } }`)).code).toBe('UNAUTHENTICATED');
    });

    it('a person deactivated after their token was issued is refused from the next request on, and let back in on reactivation', async () => {
      const leaver = await givenPerson(stack, acme, { name: 'Lee Leaver', role: Role.LEARNER, timezone: 'UTC' });
      expect((await leaver.client.ok(`{ me { id } }`)).me.id).toBe(leaver.id);

      await acme.admin.ok('mutation($id: ID!) { deactivatePerson(id: $id) { id } }', { id: leaver.id });
      expect((await leaver.client.error(`{ me { id } }`)).code).toBe('UNAUTHENTICATED');

      await acme.admin.ok('mutation($id: ID!) { reactivatePerson(id: $id) { id } }', { id: leaver.id });
      expect((await leaver.client.ok(`{ me { id } }`)).me.id).toBe(leaver.id);
    });

    it('an admin demoted after their token was issued acts in their new role from the next request on', async () => {
      const formerAdmin = await givenPerson(stack, acme, { name: 'Ada Admin', role: Role.ADMIN, timezone: 'UTC' });
      const createTrack = `mutation { createTrack(input: { title: "Not any more" }) { id } }`;
      await formerAdmin.client.ok(createTrack);

      await acme.admin.ok(
        'mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }',
        {
          id: formerAdmin.id,
          input: { role: Role.LEARNER },
        },
      );
      expect((await formerAdmin.client.error(createTrack)).code).toBe('FORBIDDEN');
    });

    it('a token naming a person who does not exist is UNAUTHENTICATED', async () => {
      const stranger = stack.tokenFor({ organizationId: acme.organizationId, personId: UNKNOWN_ID, role: Role.ADMIN });
      expect((await stack.graphql.as(stranger).error(`{ me { id } }`)).code).toBe('UNAUTHENTICATED');
    });

    it('an admin of another organization cannot see this organization’s track', async () => {
      const error = await globex.admin.error(`query($id: ID!) { track(id: $id) { id title } }`, { id: track.trackId });
      expect(error).toMatchObject({ code: 'NOT_FOUND', message: `Track ${track.trackId} was not found` });
    });

    it('a direct call to a subgraph without the gateway’s signature is refused', async () => {
      for (const app of ['content', 'cohorts', 'scheduler'] as const) {
        const unsigned = await request(stack.urls[app]).post('/graphql').send({ query: '{ __typename }' });
        expect(unsigned.status).toBe(401);
        expect(unsigned.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

        const forged = new PrincipalSigner('a-secret-the-gateway-does-not-have-at-all').sign({
          kind: 'person',
          organizationId: acme.organizationId,
          personId: learner.id,
          role: Role.ADMIN,
        });
        const forgedCall = await request(stack.urls[app])
          .post('/graphql')
          .set(forged)
          .send({ query: '{ __typename }' });
        expect(forgedCall.status).toBe(401);
      }
    });
  });
});
