import { randomUUID } from 'node:crypto';
import { Role } from '@tend/auth';
import { AdjustableClock } from '@tend/clock';
import { createSchedulerTestDatabase, SchedulerTestDatabase } from '../../test/scheduler-test-database';
import { LearnerStreaks } from '../streaks/learner-streaks';
import { TeamProgressService } from './team-progress.service';

describe('a team’s progress, for a page of people at once', () => {
  let database: SchedulerTestDatabase;
  let progress: TeamProgressService;
  const clock = new AdjustableClock();
  const organizationId = randomUUID();
  const leaderId = randomUUID();
  const lessonId = randomUUID();
  const team = Array.from({ length: 30 }, () => randomUUID());
  const stranger = randomUUID();

  beforeAll(async () => {
    database = await createSchedulerTestDatabase();
    progress = new TeamProgressService(database.dataSource, new LearnerStreaks(database.dataSource), clock);
    // Thursday 3 December 2026, after a week in which every learner did Tuesday's and Wednesday's lessons.
    clock.setNow(new Date('2026-12-03T08:00:00Z'));
    await database.dataSource.query(
      `INSERT INTO scheduler.people (person_id, organization_id, role, timezone, leader_id, email)
       SELECT id, $1::uuid, 'LEARNER', 'UTC', CASE WHEN id = $4 THEN NULL ELSE $3::uuid END, ''
       FROM unnest($2::uuid[] || $4::uuid) id
       UNION ALL SELECT $3::uuid, $1::uuid, 'LEADER', 'UTC', NULL, ''`,
      [organizationId, team, leaderId, stranger],
    );
    await database.dataSource.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel, completed_at)
       SELECT $1::uuid, person_id, 'LESSON', $3::uuid, gen_random_uuid(), day::date, day + interval '9 hours', 'COMPLETED', 'IN_APP',
              day + interval '10 hours'
       FROM unnest($2::uuid[] || $4::uuid) person_id, unnest(ARRAY['2026-12-01', '2026-12-02']::timestamptz[]) day`,
      [organizationId, team, lessonId, stranger],
    );
    await database.dataSource.query(
      `INSERT INTO scheduler.track_lessons (track_id, version, position, lesson_id, organization_id, title, kind, minutes)
       VALUES (gen_random_uuid(), 1, 1, $2, $1, 'Hear them out', 'READ', 2)`,
      [organizationId, lessonId],
    );
  });

  afterAll(() => database?.drop());

  const asLeader = () => ({
    principal: { kind: 'person' as const, organizationId, personId: leaderId, role: Role.LEADER },
    loaders: new Map(),
  });

  const tuesdayAndWednesdayDone = {
    currentLesson: { id: lessonId, title: 'Hear them out' },
    streak: 2,
    lessonsDue: 2,
    lessonsCompleted: 2,
    reviewsRated: 0,
    reviewsRecalled: 0,
    openCoachingMoments: 0,
  };

  it('costs two statements for the whole page, not a few per person', async () => {
    const context = asLeader();
    const query = jest.spyOn(database.dataSource, 'query');
    const page = await Promise.all(team.map((personId) => progress.progressOf(context, personId)));
    expect(query).toHaveBeenCalledTimes(2);
    query.mockRestore();
    expect(page).toEqual(team.map(() => tuesdayAndWednesdayDone));
  });

  it('gives a leader nothing about someone outside their subtree', async () => {
    const context = asLeader();
    const [theirs, strangers] = await Promise.all([
      progress.progressOf(context, team[0]),
      progress.progressOf(context, stranger),
    ]);
    expect(theirs).toEqual(tuesdayAndWednesdayDone);
    expect(strangers).toBeNull();
  });

  it('gives an API client progress only with progress:read', async () => {
    const client = (scopes: ('people:read' | 'progress:read')[]) => ({
      principal: { kind: 'api-client' as const, organizationId, clientId: randomUUID(), scopes },
      loaders: new Map(),
    });
    expect(await progress.progressOf(client(['people:read']), stranger)).toBeNull();
    expect(await progress.progressOf(client(['progress:read']), stranger)).toEqual(tuesdayAndWednesdayDone);
  });

  it('shows an admin a newcomer the scheduler has not heard of yet as no progress so far', async () => {
    const admin = {
      principal: { kind: 'person' as const, organizationId, personId: randomUUID(), role: Role.ADMIN },
      loaders: new Map(),
    };
    expect(await progress.progressOf(admin, randomUUID())).toEqual({
      currentLesson: null,
      streak: 0,
      lessonsDue: 0,
      lessonsCompleted: 0,
      reviewsRated: 0,
      reviewsRecalled: 0,
      openCoachingMoments: 0,
    });
  });

  it('shows a leader their own progress beside their team’s', async () => {
    expect(await progress.progressOf(asLeader(), leaderId)).toMatchObject({ lessonsDue: 0, streak: 0 });
  });
});
