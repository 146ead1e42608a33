import { Role } from '@tend/auth';
import {
  givenEnrolledCohort,
  givenFirstLessonDelivered,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  LessonSpec,
  Organization,
  startTestStack,
  TestStack,
} from '@tend/testing';

/** A quiz as a client written to the first contract sends it: one explanation, no choiceFeedback. */
const FIRST_CONTRACT_QUIZ: LessonSpec = {
  title: 'Spot the moment',
  kind: 'QUIZ',
  body: 'A customer waits at the counter while you finish a call.',
  minutes: 2,
  questions: [
    {
      prompt: 'What do you do first?',
      choices: ['Finish the call', 'Nod and say you will be right with them', 'Wait for them to speak'],
      correctIndex: 1,
      explanation: 'A nod tells them they have been seen.',
    },
  ],
};

/** A third-party LMS written to the first contract keeps authoring quizzes as it always has. */
describe('a quiz written to the first contract', () => {
  let stack: TestStack;
  let acme: Organization;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack);
  });

  afterAll(() => stack?.stop());

  it('is accepted, and its one explanation is what a learner reads whichever choice they make', async () => {
    const track = await givenPublishedTrack(acme.admin, [FIRST_CONTRACT_QUIZ], 'First contract');
    const learner = await givenPerson(stack, acme, { name: 'Kim', role: Role.LEARNER, timezone: 'UTC' });
    await givenEnrolledCohort(acme, track, [learner.id]);
    const quiz = await givenFirstLessonDelivered(learner);
    const { completeLesson } = await learner.client.ok(
      'mutation($id: ID!) { completeLesson(deliveryId: $id, input: { answers: [0] }) { correct feedback } }',
      { id: quiz.id },
    );
    expect(completeLesson).toEqual({
      correct: 0,
      feedback: [
        'Not quite: the answer is "Nod and say you will be right with them". A nod tells them they have been seen.',
      ],
    });
  });

  it('is still refused when a question explains nothing at all', async () => {
    const { createTrack } = await acme.admin.ok('mutation { createTrack(input: { title: "Unexplained" }) { id } }');
    const [question] = FIRST_CONTRACT_QUIZ.questions ?? [];
    const error = await acme.admin.error(
      'mutation($id: ID!, $input: AddLessonInput!) { addLesson(trackId: $id, input: $input) { id } }',
      { id: createTrack.id, input: { ...FIRST_CONTRACT_QUIZ, questions: [{ ...question, explanation: undefined }] } },
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.questions.0.choiceFeedback' } });
  });
});
