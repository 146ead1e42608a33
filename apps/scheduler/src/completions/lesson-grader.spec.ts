import { DomainError } from '@tend/graphql';
import { gradeLesson, GradableLesson } from './lesson-grader';

const quiz: GradableLesson = {
  kind: 'QUIZ',
  questions: [
    {
      questionId: 'q1',
      choices: ['Argue', 'Listen first', 'Walk away'],
      correctIndex: 1,
      explanation: 'People calm down once they feel heard.',
    },
    { questionId: 'q2', choices: ['Yes', 'No'], correctIndex: 0, explanation: null },
  ],
};

function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('gradeLesson', () => {
  it('grades each answer against the key and explains it', () => {
    expect(gradeLesson(quiz, { answers: [1, 1] })).toEqual({
      answers: [1, 1],
      reflection: null,
      correct: 1,
      total: 2,
      feedback: ['Correct. People calm down once they feel heard.', 'Not quite: the answer is "Yes".'],
    });
  });

  it('explains the choice the learner made, with its consequence in a scenario', () => {
    const scenario: GradableLesson = {
      kind: 'SCENARIO',
      questions: [
        {
          questionId: 'q1',
          choices: ['Quote the policy', 'Ask what happened'],
          correctIndex: 1,
          explanation: null,
          choiceFeedback: [
            { explanation: 'Policy first tells them you are not listening.', consequence: 'They raise their voice.' },
            { explanation: 'A question shows you want to understand.', consequence: 'They tell you the story.' },
          ],
        },
      ],
    };
    expect(gradeLesson(scenario, { answers: [0] }).feedback).toEqual([
      'Not quite: the answer is "Ask what happened". They raise their voice. Policy first tells them you are not listening.',
    ]);
    expect(gradeLesson(scenario, { answers: [1] }).feedback).toEqual([
      'Correct. They tell you the story. A question shows you want to understand.',
    ]);
  });

  it('grades a scenario like a quiz', () => {
    expect(gradeLesson({ ...quiz, kind: 'SCENARIO' }, { answers: [0, 0] })).toMatchObject({
      correct: 1,
      total: 2,
      feedback: ['Not quite: the answer is "Listen first". People calm down once they feel heard.', 'Correct.'],
    });
  });

  it('needs exactly one answer per question', () => {
    for (const answers of [undefined, null, [], [1], [1, 0, 0]]) {
      const error = failure(() => gradeLesson(quiz, { answers }));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.field).toBe('input.answers');
    }
  });

  it('names the answer that points at no choice', () => {
    const error = failure(() => gradeLesson(quiz, { answers: [1, 2] }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.field).toBe('input.answers.1');
    expect(failure(() => gradeLesson(quiz, { answers: [-1, 0] })).field).toBe('input.answers.0');
  });

  it('keeps a reflection, trimmed, and refuses an empty or overlong one', () => {
    const reflection: GradableLesson = { kind: 'REFLECTION', questions: [] };
    expect(gradeLesson(reflection, { reflection: '  I will ask before I assume.  ', answers: [3] })).toEqual({
      answers: null,
      reflection: 'I will ask before I assume.',
      correct: 0,
      total: 0,
      feedback: [],
    });
    for (const text of [undefined, '   ', 'x'.repeat(1001)]) {
      expect(failure(() => gradeLesson(reflection, { reflection: text })).field).toBe('input.reflection');
    }
  });

  it('needs nothing for a reading lesson', () => {
    expect(gradeLesson({ kind: 'READ', questions: [] }, {})).toEqual({
      answers: null,
      reflection: null,
      correct: 0,
      total: 0,
      feedback: [],
    });
  });
});
