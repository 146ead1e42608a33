import { Role } from '@tend/auth';
import {
  eventually,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  PublishedTrack,
  startTestStack,
  TestStack,
  WEEKDAYS_AT_NINE,
  withClient,
} from '@tend/testing';

const LESSONS = [
  { title: 'One', kind: 'READ' as const, body: 'First.' },
  { title: 'Two', kind: 'READ' as const, body: 'Second.' },
  { title: 'Three', kind: 'READ' as const, body: 'Third.' },
];
const TRACK_AT = `query($id: ID!, $version: Int) {
  track(id: $id, version: $version) { id status version draftVersion lessons { id title } }
}`;

describe('drafts and versions of a track', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let track: PublishedTrack;
  let learner: Member;
  let v2LessonIds: string[];

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday 1 December 2026, 12:00 UTC: past the learner's 09:00, so lesson one arrives at once.
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    track = await givenPublishedTrack(acme.admin, LESSONS);
    learner = await givenPerson(stack, acme, { name: 'Vera', role: Role.LEARNER, timezone: 'UTC' });
    await givenEnrolledCohort(acme, track, [learner.id]);
  });

  afterAll(() => stack?.stop());

  /** The day's new lessons; reminders of the ones left undone are the scheduler's story. */
  const todayLessonIds = async () => {
    const { today } = await learner.client.ok('{ today { items { kind lesson { id } } } }');
    return today.items
      .filter((item: { kind: string }) => item.kind === 'LESSON')
      .map((item: { lesson: { id: string } }) => item.lesson.id);
  };

  it('an edit to a published track needs a new draft version first', async () => {
    const error = await acme.admin.error(
      'mutation($id: ID!) { addLesson(trackId: $id, input: { title: "Four", kind: READ, body: "B", minutes: 1 }) { id } }',
      { id: track.trackId },
    );
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toContain('reviseTrack');
  });

  it('revising opens draft version 2, a copy, while learners are still served version 1', async () => {
    await eventually(async () => expect(await todayLessonIds()).toEqual([track.lessonIds[0]]));
    const { reviseTrack } = await acme.admin.ok(
      'mutation($id: ID!) { reviseTrack(id: $id) { status version draftVersion lessons { title } } }',
      { id: track.trackId },
    );
    expect(reviseTrack).toMatchObject({ status: 'DRAFT', version: 2, draftVersion: 2 });
    expect(reviseTrack.lessons.map((lesson: { title: string }) => lesson.title)).toEqual(['One', 'Two', 'Three']);

    const again = await acme.admin.error('mutation($id: ID!) { reviseTrack(id: $id) { id } }', { id: track.trackId });
    expect(again.code).toBe('CONFLICT');

    await acme.admin.ok(
      'mutation($id: ID!) { addLesson(trackId: $id, input: { title: "Four", kind: READ, body: "New.", minutes: 1 }) { id } }',
      { id: track.trackId },
    );
    const served = await learner.client.ok(TRACK_AT, { id: track.trackId });
    expect(served.track).toMatchObject({ status: 'PUBLISHED', version: 1 });
    expect(served.track.lessons.map((lesson: { id: string }) => lesson.id)).toEqual(track.lessonIds);
    const draft = await learner.client.error(TRACK_AT, { id: track.trackId, version: 2 });
    expect(draft.code).toBe('NOT_FOUND');
  });

  it('publishing freezes version 2 and serves it; version 1 stays readable and unchanged', async () => {
    const { publishTrack } = await acme.admin.ok(
      'mutation($id: ID!) { publishTrack(id: $id) { status version draftVersion lessons { id title } } }',
      { id: track.trackId },
    );
    expect(publishTrack).toMatchObject({ status: 'PUBLISHED', version: 2, draftVersion: null });
    v2LessonIds = publishTrack.lessons.map((lesson: { id: string }) => lesson.id);
    expect(publishTrack.lessons.map((lesson: { title: string }) => lesson.title)).toEqual([
      'One',
      'Two',
      'Three',
      'Four',
    ]);
    expect(v2LessonIds.filter((id) => track.lessonIds.includes(id))).toEqual([]);

    const old = await learner.client.ok(TRACK_AT, { id: track.trackId, version: 1 });
    expect(old.track.lessons.map((lesson: { id: string }) => lesson.id)).toEqual(track.lessonIds);
  });

  it('a lesson of a published version cannot be changed or removed, even by hand in the database', async () => {
    for (const statement of [
      `UPDATE content.lessons SET title = 'Edited' WHERE id = $1`,
      `DELETE FROM content.lessons WHERE id = $1`,
    ]) {
      await expect(
        withClient(stack.databaseUrl, (client) => client.query(statement, [track.lessonIds[0]])),
      ).rejects.toThrow(/published track version never changes/);
    }
  });

  it('a learner keeps version 1 until the admin moves enrollments; then the next lesson comes from version 2', async () => {
    // Wednesday: still version 1.
    await stack.setClock('2026-12-02T12:00:00Z');
    await stack.runPlanner();
    expect(await todayLessonIds()).toEqual([track.lessonIds[1]]);

    const { migrateEnrollments } = await acme.admin.ok(
      'mutation($input: MigrateEnrollmentsInput!) { migrateEnrollments(input: $input) { version } }',
      { input: { trackId: track.trackId, fromVersion: 1, toVersion: 2 } },
    );
    expect(migrateEnrollments.version).toBe(2);
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query('SELECT track_version FROM scheduler.enrollments WHERE track_id = $1', [track.trackId]),
      );
      expect(rows).toEqual([{ track_version: 2 }]);
    });

    // Thursday and Friday: the third and fourth lessons, of version 2.
    await stack.setClock('2026-12-03T12:00:00Z');
    await stack.runPlanner();
    expect(await todayLessonIds()).toEqual([v2LessonIds[2]]);
    await stack.setClock('2026-12-04T12:00:00Z');
    await stack.runPlanner();
    expect(await todayLessonIds()).toEqual([v2LessonIds[3]]);
  });

  it('refuses to move enrollments to a version that is not published, or of another organization’s track', async () => {
    const migrate = 'mutation($input: MigrateEnrollmentsInput!) { migrateEnrollments(input: $input) { version } }';
    const unknown = await acme.admin.error(migrate, {
      input: { trackId: track.trackId, fromVersion: 2, toVersion: 3 },
    });
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.toVersion' } });
    const foreign = await globex.admin.error(migrate, {
      input: { trackId: track.trackId, fromVersion: 1, toVersion: 2 },
    });
    expect(foreign.code).toBe('NOT_FOUND');
  });

  it('an archived track refuses new enrollments with a clear error; its learners keep their lessons', async () => {
    const { archiveTrack } = await acme.admin.ok('mutation($id: ID!) { archiveTrack(id: $id) { status } }', {
      id: track.trackId,
    });
    expect(archiveTrack.status).toBe('ARCHIVED');
    expect(
      (await acme.admin.error('mutation($id: ID!) { archiveTrack(id: $id) { id } }', { id: track.trackId })).code,
    ).toBe('CONFLICT');
    expect(
      (await acme.admin.error('mutation($id: ID!) { reviseTrack(id: $id) { id } }', { id: track.trackId })).code,
    ).toBe('CONFLICT');

    const { createCohort } = await acme.admin.ok(
      'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
      { input: { name: 'Late joiners', timezone: 'UTC', cadence: WEEKDAYS_AT_NINE } },
    );
    const refusal = await eventually(async () => {
      const error = await acme.admin.error(
        'mutation($cohort: ID!, $track: ID!) { enrollCohort(cohortId: $cohort, trackId: $track) { id } }',
        { cohort: createCohort.id, track: track.trackId },
      );
      expect(error.code).toBe('CONFLICT');
      return error;
    });
    expect(refusal.message).toBe('The track is archived; it takes no new enrollments');

    const { today } = await learner.client.ok('{ today { items { kind lesson { id title } } } }');
    expect(today.items.filter((item: { kind: string }) => item.kind === 'LESSON')).toEqual([
      { kind: 'LESSON', lesson: { id: v2LessonIds[3], title: 'Four' } },
    ]);
  });
});
