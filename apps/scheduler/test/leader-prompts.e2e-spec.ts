import { Role } from '@tend/auth';
import {
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  LessonSpec,
  Member,
  Organization,
  PublishedTrack,
  startTestStack,
  TestStack,
  untilSchedulerKnowsEnrollment,
  withClient,
} from '@tend/testing';

/** A quiz question with the short "why" content asks for on every choice. */
const question = (prompt: string, choices: string[], correctIndex: number) => ({
  prompt,
  choices,
  correctIndex,
  choiceFeedback: choices.map((_, index) => ({ explanation: index === correctIndex ? 'Yes.' : 'Not quite.' })),
});

const TRACK: LessonSpec[] = [
  {
    title: 'Greet first',
    kind: 'QUIZ',
    questions: [question('A guest waits while you are on a call. First?', ['Nod', 'Finish'], 0)],
    leaderPrompt: 'Who did you greet first this week, before finishing what you were doing?',
    leaderListenFor: 'A moment where someone put a person before a task.',
  },
  {
    title: 'Say the feeling',
    kind: 'QUIZ',
    questions: [
      question('Which words open the reply?', ['I hear you', 'Per policy'], 0),
      question('Which reply names the feeling?', ['That sounds frustrating', 'Calm down'], 0),
    ],
    reviewCards: [{ front: 'What do you name before the facts?', back: 'The feeling.' }],
    leaderPrompt: 'When did naming a feeling change a conversation this week?',
    leaderListenFor: 'Plain words for feelings, said out loud.',
  },
  { title: 'Own the fix', kind: 'READ', leaderPrompt: 'What did you fix this week that was not yours to fix?' },
  { title: 'Your own example', kind: 'REFLECTION' },
];

const TODAY = `{ today { date items { id kind reviewOf status prompt
  leaderPrompt {
    week from to
    themes { lesson { id } title question listenFor }
    team { person { id } lessonsReceived lessonsCompleted started missedWorkdaysInARow behind }
    notStarted { id }
    mostMissedQuestion { lesson { id } question missed answered share }
    opener { kind text }
    previousNote { note date }
    recallForecast { competency items peopleDue { id } }
  }
  response { done note }
} } }`;
const RESPOND = `mutation($id: ID!, $input: PromptResponseInput!) {
  respondToPrompt(deliveryId: $id, input: $input) { id status response { done note respondedAt } }
}`;

interface Item {
  id: string;
  kind: string;
  reviewOf: string | null;
  status: string;
  prompt: string | null;
  leaderPrompt: {
    week: number;
    themes: { lesson: { id: string }; title: string; question: string | null; listenFor: string | null }[];
    team: { person: { id: string }; missedWorkdaysInARow: number; behind: boolean }[];
    notStarted: { id: string }[];
    mostMissedQuestion: { question: string; missed: number; answered: number } | null;
    opener: { kind: string; text: string };
    previousNote: { note: string; date: string } | null;
    recallForecast: { competency: string | null; items: number; peopleDue: { id: string }[] }[];
  } | null;
}

/**
 * Leaders get one prompt a week per cohort, at the cohort's prompt time in
 * their own zone, built from what their own people learned that week: the
 * lessons' questions, who is behind, the question most of them missed, and a
 * way to start. They take each lesson two workdays before their team.
 */
