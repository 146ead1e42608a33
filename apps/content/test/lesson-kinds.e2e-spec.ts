import { Role } from '@tend/auth';
import {
  eventually,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  GraphQLErrorBody,
  LessonSpec,
  Member,
  Organization,
  publicApiSchema,
  startTestStack,
  TestStack,
} from '@tend/testing';

const ADD_LESSON = `mutation($id: ID!, $input: AddLessonInput!) {
  addLesson(trackId: $id, input: $input) { id kind minutes warnings leaderPrompt leaderListenFor }
}`;

const SCENARIO: LessonSpec = {
  title: 'The late parcel',
  kind: 'SCENARIO',
  body: 'A customer calls: the birthday present they ordered has not arrived, and the party is tomorrow.',
  minutes: 3,
  questions: [
    {
      prompt: 'What do you say first?',
      choices: [
        '"Deliveries are handled by the courier."',
        '"That is stressful with the party tomorrow; let me look."',
      ],
      correctIndex: 1,
      choiceFeedback: [
        {
          consequence: 'The customer asks for your manager.',
          explanation: 'Passing the blame leaves them alone with it.',
        },
        {
          consequence: 'The customer breathes out and reads you the order number.',
          explanation: 'Naming the worry shows you heard it.',
        },
      ],
    },
  ],
  reviewCards: [{ front: 'First words to a worried customer?', back: 'Name their worry, then act.' }],
  leaderPrompt: 'When did a customer’s deadline become ours this week?',
  leaderListenFor: 'Stories where someone owned the next step instead of pointing elsewhere.',
};

const QUIZ: LessonSpec = {
  title: 'Listening check',
  kind: 'QUIZ',
  body: 'Three questions on listening.',
  minutes: 2,
  questions: [
    {
      prompt: 'What shows you listened?',
      choices: ['Repeating their words back', 'Saying "I understand"'],
      correctIndex: 0,
      choiceFeedback: [{ explanation: 'Their own words prove it.' }, { explanation: 'Anyone can say it.' }],
    },
  ],
};

