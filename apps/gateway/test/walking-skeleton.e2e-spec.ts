import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@tend/auth';
import {
  eventually,
  composeRunningSupergraph,
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

const TODAY = `{ today { date timezone streak items { id kind status dueAt lesson { id title kind questions { prompt choices } } person { id name } } } }`;

interface TodayItem {
  id: string;
  kind: string;
  status: string;
  dueAt: string;
  lesson: { id: string; title: string; kind: string; questions: { prompt: string; choices: string[] }[] };
  person: { id: string; name: string };
}

async function todayOf(member: Member) {
  const { today } = await member.client.ok<{
    today: { date: string; timezone: string; streak: number; items: TodayItem[] };
  }>(TODAY);
  return today;
}

describe('one lesson travels from an HR admin’s track to a learner’s day', () => {
  let stack: TestStack;
  let acme: Organization;
  let track: PublishedTrack;
  let leader: Member;
  let chicago: Member;
  let kolkata: Member;

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday 1 December 2026, 14:00 UTC: 08:00 in Chicago (before the 09:00 lesson), 19:30 in Kolkata (after it).
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    track = await givenPublishedTrack(acme.admin);
    leader = await givenPerson(stack, acme, { name: 'Lee Leader', role: Role.LEADER, timezone: 'America/Chicago' });
    chicago = await givenPerson(stack, acme, {
      name: 'Cam Chicago',
      role: Role.LEARNER,
      timezone: 'America/Chicago',
      leaderId: leader.id,
    });
    kolkata = await givenPerson(stack, acme, {
      name: 'Kiran Kolkata',
      role: Role.LEARNER,
      timezone: 'Asia/Kolkata',
      leaderId: leader.id,
    });
    await givenEnrolledCohort(acme, track, [leader.id, chicago.id, kolkata.id], { timezone: 'America/Chicago' });
  });

  afterAll(() => stack?.stop());

  it('gives the learner whose workday is past 09:00 the first lesson within seconds', async () => {
    const today = await eventually(async () => {
      const day = await todayOf(kolkata);
      expect(day.items).toHaveLength(1);
      return day;
    });
    expect(today).toMatchObject({ date: '2026-12-01', timezone: 'Asia/Kolkata' });
    expect(today.items[0]).toMatchObject({
      kind: 'LESSON',
      status: 'SENT',
      lesson: { id: track.lessonIds[0], title: 'Service starts with how you are treated', kind: 'READ' },
      person: { id: kolkata.id, name: 'Kiran Kolkata' },
    });
  });

  it('holds the lesson of the learner whose 09:00 has not come until their own 09:00', async () => {
    expect(await todayOf(chicago)).toMatchObject({ date: '2026-12-01', timezone: 'America/Chicago', items: [] });

    await stack.setClock('2026-12-01T14:59:00Z');
    await stack.runPlanner();
    expect((await todayOf(chicago)).items).toEqual([]);

    await stack.setClock('2026-12-01T15:00:30Z');
    await stack.runPlanner();
    const today = await todayOf(chicago);
    expect(today.items.map((item) => item.lesson.id)).toEqual([track.lessonIds[0]]);
  });

  it('lets a learner complete the quiz and see what they got right', async () => {
    // Wednesday 2 December, 09:00 in Kolkata is 03:30 UTC.
    await stack.setClock('2026-12-02T03:29:00Z');
    await stack.runPlanner();
    expect(await todayOf(kolkata)).toMatchObject({ date: '2026-12-02', items: [] });

    await stack.setClock('2026-12-02T03:31:00Z');
    await stack.runPlanner();
    const [quiz] = (await todayOf(kolkata)).items;
    expect(quiz.lesson).toMatchObject({ id: track.lessonIds[1], kind: 'QUIZ' });
    expect(quiz.lesson.questions[0].choices).toHaveLength(3);

    const { completeLesson } = await kolkata.client.ok(
      `mutation($id: ID!, $input: CompleteLessonInput!) {
         completeLesson(deliveryId: $id, input: $input) { correct total feedback delivery { id status } }
       }`,
      { id: quiz.id, input: { answers: [1] } },
    );
    expect(completeLesson).toMatchObject({ correct: 1, total: 1, delivery: { id: quiz.id, status: 'COMPLETED' } });
    expect(completeLesson.feedback).toHaveLength(1);
    expect(completeLesson.feedback[0]).toMatch(/^Correct/);
  });

  it('tells a learner who picked the wrong answer what the right one was', async () => {
    await stack.setClock('2026-12-02T15:01:00Z');
    await stack.runPlanner();
    const [quiz] = (await todayOf(chicago)).items;
    const { completeLesson } = await chicago.client.ok(
      `mutation($id: ID!) { completeLesson(deliveryId: $id, input: { answers: [0] }) { correct total feedback } }`,
      { id: quiz.id },
    );
    expect(completeLesson).toMatchObject({ correct: 0, total: 1 });
    expect(completeLesson.feedback[0]).toContain('Acknowledge them with a nod and a word');
  });

  it('brings the next lesson at the learner’s next workday 09:00, not a minute before', async () => {
    // Thursday 3 December, 09:00 in Kolkata is 03:30 UTC.
    await stack.setClock('2026-12-03T03:29:00Z');
    await stack.runPlanner();
    expect(await todayOf(kolkata)).toMatchObject({ date: '2026-12-03', items: [] });
    await stack.setClock('2026-12-03T03:30:30Z');
    await stack.runPlanner();
    const thursday = await todayOf(kolkata);
    // The day's bundle: the new lesson, then a review of the card the quiz brought on Wednesday.
    expect(thursday.items.map((item) => [item.kind, item.lesson.id])).toEqual([
      ['LESSON', track.lessonIds[2]],
      ['REVIEW', track.lessonIds[1]],
    ]);
    expect(thursday.streak).toBe(1);
  });

  it('shows the admin each learner’s history', async () => {
    const { deliveries } = await acme.admin.ok(
      `query($person: ID!) { deliveries(personId: $person, first: 10) { edges { node { kind status lesson { id } person { id } } } pageInfo { hasNextPage } } }`,
      { person: kolkata.id },
    );
    const history = deliveries.edges.map((edge: any) => edge.node).filter((node: any) => node.kind === 'LESSON');
    expect(history.map((delivery: any) => delivery.lesson.id).sort()).toEqual([...track.lessonIds].sort());
    expect(history.every((delivery: any) => delivery.person.id === kolkata.id)).toBe(true);
    expect(history.find((delivery: any) => delivery.lesson.id === track.lessonIds[1]).status).toBe('COMPLETED');
    expect(deliveries.pageInfo.hasNextPage).toBe(false);
  });

  it('creates exactly one delivery per learner and slot when the planner runs twice in a row or twice at once', async () => {
    // Friday 4 December, 16:00 UTC: the Chicago members get their third and last lesson; then a
    // newcomer in Lisbon joins, whose first lesson is due at once.
    await stack.setClock('2026-12-04T16:00:00Z');
    await stack.runPlanner();
    const newcomer = await givenPerson(stack, acme, { name: 'Noa New', role: Role.LEARNER, timezone: 'Europe/Lisbon' });
    await givenEnrolledCohort(acme, track, [newcomer.id], { timezone: 'Europe/Lisbon' });
    await eventually(async () => expect((await todayOf(newcomer)).items).toHaveLength(1));
    // Done the same day, so Monday brings no reminder of it.
    const [firstLesson] = (await todayOf(newcomer)).items;
    await newcomer.client.ok('mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { total } }', {
      id: firstLesson.id,
    });

    expect(await stack.runPlanner()).toBe(0);
    expect(await stack.runPlanner()).toBe(0);

    // Monday 7 December, 10:00 in Lisbon: the newcomer's second lesson is due, and in Kolkata, where
    // it is 15:30, the reviews of a learner whose track ended on Friday. Two passes plan each once.
    await stack.setClock('2026-12-07T10:00:00Z');
    const planned = await Promise.all([stack.runPlanner(), stack.runPlanner()]);
    const kolkataReviews = (await todayOf(kolkata)).items.filter((item) => item.kind === 'REVIEW').length;
    expect(kolkataReviews).toBeGreaterThan(0);
    expect(planned.reduce((sum, count) => sum + count, 0)).toBe(1 + kolkataReviews);
    const { deliveries } = await acme.admin.ok(
      `query($person: ID!) { deliveries(personId: $person) { edges { node { lesson { id } } } } }`,
      { person: newcomer.id },
    );
    expect(deliveries.edges.map((edge: any) => edge.node.lesson.id)).toEqual([track.lessonIds[1], track.lessonIds[0]]);
  });

  it('serves the supergraph that is committed for production', async () => {
    const file = join(__dirname, '..', 'supergraph.graphql');
    const composed = await composeRunningSupergraph(stack);
    // `npm run supergraph` runs this test alone with UPDATE_SUPERGRAPH=1 to rewrite the file after a schema change.
    if (process.env.UPDATE_SUPERGRAPH === '1') writeFileSync(file, composed);
    expect(existsSync(file)).toBe(true);
    expect(composed).toBe(readFileSync(file, 'utf8'));
  });
});
