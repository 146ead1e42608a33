import { Role } from '@tend/auth';
import {
  eventually,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  Member,
  Organization,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';

const TRACK = `query($id: ID!, $locale: String) {
  track(id: $id, locale: $locale) { defaultLocale locale lessons { title body questions { prompt choices } } }
}`;
const TRANSLATE = `mutation($input: TranslateLessonInput!) { translateLesson(input: $input) { title body } }`;
const GAPS = `query($id: ID!) { track(id: $id) { translationGaps { locale lessonIds } } }`;

describe('a track in several languages', () => {
  let stack: TestStack;
  let acme: Organization;
  let learner: Member;
  let trackId: string;
  let readId: string;
  let quizId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    acme = await givenOrganization(stack);
    learner = await givenPerson(stack, acme, { name: 'Lou', role: Role.LEARNER, timezone: 'UTC' });
    const { createTrack } = await acme.admin.ok(
      'mutation { createTrack(input: { title: "Listening", defaultLocale: "en-us" }) { id defaultLocale } }',
    );
    expect(createTrack.defaultLocale).toBe('en-US');
    trackId = createTrack.id;
    const add = async (input: Record<string, unknown>) =>
      (
        await acme.admin.ok(
          'mutation($id: ID!, $input: AddLessonInput!) { addLesson(trackId: $id, input: $input) { id } }',
          {
            id: trackId,
            input,
          },
        )
      ).addLesson.id;
    readId = await add({ title: 'Hear them out', kind: 'READ', body: 'Let customers finish.', minutes: 1 });
    quizId = await add({
      title: 'Check',
      kind: 'QUIZ',
      body: 'One question.',
      minutes: 1,
      questions: [
        {
          prompt: 'What first?',
          choices: ['Listen', 'Talk'],
          correctIndex: 0,
          choiceFeedback: [{ explanation: 'Yes.' }, { explanation: 'No.' }],
        },
      ],
    });
  });

  afterAll(() => stack?.stop());

  it('refuses a locale that is not a BCP 47 tag, and a translation into the default locale', async () => {
    const bad = await acme.admin.error(
      'mutation { createTrack(input: { title: "X", defaultLocale: "not a locale!" }) { id } }',
    );
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.defaultLocale' } });
    const same = await acme.admin.error(TRANSLATE, {
      input: { lessonId: readId, locale: 'EN-us', title: 'T', body: 'B' },
    });
    expect(same).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.locale' } });
    const query = await acme.admin.error(TRACK, { id: trackId, locale: '??' });
    expect(query).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'locale' } });
  });

  it('reports a translation that misses a lesson before publishing', async () => {
    await acme.admin.ok(TRANSLATE, {
      input: { lessonId: readId, locale: 'fr', title: 'Écoutez-les', body: 'Laissez les clients finir.' },
    });
    expect((await acme.admin.ok(GAPS, { id: trackId })).track.translationGaps).toEqual([
      { locale: 'fr', lessonIds: [quizId] },
    ]);

    const wrongShape = await acme.admin.error(TRANSLATE, {
      input: {
        lessonId: quizId,
        locale: 'fr',
        title: 'Vérifier',
        body: 'Une question.',
        questions: [{ prompt: 'Quoi d’abord ?', choices: ['Écouter', 'Parler', 'Partir'] }],
      },
    });
    expect(wrongShape).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.questions.0.choices' } });

    await acme.admin.ok(TRANSLATE, {
      input: {
        lessonId: quizId,
        locale: 'fr',
        title: 'Vérifier',
        body: 'Une question.',
        questions: [{ prompt: 'Quoi d’abord ?', choices: ['Écouter', 'Parler'] }],
      },
    });
    expect((await acme.admin.ok(GAPS, { id: trackId })).track.translationGaps).toEqual([]);
  });

  it('a learner reads their locale, the nearest the track has, or the default', async () => {
    await acme.admin.ok('mutation($id: ID!) { publishTrack(id: $id) { id } }', { id: trackId });
    const french = (await learner.client.ok(TRACK, { id: trackId, locale: 'fr-CA' })).track;
    expect(french).toMatchObject({ defaultLocale: 'en-US', locale: 'fr' });
    expect(french.lessons).toEqual([
      { title: 'Écoutez-les', body: 'Laissez les clients finir.', questions: [] },
      {
        title: 'Vérifier',
        body: 'Une question.',
        questions: [{ prompt: 'Quoi d’abord ?', choices: ['Écouter', 'Parler'] }],
      },
    ]);
    const german = (await learner.client.ok(TRACK, { id: trackId, locale: 'de' })).track;
    expect(german.locale).toBe('en-US');
    expect(german.lessons[0].title).toBe('Hear them out');
  });

  it('a translation of a published version is frozen with it', async () => {
    const error = await acme.admin.error(TRANSLATE, {
      input: { lessonId: readId, locale: 'es', title: 'Escúchelos', body: 'Deje terminar.' },
    });
    expect(error.code).toBe('CONFLICT');
  });

  it("a learner's delivered lesson comes in their own locale, the nearest the track has, or the default", async () => {
    // A Tuesday after the 09:00 lesson time: enrollment brings the first lesson at once.
    await stack.setClock('2026-12-01T14:00:00Z');
    const quebec = await givenPerson(stack, acme, {
      name: 'Zoé',
      role: Role.LEARNER,
      timezone: 'UTC',
      locale: 'fr-CA',
    });
    const berlin = await givenPerson(stack, acme, { name: 'Jonas', role: Role.LEARNER, timezone: 'UTC', locale: 'de' });
    await givenEnrolledCohort(acme, { trackId, lessonIds: [readId, quizId] }, [quebec.id, berlin.id]);
    const lessonOf = async (member: Member) => {
      const { today } = await eventually(async () => {
        const day = await member.client.ok('{ today { items { lesson { id title body locale } } } }');
        expect(day.today.items).toHaveLength(1);
        return day;
      });
      return today.items[0].lesson;
    };
    expect(await lessonOf(quebec)).toEqual({
      id: readId,
      title: 'Écoutez-les',
      body: 'Laissez les clients finir.',
      locale: 'fr',
    });
    expect(await lessonOf(berlin)).toEqual({
      id: readId,
      title: 'Hear them out',
      body: 'Let customers finish.',
      locale: null,
    });

    // Wednesday: the quiz, its questions in her language too.
    await stack.setClock('2026-12-02T14:00:00Z');
    await stack.runPlanner();
    const { today } = await quebec.client.ok(
      '{ today { items { kind lesson { id title kind minutes questions { prompt choices } } } } }',
    );
    expect(today.items.filter((item: { kind: string }) => item.kind === 'LESSON')).toEqual([
      {
        kind: 'LESSON',
        lesson: {
          id: quizId,
          title: 'Vérifier',
          kind: 'QUIZ',
          minutes: 1,
          questions: [{ prompt: 'Quoi d’abord ?', choices: ['Écouter', 'Parler'] }],
        },
      },
    ]);
  });

  it('after an upgrade, versions published before the scheduler kept lesson texts are published again and read as before', async () => {
    const quebec = await givenPerson(stack, acme, { name: 'Léa', role: Role.LEARNER, timezone: 'UTC', locale: 'fr' });
    await givenEnrolledCohort(acme, { trackId, lessonIds: [readId, quizId] }, [quebec.id]);
    const todayLesson = () => quebec.client.send('{ today { items { kind lesson { title body } } } }');
    await eventually(async () =>
      expect((await todayLesson()).data?.today.items).toEqual([
        { kind: 'LESSON', lesson: { title: 'Écoutez-les', body: 'Laissez les clients finir.' } },
      ]),
    );

    // As the upgrade's migrations leave it: the scheduler's rows without texts, content's list of versions to publish again.
    await withClient(stack.databaseUrl, async (client) => {
      await client.query(`UPDATE scheduler.track_lessons SET body = NULL, translations = NULL WHERE track_id = $1`, [
        trackId,
      ]);
      await client.query(
        `INSERT INTO content.versions_to_republish (organization_id, track_id, version)
         SELECT organization_id, track_id, version FROM content.track_versions WHERE track_id = $1 AND status = 'PUBLISHED'`,
        [trackId],
      );
    });
    const meanwhile = await todayLesson();
    expect(meanwhile.data?.today.items).toEqual([{ kind: 'LESSON', lesson: null }]);
    expect(meanwhile.errors?.map((error) => error.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);

    await stack.restartContent();
    await eventually(async () =>
      expect((await todayLesson()).data?.today.items).toEqual([
        { kind: 'LESSON', lesson: { title: 'Écoutez-les', body: 'Laissez les clients finir.' } },
      ]),
    );
    const listed = await withClient(stack.databaseUrl, async (client) =>
      Number((await client.query(`SELECT count(*) FROM content.versions_to_republish`)).rows[0].count),
    );
    expect(listed).toBe(0);
  });
});