describe('weekly leader prompts and the leader who learns first', () => {
  let stack: TestStack;
  let acme: Organization;
  let track: PublishedTrack;
  let lea: Member;
  let dana: Member;
  let sam: Member;
  let odo: Member;
  let omar: Member;

  const day = async (member: Member) =>
    (await member.client.ok<{ today: { date: string; items: Item[] } }>(TODAY)).today;
  const at = async (instant: string) => {
    await stack.setClock(instant);
    await stack.runPlanner();
  };
  const lessonsReceived = (member: Member) =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT local_date::text AS date, lesson_id FROM scheduler.deliveries
         WHERE person_id = $1 AND kind = 'LESSON' ORDER BY local_date`,
        [member.id],
      );
      return rows.map((row) => [row.date, track.lessonIds.indexOf(row.lesson_id) + 1]);
    });
  const lessonIdsOf = (member: Member) =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT id FROM scheduler.deliveries WHERE person_id = $1 AND kind = 'LESSON' ORDER BY local_date`,
        [member.id],
      );
      return rows.map((row) => row.id as string);
    });
  const complete = (member: Member, deliveryId: string, answers?: number[]) =>
    member.client.ok(
      'mutation($id: ID!, $input: CompleteLessonInput!) { completeLesson(deliveryId: $id, input: $input) { correct } }',
      {
        id: deliveryId,
        input: { answers },
      },
    );
  const promptOf = (items: Item[]) => {
    const prompt = items.find((item) => item.kind === 'LEADER_PROMPT');
    if (!prompt?.leaderPrompt) throw new Error(`no leader prompt in ${JSON.stringify(items)}`);
    return { ...prompt, leaderPrompt: prompt.leaderPrompt };
  };

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday 1 December 2026, 14:00 UTC; the team starts on Thursday the 3rd.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    track = await givenPublishedTrack(acme.admin, TRACK, 'Service you can feel');
    lea = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    dana = await givenPerson(stack, acme, { name: 'Dana', role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id });
    sam = await givenPerson(stack, acme, { name: 'Sam', role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id });
    odo = await givenPerson(stack, acme, { name: 'Odo', role: Role.LEADER, timezone: 'UTC' });
    omar = await givenPerson(stack, acme, { name: 'Omar', role: Role.LEARNER, timezone: 'UTC', leaderId: odo.id });
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [lea.id, dana.id, sam.id, omar.id], {
      startsOn: '2026-12-03',
    });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 4);
  }, 180_000);

  afterAll(() => stack?.stop());

  it('gives the leader each lesson two workdays before the team', async () => {
    await at('2026-12-01T14:00:00Z');
    await at('2026-12-02T09:00:30Z');
    await at('2026-12-03T09:00:30Z');
    await at('2026-12-04T09:00:30Z');

    expect(await lessonsReceived(lea)).toEqual([
      ['2026-12-01', 1],
      ['2026-12-02', 2],
      ['2026-12-03', 3],
      ['2026-12-04', 4],
    ]);
    expect(await lessonsReceived(dana)).toEqual([
      ['2026-12-03', 1],
      ['2026-12-04', 2],
    ]);
  });

  it("sends the leader, on Monday at the prompt time, a prompt built from their own team's week", async () => {
    const [thursday, friday] = await lessonIdsOf(dana);
    await complete(dana, thursday, [0]);
    await complete(dana, friday, [0, 1]);
    await complete(omar, (await lessonIdsOf(omar))[0], [1]);

    await at('2026-12-07T08:30:30Z');
    const monday = await day(lea);
    expect(monday.date).toBe('2026-12-07');
    const prompt = promptOf(monday.items);
    expect(prompt).toMatchObject({
      status: 'SENT',
      prompt: 'When did naming a feeling change a conversation this week?',
    });
    expect(prompt.leaderPrompt).toMatchObject({
      week: 1,
      themes: [
        {
          lesson: { id: track.lessonIds[0] },
          title: 'Greet first',
          question: 'Who did you greet first this week, before finishing what you were doing?',
          listenFor: 'A moment where someone put a person before a task.',
        },
        { lesson: { id: track.lessonIds[1] }, title: 'Say the feeling' },
      ],
      notStarted: [{ id: sam.id }],
      mostMissedQuestion: { question: 'Which reply names the feeling?', missed: 1, answered: 1 },
      opener: { kind: 'HUDDLE' },
      previousNote: null,
    });
    expect(prompt.leaderPrompt.opener.text).toContain('Which reply names the feeling?');
    // Only Lea's own people, never Odo's Omar, whose wrong answer is not in Lea's week either.
    expect(prompt.leaderPrompt.team).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ person: { id: dana.id }, lessonsReceived: 2, lessonsCompleted: 2, started: true }),
        expect.objectContaining({ person: { id: sam.id }, lessonsReceived: 2, lessonsCompleted: 0, started: false }),
      ]),
    );
    expect(prompt.leaderPrompt.team).toHaveLength(2);
    // Read when asked: the question Dana missed on Friday is due again before this Friday.
    expect(prompt.leaderPrompt.recallForecast.flatMap((each) => each.peopleDue)).toContainEqual({
      id: dana.id,
    });

    // Odo is not enrolled himself, but Omar is: Odo hears about Omar alone.
    const odoPrompt = promptOf((await day(odo)).items).leaderPrompt;
    expect(odoPrompt.team.map((member) => member.person.id)).toEqual([omar.id]);
    expect(odoPrompt.mostMissedQuestion).toMatchObject({ question: 'A guest waits while you are on a call. First?' });
  });

  it('lets the leader mark the prompt done with a note, and nobody else', async () => {
    const prompt = promptOf((await day(lea)).items);
    const note = 'Sam is new: pair him with Dana on Thursday.';

    expect((await dana.client.error(RESPOND, { id: prompt.id, input: { done: true } })).code).toBe('FORBIDDEN');
    expect((await odo.client.error(RESPOND, { id: prompt.id, input: { done: true } })).code).toBe('NOT_FOUND');
    const [lessonOfLea] = await lessonIdsOf(lea);
    expect((await lea.client.error(RESPOND, { id: lessonOfLea, input: { done: true } })).code).toBe('CONFLICT');
    const tooLong = await lea.client.error(RESPOND, { id: prompt.id, input: { done: true, note: 'x'.repeat(2001) } });
    expect(tooLong.code).toBe('BAD_USER_INPUT');

    const skipped = await lea.client.ok<{ respondToPrompt: { status: string; response: { done: boolean } } }>(RESPOND, {
      id: prompt.id,
      input: { done: false },
    });
    expect(skipped.respondToPrompt).toMatchObject({ status: 'COMPLETED', response: { done: false, note: null } });
    // She had the huddle on Thursday after all.
    const done = await lea.client.ok<{ respondToPrompt: { response: { done: boolean; note: string } } }>(RESPOND, {
      id: prompt.id,
      input: { done: true, note },
    });
    expect(done.respondToPrompt.response).toMatchObject({ done: true, note });
  });

  it("brings last week's note back, and tells the leader who has missed three workdays in a row", async () => {
    await at('2026-12-07T09:00:30Z');
    // Her card; the question she missed on Friday is a question review, answered rather than rated.
    const review = (await day(dana)).items.find((item) => item.reviewOf === 'CARD');
    if (!review) throw new Error('Dana has no card to review on Monday');
    await dana.client.ok('mutation($id: ID!) { reviewCard(deliveryId: $id, rating: GOOD) { status } }', {
      id: review.id,
    });
    await at('2026-12-08T09:00:30Z');
    await at('2026-12-14T08:30:30Z');

    const prompt = promptOf((await day(lea)).items).leaderPrompt;
    expect(prompt).toMatchObject({
      week: 2,
      themes: [{ title: 'Own the fix' }, { title: 'Your own example', question: null }],
      previousNote: { note: 'Sam is new: pair him with Dana on Thursday.', date: '2026-12-07' },
      mostMissedQuestion: null,
    });
    const samWeek = prompt.team.find((member) => member.person.id === sam.id);
    expect(samWeek).toMatchObject({ missedWorkdaysInARow: 4, behind: true });
    expect(prompt.opener.kind).toBe('ONE_ON_ONE');
  });

  it('stops once the team has finished the track, with one prompt a week at most until then', async () => {
    await at('2026-12-21T08:30:30Z');
    await at('2026-12-28T08:30:30Z');
    const prompts = await withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT local_date::text AS date FROM scheduler.deliveries
         WHERE person_id = $1 AND kind = 'LEADER_PROMPT' ORDER BY local_date`,
        [lea.id],
      );
      return rows.map((row) => row.date);
    });
    expect(prompts).toEqual(['2026-12-07', '2026-12-14']);
  });

  it('shows admins, per leader, the prompts done beside the team’s recall', async () => {
    const { leaderReport } = await acme.admin.ok<{
      leaderReport: { edges: { node: { leader: { id: string } } }[] };
    }>('{ leaderReport(weeks: 4) { edges { node { leader { id } promptsSent promptsDone teamRecall } } } }');
    expect(leaderReport.edges.find((edge) => edge.node.leader.id === lea.id)?.node).toEqual({
      leader: { id: lea.id },
      promptsSent: 2,
      promptsDone: 1,
      teamRecall: 1,
    });
  });
});
