import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { givenOrganization, Organization, startTestStack, TestStack } from '@tend/testing';

const LIBRARY = join(__dirname, '..', 'starter-library');

interface StarterTrack {
  title: string;
  summary: string;
  tags: string[];
  defaultLocale: string;
  lessons: ({ kind: string } & Record<string, unknown>)[];
}

describe('the starter library', () => {
  let stack: TestStack;
  let acme: Organization;
  const files = readdirSync(LIBRARY).filter((file) => file.endsWith('.json'));

  beforeAll(async () => {
    stack = await startTestStack();
    acme = await givenOrganization(stack);
  });

  afterAll(() => stack?.stop());

  it('holds four tracks on customer-service culture', () => {
    expect(files.sort()).toEqual([
      'coaching-in-the-moment.json',
      'colleagues-are-customers-too.json',
      'empathy-with-customers.json',
      'leaders-model-service.json',
    ]);
  });

  it.each(files)('%s loads through the API and publishes, every lesson without a warning', async (file) => {
    const track: StarterTrack = JSON.parse(readFileSync(join(LIBRARY, file), 'utf8'));
    expect(track.lessons.length).toBeGreaterThanOrEqual(8);
    expect(new Set(track.lessons.map((lesson) => lesson.kind))).toEqual(
      new Set(['READ', 'SCENARIO', 'QUIZ', 'REFLECTION']),
    );

    const { lessons, ...details } = track;
    const { createTrack } = await acme.admin.ok(
      'mutation($input: CreateTrackInput!) { createTrack(input: $input) { id } }',
      {
        input: details,
      },
    );
    for (const lesson of lessons) {
      await acme.admin.ok(
        'mutation($id: ID!, $input: AddLessonInput!) { addLesson(trackId: $id, input: $input) { id } }',
        {
          id: createTrack.id,
          input: lesson,
        },
      );
    }
    const { publishTrack } = await acme.admin.ok(
      'mutation($id: ID!) { publishTrack(id: $id) { status lessons { title warnings leaderPrompt reviewCards { id } } } }',
      { id: createTrack.id },
    );
    expect(publishTrack.status).toBe('PUBLISHED');
    const lessonsWithWarnings = publishTrack.lessons.filter((lesson: { warnings: string[] }) => lesson.warnings.length);
    expect(lessonsWithWarnings).toEqual([]);
    expect(publishTrack.lessons.every((lesson: { reviewCards: unknown[] }) => lesson.reviewCards.length > 0)).toBe(
      true,
    );
    expect(
      publishTrack.lessons.filter((lesson: { leaderPrompt: string | null }) => lesson.leaderPrompt).length,
    ).toBeGreaterThanOrEqual(4);
  });
});
