import { Role } from '@tend/auth';
import {
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  startTestStack,
  TestStack,
  untilSchedulerKnowsEnrollment,
} from '@tend/testing';

interface Item {
  id: string;
  kind: string;
  status: string;
  reviewOf: string | null;
  lesson: { title: string } | null;
  card: { front: string } | null;
  question: { id: string; prompt: string; choices: string[] } | null;
}

const TODAY = `{ today { items { id kind status reviewOf lesson { title } card { front }
  question { id prompt choices } } } }`;
const COMPLETE = `mutation($id: ID!, $input: CompleteLessonInput!) {
  completeLesson(deliveryId: $id, input: $input) { correct total } }`;
const ANSWER =
  'mutation($id: ID!, $choice: Int!) { answerReview(deliveryId: $id, choice: $choice) { correct total feedback delivery { status rating } } }';

describe('mistakes come back: a question missed in a quiz returns as a question review', () => {
  let stack: TestStack;
  let acme: Organization;
  let learner: Member;
  let classmate: Member;

  async function dayOf(member: Member, instant: string): Promise<Item[]> {
    await stack.setClock(instant);
    await stack.runPlanner();
    const { today } = await member.client.ok<{ today: { items: Item[] } }>(TODAY);
    return today.items.filter((item) => item.kind !== 'NUDGE');
  }

  beforeAll(async () => {
    stack = await startTestStack();
    // Monday 2 March 2026, before the 09:00 lesson.
    await stack.setClock('2026-03-02T08:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    const track = await givenPublishedTrack(acme.admin, [
      {
        title: 'Greeting check',
        kind: 'QUIZ',
        questions: [
          {
            prompt: 'How soon do you greet a waiting customer?',
            choices: ['Within ten seconds', 'When I am free'],
            correctIndex: 0,
            choiceFeedback: [
              { explanation: 'A quick greeting tells them they are seen.' },
              { explanation: 'Waiting unseen feels twice as long.', consequence: 'The customer walks out.' },
            ],
          },
          {
            prompt: 'What if you are on a call?',
            choices: ['Ignore them', 'A nod and a word'],
            correctIndex: 1,
            choiceFeedback: [{ explanation: 'They feel ignored.' }, { explanation: 'Seen, even while busy.' }],
          },
        ],
      },
      { title: 'Name the feeling', kind: 'READ' },
      { title: 'Close the loop', kind: 'READ' },
      { title: 'Own the follow-up', kind: 'READ' },
    ]);
    learner = await givenPerson(stack, acme, { name: 'Quinn Quiz', role: Role.LEARNER, timezone: 'UTC' });
    classmate = await givenPerson(stack, acme, { name: 'Cal Classmate', role: Role.LEARNER, timezone: 'UTC' });
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [learner.id, classmate.id], {
      startsOn: '2026-03-02',
    });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 2);
  }, 180_000);

  afterAll(() => stack?.stop());

  it('brings back the question the learner got wrong the next day, and only that one', async () => {
    const [quiz] = await dayOf(learner, '2026-03-02T09:00:30Z');
    const { completeLesson } = await learner.client.ok<{ completeLesson: { correct: number; total: number } }>(
      COMPLETE,
      { id: quiz.id, input: { answers: [1, 1] } },
    );
    expect(completeLesson).toEqual({ correct: 1, total: 2 });
    const [classmateQuiz] = await dayOf(classmate, '2026-03-02T09:00:40Z');
    await classmate.client.ok(COMPLETE, { id: classmateQuiz.id, input: { answers: [0, 1] } });

    const tuesday = await dayOf(learner, '2026-03-03T09:00:30Z');
    expect(tuesday.map((item) => [item.kind, item.reviewOf, item.lesson?.title])).toEqual([
      ['LESSON', null, 'Name the feeling'],
      ['REVIEW', 'QUESTION', 'Greeting check'],
    ]);
    const [, review] = tuesday;
    expect(review.card).toBeNull();
    expect(review.question).toMatchObject({
      prompt: 'How soon do you greet a waiting customer?',
      choices: ['Within ten seconds', 'When I am free'],
    });
    // Everything right the first time: nothing to review.
    expect((await dayOf(classmate, '2026-03-03T09:00:40Z')).map((item) => item.kind)).toEqual(['LESSON']);
  });

  it('is answered, not rated: a wrong answer is a lapse and brings it back the next day', async () => {
    const [, review] = await dayOf(learner, '2026-03-03T09:01:00Z');
    const rated = await learner.client.error(
      'mutation($id: ID!) { reviewCard(deliveryId: $id, rating: GOOD) { id } }',
      {
        id: review.id,
      },
    );
    expect(rated.code).toBe('CONFLICT');
    const outOfRange = await learner.client.error(ANSWER, { id: review.id, choice: 5 });
    expect(outOfRange).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'choice' } });
    const notYours = await classmate.client.error(ANSWER, { id: review.id, choice: 0 });
    expect(notYours.code).toBe('NOT_FOUND');

    const { answerReview: missed } = await learner.client.ok<{
      answerReview: {
        correct: number;
        total: number;
        feedback: string[];
        delivery: { status: string; rating: string };
      };
    }>(ANSWER, { id: review.id, choice: 1 });
    expect(missed).toEqual({
      correct: 0,
      total: 1,
      feedback: [
        'Not quite: the answer is "Within ten seconds". The customer walks out. Waiting unseen feels twice as long.',
      ],
      delivery: { status: 'COMPLETED', rating: 'AGAIN' },
    });
    expect((await learner.client.error(ANSWER, { id: review.id, choice: 0 })).code).toBe('CONFLICT');

    const wednesday = await dayOf(learner, '2026-03-04T09:00:30Z');
    const again = wednesday.find((item) => item.reviewOf === 'QUESTION');
    expect(again?.question?.prompt).toBe('How soon do you greet a waiting customer?');
    const { answerReview: recalled } = await learner.client.ok<{
      answerReview: { correct: number; delivery: { rating: string } };
    }>(ANSWER, { id: again?.id, choice: 0 });
    expect(recalled).toMatchObject({ correct: 1, delivery: { rating: 'GOOD' } });
  });

  it("keeps question reviews within the organization's daily cap, beside the cards", async () => {
    await acme.admin.ok('mutation { updateSchedulerSettings(input: { reviewsPerDay: 0 }) { reviewsPerDay } }');
    // The question answered right on Wednesday falls due again on Thursday (FSRS keeps a twice-missed
    // question's stability under a day), but the cap lets no review in.
    const thursday = await dayOf(learner, '2026-03-05T09:00:30Z');
    expect(thursday.map((item) => [item.kind, item.lesson?.title])).toEqual([['LESSON', 'Own the follow-up']]);
  });
});
