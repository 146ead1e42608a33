import fc from 'fast-check';
import { stringify } from 'yaml';
import { Role } from '@tend/auth';
import {
  givenApiClient,
  givenOrganization,
  givenPerson,
  GraphQLClient,
  Member,
  Organization,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';

interface BundleFile {
  path: string;
  content: string;
}

interface Problem {
  file: string;
  line?: number;
  path?: string;
  message: string;
}

const IMPORT = `mutation($input: ImportTrackInput!) { importTrack(input: $input) { id status version } }`;
const EXPORT = `query($id: ID!, $format: TrackFileFormat!) {
  exportTrack(id: $id, format: $format) { format json files { path content } }
}`;
const TRACK = `query($id: ID!, $locale: String) {
  track(id: $id, locale: $locale) {
    title summary tags defaultLocale status version
    lessons {
      position title kind body minutes tags leaderPrompt leaderListenFor warnings
      questions { prompt choices } reviewCards { front back }
    }
  }
}`;

/** Every kind of lesson with everything a lesson can carry, written through addLesson and translateLesson. */
const LESSONS = [
  {
    title: 'Feelings arrive before facts',
    kind: 'READ',
    minutes: 1,
    body: 'Most customers arrive in a mood.\n\n---\n\n**Try today:** name the feeling first.\n',
    tags: ['Empathy', 'listening'],
    reviewCards: [{ front: 'Feeling or facts first?', back: 'The feeling.' }],
    leaderPrompt: 'Which customer arrived in a mood this week?',
    leaderListenFor: 'Someone naming a feeling out loud.',
  },
  {
    title: 'The late delivery',
    kind: 'SCENARIO',
    minutes: 2,
    body: 'A customer\'s parcel is three days late: "I needed it for a birthday."',
    questions: [
      {
        prompt: 'What do you say first?',
        choices: ['"Our carrier is at fault."', '"That must have spoiled the day. Let us fix what we can."'],
        correctIndex: 1,
        explanation: 'Own the moment before the cause.',
        choiceFeedback: [
          { explanation: 'Blame leaves them alone with it.', consequence: 'They ask for a manager.' },
          { explanation: 'You named what it cost them.', consequence: 'They calm down and tell you the date.' },
        ],
      },
    ],
    reviewCards: [{ front: 'First words to a let-down customer?', back: 'Name what it cost them.' }],
  },
  {
    title: 'Naming the feeling',
    kind: 'QUIZ',
    minutes: 2,
    body: 'Naming a feeling is short and plain.',
    questions: [
      {
        prompt: 'Which reply names the feeling?',
        choices: ['"Let me check."', '"Three calls is exhausting."', '"Records show two."'],
        correctIndex: 1,
        choiceFeedback: [
          { explanation: 'Skips the feeling.' },
          { explanation: 'Names it.' },
          { explanation: 'Argues.' },
        ],
      },
      {
        prompt: 'Does naming a feeling admit fault?',
        choices: ['Yes', 'No'],
        correctIndex: 1,
        choiceFeedback: [{ explanation: 'It is attention, not a legal statement.' }, { explanation: 'Right.' }],
      },
    ],
  },
  {
    title: 'A time you felt unheard',
    kind: 'REFLECTION',
    minutes: 3,
    body: 'Think of a time a company did not listen to you. What would have changed it?',
    leaderPrompt: 'What did the team write about?',
  },
];

describe('a track travels as a portable file, in JSON or as a Markdown bundle', () => {
  let stack: TestStack;
  let acme: Organization;
  let learner: Member;
  let originalId: string;

  const importTrack = (client: GraphQLClient, input: Record<string, unknown>) => client.send(IMPORT, { input });
  const exported = async (id: string, format: 'JSON' | 'MARKDOWN_BUNDLE') =>
    (await acme.admin.ok(EXPORT, { id, format })).exportTrack as {
      format: string;
      json: string | null;
      files: BundleFile[] | null;
    };
  const problemsOf = async (input: Record<string, unknown>): Promise<Problem[]> => {
    const error = await acme.admin.error(IMPORT, { input });
    expect(error.code).toBe('BAD_USER_INPUT');
    return (error.extensions as { problems: Problem[] }).problems;
  };
  const contentRows = () =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query<{ count: string }>(
        `SELECT (SELECT count(*) FROM content.tracks) + (SELECT count(*) FROM content.track_versions)
              + (SELECT count(*) FROM content.lessons) + (SELECT count(*) FROM content.questions)
              + (SELECT count(*) FROM content.review_cards) + (SELECT count(*) FROM content.lesson_translations)
              + (SELECT count(*) FROM content.outbox) AS count`,
      );
      return Number(rows[0].count);
    });

  beforeAll(async () => {
    stack = await startTestStack();
    acme = await givenOrganization(stack);
    learner = await givenPerson(stack, acme, { name: 'Lou', role: Role.LEARNER, timezone: 'UTC' });
    const { createTrack } = await acme.admin.ok(
      `mutation($input: CreateTrackInput!) { createTrack(input: $input) { id } }`,
      {
        input: {
          title: 'Empathy with customers',
          summary: 'Noticing what a customer feels.',
          tags: ['empathy'],
          defaultLocale: 'en-GB',
        },
      },
    );
    originalId = createTrack.id;
    const lessonIds: string[] = [];
    for (const lesson of LESSONS) {
      const { addLesson } = await acme.admin.ok(
        'mutation($id: ID!, $input: AddLessonInput!) { addLesson(trackId: $id, input: $input) { id } }',
        { id: originalId, input: lesson },
      );
      lessonIds.push(addLesson.id);
    }
    await acme.admin.ok('mutation($input: TranslateLessonInput!) { translateLesson(input: $input) { title } }', {
      input: {
        lessonId: lessonIds[2],
        locale: 'fr',
        title: 'Nommer le sentiment',
        body: 'Nommer un sentiment est court et simple.',
        questions: [
          {
            prompt: 'Quelle réponse nomme le sentiment ?',
            choices: ['« Je vérifie. »', '« Trois appels, c’est épuisant. »', '« Le dossier dit deux. »'],
            choiceFeedback: [{ explanation: 'Oublie.' }, { explanation: 'Oui.' }, { explanation: 'Conteste.' }],
          },
          { prompt: 'Est-ce admettre une faute ?', choices: ['Oui', 'Non'] },
        ],
        leaderPrompt: 'De quoi l’équipe a-t-elle parlé ?',
      },
    });
  });

  afterAll(() => stack?.stop());

  describe.each(['JSON', 'MARKDOWN_BUNDLE'] as const)('as %s', (format) => {
    it('export then import gives an identical draft track, every lesson kind, answer keys and translations included', async () => {
      const file = await exported(originalId, format);
      const response = await importTrack(acme.admin, { format, json: file.json, files: file.files });
      expect(response.errors).toBeUndefined();
      const imported = response.data?.importTrack as { id: string; status: string; version: number };
      expect(imported).toMatchObject({ status: 'DRAFT', version: 1 });

      expect(await exported(imported.id, format)).toEqual(file);
      expect(await exported(imported.id, 'JSON')).toEqual(await exported(originalId, 'JSON'));
      for (const locale of [null, 'fr']) {
        const [original, copy] = await Promise.all(
          [originalId, imported.id].map(async (id) => (await acme.admin.ok(TRACK, { id, locale })).track),
        );
        expect(copy).toEqual(original);
      }
    });
  });

  it('a published track exports and re-imports as a new draft that publishes the same', async () => {
    const file = await exported(originalId, 'JSON');
    const { importTrack: draft } = await acme.admin.ok(IMPORT, { input: { format: 'JSON', json: file.json } });
    const { publishTrack } = await acme.admin.ok('mutation($id: ID!) { publishTrack(id: $id) { status } }', {
      id: draft.id,
    });
    expect(publishTrack.status).toBe('PUBLISHED');
    expect((await exported(draft.id, 'JSON')).json).toBe(file.json);
  });

  it('reads the JSON layout of the published schema: one lesson is enough', async () => {
    const json = JSON.stringify({
      $schema: '../track-file.schema.json',
      title: 'Tiny',
      lessons: [{ title: 'One', kind: 'READ', minutes: 1, body: 'Read me.' }],
    });
    const { importTrack: tiny } = await acme.admin.ok(IMPORT, { input: { format: 'JSON', json } });
    const { track } = await acme.admin.ok(TRACK, { id: tiny.id });
    expect(track).toMatchObject({ title: 'Tiny', defaultLocale: 'en', tags: [], lessons: [{ title: 'One' }] });
  });

  describe('a bad file gets precise errors and writes nothing', () => {
    const valid = () => ({
      title: 'Service recovery',
      lessons: [
        { title: 'Read', kind: 'READ', minutes: 1, body: 'Own it.' },
        {
          title: 'Quiz',
          kind: 'QUIZ',
          minutes: 1,
          body: 'Check.',
          questions: [
            {
              prompt: 'First?',
              choices: ['Apologise', 'Explain'],
              correctIndex: 0,
              choiceFeedback: [{ explanation: 'Yes.' }, { explanation: 'Later.' }],
            },
          ],
        },
      ],
    });

    it('JSON that does not parse: the line', async () => {
      const json = '{\n  "title": "Broken",\n  "lessons": [\n    { "title": "One", }\n  ]\n}\n';
      const before = await contentRows();
      const [problem, ...more] = await problemsOf({ format: 'JSON', json });
      expect(more).toEqual([]);
      expect(problem).toMatchObject({ file: 'track.json', line: 4, message: expect.stringMatching(/^is not JSON/) });
      expect(await contentRows()).toBe(before);
    });

    it('a misspelt field, a missing one and a wrong kind: each with its JSON path and line', async () => {
      const track = valid();
      const mistaken = { ...track, lessons: [{ title: 'Read', kind: 'READING', minute: 1, body: 'Own it.' }] };
      const json = JSON.stringify(mistaken, null, 2);
      const lineOf = (text: string) => json.split('\n').findIndex((line) => line.includes(text)) + 1;
      expect(await problemsOf({ format: 'JSON', json })).toEqual(
        expect.arrayContaining([
          {
            file: 'track.json',
            line: lineOf('"minute"'),
            path: '$.lessons[0].minute',
            message: 'is not a field of a track file',
          },
          { file: 'track.json', line: lineOf('"lessons"') + 1, path: '$.lessons[0]', message: 'needs minutes' },
          {
            file: 'track.json',
            line: lineOf('"READING"'),
            path: '$.lessons[0].kind',
            message: 'must be one of READ, SCENARIO, QUIZ, REFLECTION',
          },
        ]),
      );
    });

    it('a broken lesson rule, in the words addLesson uses; the valid lessons before it are not written either', async () => {
      const track = valid();
      const [question] = track.lessons[1].questions ?? [];
      question.correctIndex = 2;
      const before = await contentRows();
      const json = JSON.stringify(track, null, 2);
      expect(await problemsOf({ format: 'JSON', json })).toEqual([
        {
          file: 'track.json',
          line: json.split('\n').findIndex((line) => line.includes('"correctIndex": 2')) + 1,
          path: '$.lessons[1].questions[0].correctIndex',
          message: 'must point at one of the choices',
        },
      ]);
      expect(await contentRows()).toBe(before);
    });

    it('a translation that does not fit its lesson', async () => {
      const track = valid();
      const json = JSON.stringify({
        ...track,
        lessons: [{ ...track.lessons[1], translations: [{ locale: 'fr', title: 'Quiz', body: 'Vérifier.' }] }],
      });
      expect(await problemsOf({ format: 'JSON', json })).toEqual([
        expect.objectContaining({
          path: '$.lessons[0].translations[0].questions',
          message: 'the lesson has 1 questions; translate each of them',
        }),
      ]);
    });

    it('a bundle: broken front matter, a listed file that is missing, a lesson no one listed', async () => {
      const files: BundleFile[] = [
        {
          path: 'track.yaml',
          content: 'title: Service recovery\nlessons:\n  - lessons/01-read.md\n  - lessons/02-gone.md\n',
        },
        { path: 'lessons/01-read.md', content: '---\ntitle: Read\nkind: READ\nminutes: [1\n---\nOwn it.\n' },
        { path: 'lessons/03-stray.md', content: '---\ntitle: Stray\nkind: READ\nminutes: 1\n---\nHi.\n' },
      ];
      const before = await contentRows();
      const problems = await problemsOf({ format: 'MARKDOWN_BUNDLE', files });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'lessons/01-read.md', line: 4 }),
          { file: 'track.yaml', line: 4, path: '$.lessons[1]', message: 'lessons/02-gone.md is not in the bundle' },
          { file: 'lessons/03-stray.md', message: 'is not listed in the lessons of track.yaml' },
        ]),
      );
      expect(await contentRows()).toBe(before);
    });

    it('a bundle: a scenario without its consequences names the lesson file and the line', async () => {
      const files: BundleFile[] = [
        { path: 'track.yaml', content: 'title: Recovery\nlessons: [lessons/01-late.md]\n' },
        {
          path: 'lessons/01-late.md',
          content: [
            '---',
            'title: Late parcel',
            'kind: SCENARIO',
            'minutes: 2',
            'questions:',
            '  - prompt: What do you say?',
            '    choices: [Sorry, Not us]',
            '    correctIndex: 0',
            '    choiceFeedback:',
            '      - explanation: Owns it.',
            '      - explanation: Blames.',
            '---',
            'The parcel is late.',
          ].join('\n'),
        },
      ];
      expect(await problemsOf({ format: 'MARKDOWN_BUNDLE', files })).toEqual([
        {
          file: 'lessons/01-late.md',
          line: 10,
          path: '$.questions[0].choiceFeedback[0].consequence',
          message: 'say what happens after this choice',
        },
      ]);
    });
  });

  describe('who may', () => {
    it('an API client with content:write imports, one with content:read exports', async () => {
      const file = await exported(originalId, 'JSON');
      const writer = await givenApiClient(stack, acme, ['content:write']);
      const reader = await givenApiClient(stack, acme, ['content:read']);
      const { importTrack: copy } = await writer.client.ok(IMPORT, { input: { format: 'JSON', json: file.json } });
      expect((await reader.client.ok(EXPORT, { id: copy.id, format: 'JSON' })).exportTrack.json).toBe(file.json);
      expect((await reader.client.error(IMPORT, { input: { format: 'JSON', json: file.json } })).code).toBe(
        'FORBIDDEN',
      );
    });

    it('a learner neither imports nor exports: exports carry the answer keys', async () => {
      const file = await exported(originalId, 'JSON');
      expect((await learner.client.error(IMPORT, { input: { format: 'JSON', json: file.json } })).code).toBe(
        'FORBIDDEN',
      );
      expect((await learner.client.error(EXPORT, { id: originalId, format: 'JSON' })).code).toBe('FORBIDDEN');
    });
  });

  it('random malformed files never crash the import and never leave part of a track behind', async () => {
    const valid = await exported(originalId, 'JSON');
    const validBundle = (await exported(originalId, 'MARKDOWN_BUNDLE')).files as BundleFile[];
    const validJson = valid.json as string;
    const validValue = JSON.parse(validJson) as unknown;
    const paths = pathsIn(validValue);

    const mutatedValue = fc
      .tuple(fc.constantFrom(...paths), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }))
      .map(([path, value]) => ({ format: 'JSON', json: JSON.stringify(withValueAt(validValue, path, value)) }));
    const randomJson = fc.json({ maxDepth: 3 }).map((json) => ({ format: 'JSON', json }));
    const brokenText = fc
      .tuple(fc.nat(validJson.length), fc.nat(40), fc.string({ maxLength: 8 }))
      .map(([at, cut, insert]) => ({
        format: 'JSON',
        json: validJson.slice(0, at) + insert + validJson.slice(at + cut),
      }));
    const brokenBundle = fc
      .tuple(fc.nat(validBundle.length - 1), fc.nat(400), fc.nat(30), fc.string({ maxLength: 8 }), fc.boolean())
      .map(([index, at, cut, insert, drop]) => ({
        format: 'MARKDOWN_BUNDLE',
        files: drop
          ? validBundle.filter((_, position) => position !== index)
          : validBundle.map((file, position) =>
              position === index
                ? { ...file, content: file.content.slice(0, at) + insert + file.content.slice(at + cut) }
                : file,
            ),
      }));

    const lessonFields = fc.constantFrom(
      'title',
      'kind',
      'minutes',
      'questions',
      'reviewCards',
      'tags',
      'translations',
    );
    const randomFrontMatter = fc
      .tuple(
        fc.nat(validBundle.length - 2),
        fc.oneof(
          fc.dictionary(lessonFields, fc.jsonValue({ maxDepth: 2 })).map((fields) => stringify(fields)),
          fc.string({ maxLength: 200 }),
        ),
      )
      .map(([index, frontMatter]) => ({
        format: 'MARKDOWN_BUNDLE',
        files: validBundle.map((file, position) =>
          position === index + 1 ? { ...file, content: `---\n${frontMatter}\n---\nThe body.\n` } : file,
        ),
      }));

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutatedValue, randomJson, brokenText, brokenBundle, randomFrontMatter),
        async (input) => {
          const before = await contentRows();
          const response = await importTrack(acme.admin, input);
          if (response.data?.importTrack) return;
          expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
          expect(await contentRows()).toBe(before);
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});

function pathsIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const children = Array.isArray(value)
    ? value.flatMap((item, index) => pathsIn(item, [...path, index]))
    : Object.entries(value).flatMap(([key, item]) => pathsIn(item, [...path, key]));
  return [path, ...children];
}

/** A deep copy with `path` set to `replacement`, or removed when it is undefined. */
function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement ?? null;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}