const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index}`).join(' ');

describe('lesson kinds and their rules', () => {
  let stack: TestStack;
  let acme: Organization;
  let draftId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack);
    const { createTrack } = await acme.admin.ok('mutation { createTrack(input: { title: "Kinds" }) { id } }');
    draftId = createTrack.id;
  });

  afterAll(() => stack?.stop());

  const lessonCount = async () =>
    (await acme.admin.ok('query($id: ID!) { track(id: $id) { lessons { id } } }', { id: draftId })).track.lessons
      .length;
  const refused = async (input: LessonSpec): Promise<GraphQLErrorBody & { code?: string }> => {
    const before = await lessonCount();
    const error = await acme.admin.error(ADD_LESSON, { id: draftId, input });
    expect(await lessonCount()).toBe(before);
    return error;
  };

  it('an admin writes one lesson of each kind, with review cards and a leader prompt', async () => {
    const read = { title: 'Why it matters', kind: 'READ', body: 'Customers feel how staff are treated.', minutes: 1 };
    const reflection = {
      title: 'Your turn',
      kind: 'REFLECTION',
      body: 'When did someone make you feel seen?',
      minutes: 2,
    };
    for (const input of [read, SCENARIO, QUIZ, reflection]) {
      await acme.admin.ok(ADD_LESSON, { id: draftId, input });
    }
    const { track } = await acme.admin.ok(
      'query($id: ID!) { track(id: $id) { lessons { kind leaderPrompt leaderListenFor reviewCards { front } } } }',
      { id: draftId },
    );
    expect(track.lessons.map((lesson: { kind: string }) => lesson.kind)).toEqual([
      'READ',
      'SCENARIO',
      'QUIZ',
      'REFLECTION',
    ]);
    expect(track.lessons[1]).toMatchObject({
      leaderPrompt: SCENARIO.leaderPrompt,
      leaderListenFor: SCENARIO.leaderListenFor,
      reviewCards: [{ front: 'First words to a worried customer?' }],
    });
  });

  it('a scenario needs 2 to 4 choices, each with its consequence and why', async () => {
    const [question] = SCENARIO.questions ?? [];
    const fiveChoices = await refused({
      ...SCENARIO,
      questions: [
        {
          ...question,
          choices: ['a', 'b', 'c', 'd', 'e'],
          choiceFeedback: Array.from({ length: 5 }, () => ({ explanation: 'why', consequence: 'then' })),
        },
      ],
    });
    expect(fiveChoices).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.questions.0.choices' } });

    const noConsequence = await refused({
      ...SCENARIO,
      questions: [
        { ...question, choiceFeedback: [{ explanation: 'why' }, { explanation: 'why', consequence: 'then' }] },
      ],
    });
    expect(noConsequence.extensions?.field).toBe('input.questions.0.choiceFeedback.0.consequence');

    const twoSituations = await refused({ ...SCENARIO, questions: [question, question] });
    expect(twoSituations.extensions?.field).toBe('input.questions');
  });

  it('a quiz has 1 to 5 questions of 2 to 6 choices, one correct, each choice explained', async () => {
    const [question] = QUIZ.questions ?? [];
    expect((await refused({ ...QUIZ, questions: [] })).extensions?.field).toBe('input.questions');
    expect((await refused({ ...QUIZ, questions: Array(6).fill(question) })).extensions?.field).toBe('input.questions');
    const unexplained = await refused({ ...QUIZ, questions: [{ ...question, choiceFeedback: undefined }] });
    expect(unexplained).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.questions.0.choiceFeedback' },
    });
    const outOfRange = await refused({ ...QUIZ, questions: [{ ...question, correctIndex: 2 }] });
    expect(outOfRange.extensions?.field).toBe('input.questions.0.correctIndex');
  });

  it('reading and reflection lessons have no questions; minutes are 1 to 10; at most 5 review cards', async () => {
    const readWithQuestion = await refused({
      title: 'R',
      kind: 'READ',
      body: 'B',
      minutes: 1,
      questions: QUIZ.questions,
    });
    expect(readWithQuestion.extensions?.field).toBe('input.questions');
    const reflectionWithQuestion = await refused({ ...QUIZ, kind: 'REFLECTION' });
    expect(reflectionWithQuestion.extensions?.field).toBe('input.questions');
    expect((await refused({ ...QUIZ, minutes: 11 })).extensions?.field).toBe('input.minutes');
    const sixCards = await refused({ ...QUIZ, reviewCards: Array(6).fill({ front: 'f', back: 'b' }) });
    expect(sixCards.extensions?.field).toBe('input.reviewCards');
    const listenAlone = await refused({ ...QUIZ, leaderListenFor: 'Something' });
    expect(listenAlone.extensions?.field).toBe('input.leaderListenFor');
  });

  it('a lesson too long for its minutes is kept, with a warning', async () => {
    const cards = [{ front: 'f', back: 'b' }];
    const { addLesson: long } = await acme.admin.ok(ADD_LESSON, {
      id: draftId,
      input: { title: 'Long', kind: 'READ', body: words(600), minutes: 2, reviewCards: cards },
    });
    expect(long.warnings).toEqual([
      'About 600 words take about 3 minutes to read, more than the 2 this lesson declares',
    ]);
    const { addLesson: fits } = await acme.admin.ok(ADD_LESSON, {
      id: draftId,
      input: { title: 'Fits', kind: 'READ', body: words(600), minutes: 3, reviewCards: cards },
    });
    expect(fits.warnings).toEqual([]);
    const { addLesson: noCards } = await acme.admin.ok(ADD_LESSON, {
      id: draftId,
      input: { title: 'No cards', kind: 'READ', body: 'Short.', minutes: 1 },
    });
    expect(noCards.warnings).toEqual(['No review cards: spaced reviews will not bring this lesson back']);
  });

  it('the Question type carries no answer: nothing tells a learner or leader the correct choice', async () => {
    const schema = await publicApiSchema(stack);
    const question = schema.getType('Question');
    expect(question && 'getFields' in question ? Object.keys(question.getFields()).sort() : []).toEqual([
      'choices',
      'id',
      'prompt',
    ]);
  });

  describe('a learner meets a scenario and a reflection', () => {
    let learner: Member;

    beforeAll(async () => {
      const track = await givenPublishedTrack(acme.admin, [
        SCENARIO,
        { title: 'Your turn', kind: 'REFLECTION', body: 'When did someone make you feel seen?', minutes: 2 },
      ]);
      learner = await givenPerson(stack, acme, { name: 'Sam', role: Role.LEARNER, timezone: 'UTC' });
      await givenEnrolledCohort(acme, track, [learner.id]);
    });

    const nextLesson = () =>
      eventually(async () => {
        const { today } = await learner.client.ok('{ today { items { id kind status lesson { kind } } } }');
        // The day's bundle may also hold spaced reviews of earlier lessons' cards.
        const open = today.items.filter(
          (item: { kind: string; status: string }) => item.kind === 'LESSON' && item.status === 'SENT',
        );
        expect(open).toHaveLength(1);
        return open[0];
      });

    it('learns the consequence of their choice, and why', async () => {
      const scenario = await nextLesson();
      expect(scenario.lesson.kind).toBe('SCENARIO');
      const { completeLesson } = await learner.client.ok(
        'mutation($id: ID!) { completeLesson(deliveryId: $id, input: { answers: [0] }) { correct feedback } }',
        { id: scenario.id },
      );
      expect(completeLesson.correct).toBe(0);
      expect(completeLesson.feedback[0]).toContain(
        'The customer asks for your manager. Passing the blame leaves them alone with it.',
      );
    });

    it('answers a reflection in at most 1,000 characters', async () => {
      await stack.setClock('2026-12-02T12:00:00Z');
      await stack.runPlanner();
      const reflection = await nextLesson();
      expect(reflection.lesson.kind).toBe('REFLECTION');
      const complete =
        'mutation($id: ID!, $text: String) { completeLesson(deliveryId: $id, input: { reflection: $text }) { delivery { status } } }';
      const tooLong = await learner.client.error(complete, { id: reflection.id, text: 'x'.repeat(1001) });
      expect(tooLong).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.reflection' } });
      const { completeLesson } = await learner.client.ok(complete, { id: reflection.id, text: 'y'.repeat(1000) });
      expect(completeLesson.delivery.status).toBe('COMPLETED');
    });
  });
});
