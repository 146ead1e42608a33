import { Role } from '@tend/auth';
import {
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  PublishedTrack,
  startTestStack,
  TestStack,
  untilSchedulerKnowsEnrollment,
} from '@tend/testing';

const TEAM = `query($first: Int, $after: String) {
  myTeam(first: $first, after: $after) {
    edges { node { id name streak lessonCompletion reviewRecall openCoachingMoments } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const FORECAST = `query($leaderId: ID) {
  teamRecallForecast(leaderId: $leaderId) { friday competencies { competency expectedRecall items peopleDue { id } summary } }
}`;
const MISCONCEPTIONS = `query($leaderId: ID) {
  teamMisconceptions(leaderId: $leaderId) { lesson { id } question answered missed share commonWrongAnswer }
}`;

interface Item {
  id: string;
  kind: string;
  reviewOf: string | null;
  lesson: { title: string } | null;
}

/**
 * A leader's team view: for everyone in their subtree, completion, streak,
 * review recall and open coaching moments, page by page; and the questions
 * the team gets wrong, as counts, never as names.
 */
describe('a leader’s team view', () => {
  let stack: TestStack;
  let acme: Organization;
  let track: PublishedTrack;
  let lea: Member;
  let odo: Member;
  let dana: Member;
  let sam: Member;
  let omar: Member;

  const at = async (instant: string) => {
    await stack.setClock(instant);
    await stack.runPlanner();
  };
  const itemsOf = async (member: Member) =>
    (await member.client.ok<{ today: { items: Item[] } }>('{ today { items { id kind reviewOf lesson { title } } } }'))
      .today.items;
  const lessonOf = async (member: Member, title: string) => {
    const item = (await itemsOf(member)).find((each) => each.kind === 'LESSON' && each.lesson?.title === title);
    if (!item) throw new Error(`${title} is not in today's items`);
    return item.id;
  };
  const complete = (member: Member, deliveryId: string, answers?: number[]) =>
    member.client.ok(
      'mutation($id: ID!, $input: CompleteLessonInput!) { completeLesson(deliveryId: $id, input: $input) { total } }',
      { id: deliveryId, input: { answers } },
    );
  const rateReview = async (member: Member, rating: 'GOOD' | 'AGAIN') => {
    const review = (await itemsOf(member)).find((item) => item.reviewOf === 'CARD');
    if (!review) throw new Error('no card to review today');
    await member.client.ok(
      'mutation($id: ID!, $rating: ReviewRating!) { reviewCard(deliveryId: $id, rating: $rating) { id } }',
      {
        id: review.id,
        rating,
      },
    );
  };

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday 1 December 2026, after the 09:00 lesson time: the first lesson comes at once.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    track = await givenPublishedTrack(acme.admin);
    lea = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    odo = await givenPerson(stack, acme, { name: 'Odo', role: Role.LEADER, timezone: 'UTC' });
    dana = await givenPerson(stack, acme, { name: 'Dana', role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id });
    sam = await givenPerson(stack, acme, { name: 'Sam', role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id });
    omar = await givenPerson(stack, acme, { name: 'Omar', role: Role.LEARNER, timezone: 'UTC', leaderId: odo.id });
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [dana.id, sam.id, omar.id]);
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 3);

    await at('2026-12-01T14:00:00Z');
    await complete(dana, await lessonOf(dana, 'Service starts with how you are treated'));
    // Wednesday's quiz: "What do you do first?"; the answer is choice 1.
    await at('2026-12-02T09:00:30Z');
    await complete(dana, await lessonOf(dana, 'Spot the moment'), [1]);
    await complete(sam, await lessonOf(sam, 'Spot the moment'), [0]);
    await complete(omar, await lessonOf(omar, 'Spot the moment'), [2]);
    // Thursday brings the quiz's card back to review.
    await at('2026-12-03T09:00:30Z');
    await rateReview(dana, 'GOOD');
    await rateReview(sam, 'AGAIN');
    await lea.client.ok('mutation($input: LogCoachingMomentInput!) { logCoachingMoment(input: $input) { id } }', {
      input: {
        personId: sam.id,
        kind: 'REDIRECTION',
        whatHappened: 'Finished a call while a guest waited.',
        relatedLessonId: track.lessonIds[1],
        assignFollowUp: true,
      },
    });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('shows each person’s completion, streak, recall and open coaching moments, page by page', async () => {
    const first = await lea.client.ok(TEAM, { first: 1 });
    expect(first.myTeam.pageInfo.hasNextPage).toBe(true);
    const second = await lea.client.ok(TEAM, { first: 1, after: first.myTeam.pageInfo.endCursor });
    expect(second.myTeam.pageInfo.hasNextPage).toBe(false);
    const team = [...first.myTeam.edges, ...second.myTeam.edges].map((edge: { node: { name: string } }) => edge.node);
    expect(team.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      // Two of Tuesday's, Wednesday's and Thursday's lessons done; the card recalled.
      {
        id: dana.id,
        name: 'Dana',
        streak: 2,
        lessonCompletion: 0.67,
        reviewRecall: 1,
        openCoachingMoments: 0,
      },
      // Only the quiz done; the card forgotten; a follow-up lesson waiting.
      { id: sam.id, name: 'Sam', streak: 1, lessonCompletion: 0.33, reviewRecall: 0, openCoachingMoments: 1 },
    ]);
  });

  it('names the question the team missed and the wrong answer they gave, not who gave it', async () => {
    const { teamMisconceptions } = await lea.client.ok(MISCONCEPTIONS);
    expect(teamMisconceptions).toEqual([
      {
        lesson: { id: track.lessonIds[1] },
        question: 'What do you do first?',
        answered: 2,
        missed: 1,
        share: 0.5,
        commonWrongAnswer: 'Finish the call, then greet them',
      },
    ]);
  });

  it('exports the misconceptions as CSV, a comma in an answer quoted', async () => {
    const { teamMisconceptionsCsv } = await lea.client.ok('{ teamMisconceptionsCsv }');
    expect(teamMisconceptionsCsv).toBe(
      [
        'lesson_id,question,answered,missed,share,common_wrong_answer',
        `${track.lessonIds[1]},What do you do first?,2,1,0.5,"Finish the call, then greet them"`,
        '',
      ].join('\r\n'),
    );
    expect(
      (await lea.client.error('query($id: ID) { teamMisconceptionsCsv(leaderId: $id) }', { id: odo.id })).code,
    ).toBe('FORBIDDEN');
  });

  it('keeps a leader to their own team, and lets an admin see any team or the organization', async () => {
    expect((await lea.client.error(MISCONCEPTIONS, { leaderId: odo.id })).code).toBe('FORBIDDEN');
    expect((await dana.client.error(MISCONCEPTIONS)).code).toBe('FORBIDDEN');
    const odoTeam = await acme.admin.ok(MISCONCEPTIONS, { leaderId: odo.id });
    expect(odoTeam.teamMisconceptions).toMatchObject([
      { answered: 1, missed: 1, commonWrongAnswer: 'Wait for them to speak' },
    ]);
    const everyone = await acme.admin.ok(MISCONCEPTIONS);
    expect(everyone.teamMisconceptions).toMatchObject([{ answered: 3, missed: 2 }]);
  });

  it('forecasts what the team will recall on Friday, per competency, with who has reviews due', async () => {
    const { teamRecallForecast } = await lea.client.ok(FORECAST);
    // Thursday 3 December: this week's Friday.
    expect(teamRecallForecast.friday).toBe('2026-12-04');
    // The quiz's card (the track's competency, "service") and Sam's missed question; Omar is Odo's.
    expect(teamRecallForecast.competencies).toHaveLength(1);
    const [service] = teamRecallForecast.competencies;
    expect(service).toMatchObject({ competency: 'service', items: 3 });
    expect(service.expectedRecall).toBeGreaterThan(0);
    expect(service.expectedRecall).toBeLessThan(1);
    // Sam forgot the card and missed the question: both come back before Friday evening.
    expect(service.peopleDue.map((person: { id: string }) => person.id)).toContain(sam.id);
    expect(service.summary).toMatch(/^service: \d+% expected recall, \d (person|people) due$/);
  });

  it('exports the forecast as CSV, one line per competency, as the query gives it, the summary quoted', async () => {
    const { teamRecallForecast } = await lea.client.ok(FORECAST);
    const { teamRecallForecastCsv } = await lea.client.ok('{ teamRecallForecastCsv }');
    const [service] = teamRecallForecast.competencies;
    expect(teamRecallForecastCsv).toBe(
      [
        'friday,competency,expected_recall,items,people_due,summary',
        // The summary has a comma, so it is quoted.
        `2026-12-04,service,${service.expectedRecall},3,${service.peopleDue.length},"${service.summary}"`,
        '',
      ].join('\r\n'),
    );
    expect((await dana.client.error('{ teamRecallForecastCsv }')).code).toBe('FORBIDDEN');
  });

  it("keeps the forecast to the leader's own team", async () => {
    expect((await lea.client.error(FORECAST, { leaderId: odo.id })).code).toBe('FORBIDDEN');
    expect((await dana.client.error(FORECAST)).code).toBe('FORBIDDEN');
    // Odo's team: Omar, whose card has not come back yet, and whose missed question has.
    const odoTeam = await acme.admin.ok(FORECAST, { leaderId: odo.id });
    expect(odoTeam.teamRecallForecast.competencies).toMatchObject([
      { competency: 'service', items: 1, peopleDue: [{ id: omar.id }] },
    ]);
  });
});
