import { givenOrganization, givenPublishedTrack, Organization, startTestStack, TestStack } from '@tend/testing';

const TRACK = `query($id: ID!, $version: Int) { track(id: $id, version: $version) { id title status tags lessons { title position tags } } }`;
const MOVE = `mutation($input: MoveLessonInput!) { moveLesson(input: $input) { lessons { title position } } }`;

describe('organizing tracks: order, copies, competency tags and search', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let draftId: string;
  let lessonIds: string[];

  beforeAll(async () => {
    stack = await startTestStack();
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    const { createTrack } = await acme.admin.ok(
      'mutation { createTrack(input: { title: "Handovers that help", tags: ["Internal Service"] }) { id } }',
    );
    draftId = createTrack.id;
    lessonIds = [];
    for (const [title, tags] of [
      ['A', ['listening']],
      ['B', []],
      ['C', ['ownership']],
      ['D', []],
    ] as const) {
      const { addLesson } = await acme.admin.ok(
        'mutation($id: ID!, $input: AddLessonInput!) { addLesson(trackId: $id, input: $input) { id } }',
        { id: draftId, input: { title, kind: 'READ', body: 'Text.', minutes: 1, tags } },
      );
      lessonIds.push(addLesson.id);
    }
  });

  afterAll(() => stack?.stop());

  const titles = async (id: string, version?: number) =>
    (await acme.admin.ok(TRACK, { id, version })).track.lessons.map((lesson: { title: string }) => lesson.title);

  it('moves a lesson forward and back; the others shift', async () => {
    const { moveLesson } = await acme.admin.ok(MOVE, { input: { lessonId: lessonIds[3], position: 1 } });
    expect(moveLesson.lessons).toEqual([
      { title: 'D', position: 1 },
      { title: 'A', position: 2 },
      { title: 'B', position: 3 },
      { title: 'C', position: 4 },
    ]);
    await acme.admin.ok(MOVE, { input: { lessonId: lessonIds[0], position: 4 } });
    expect(await titles(draftId)).toEqual(['D', 'B', 'C', 'A']);
  });

  it('refuses a position past the end, a lesson of a published version, and another tenant’s lesson', async () => {
    const past = await acme.admin.error(MOVE, { input: { lessonId: lessonIds[0], position: 5 } });
    expect(past).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.position' } });
    const foreign = await globex.admin.error(MOVE, { input: { lessonId: lessonIds[0], position: 1 } });
    expect(foreign.code).toBe('NOT_FOUND');
    const published = await givenPublishedTrack(acme.admin);
    const frozen = await acme.admin.error(MOVE, { input: { lessonId: published.lessonIds[0], position: 2 } });
    expect(frozen.code).toBe('CONFLICT');
    expect(await titles(draftId)).toEqual(['D', 'B', 'C', 'A']);
  });

  it('duplicates a track into a new draft with the same lessons and tags', async () => {
    const { duplicateTrack } = await acme.admin.ok(
      'mutation($input: DuplicateTrackInput!) { duplicateTrack(input: $input) { id title status version tags lessons { title tags } } }',
      { input: { trackId: draftId } },
    );
    expect(duplicateTrack).toMatchObject({
      title: 'Handovers that help (copy)',
      status: 'DRAFT',
      version: 1,
      tags: ['internal service'],
    });
    expect(duplicateTrack.id).not.toBe(draftId);
    expect(duplicateTrack.lessons).toEqual([
      { title: 'D', tags: [] },
      { title: 'B', tags: [] },
      { title: 'C', tags: ['ownership'] },
      { title: 'A', tags: ['listening'] },
    ]);
    await acme.admin.ok(MOVE, { input: { lessonId: lessonIds[1], position: 1 } });
    expect(await titles(duplicateTrack.id)).toEqual(['D', 'B', 'C', 'A']);
  });

  it('finds tracks by text and by a competency on the track or one of its lessons, a page at a time', async () => {
    for (let index = 1; index <= 3; index++) {
      await acme.admin.ok('mutation($input: CreateTrackInput!) { createTrack(input: $input) { id } }', {
        input: { title: `Empathy at the counter ${index}`, summary: 'Seeing the person first', tags: ['empathy'] },
      });
    }
    const search = async (variables: Record<string, unknown>) =>
      (
        await acme.admin.ok(
          `query($search: String, $tag: String, $first: Int, $after: String) {
             tracks(search: $search, tag: $tag, first: $first, after: $after) {
               edges { node { title } } pageInfo { hasNextPage endCursor }
             }
           }`,
          variables,
        )
      ).tracks;

    const first = await search({ search: 'EMPATHY at', first: 2 });
    expect(first.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual([
      'Empathy at the counter 1',
      'Empathy at the counter 2',
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await search({ search: 'EMPATHY at', first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual([
      'Empathy at the counter 3',
    ]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const byLessonTag = await search({ tag: 'Ownership' });
    expect(byLessonTag.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual([
      'Handovers that help',
      'Handovers that help (copy)',
    ]);
    expect((await search({ tag: 'empathy', search: 'person first' })).edges).toHaveLength(3);
    expect((await search({ search: '%' })).edges).toEqual([]);
  });
});
