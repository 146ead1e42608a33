import { AddLessonInput } from '../lessons/dto/add-lesson.input';
import { LessonKind } from '../lessons/lesson.entity';
import { QuizExplanationPipe } from './quiz-explanation.pipe';

describe('a quiz written to the first contract', () => {
  const pipe = new QuizExplanationPipe();
  const asInput = (value: unknown) => pipe.transform(value, { type: 'body', metatype: AddLessonInput, data: 'input' });
  const question = { prompt: 'What first?', choices: ['Finish the call', 'Nod to them', 'Wait'], correctIndex: 1 };

  it('gives its one explanation to every choice', () => {
    const lesson = asInput({
      kind: LessonKind.QUIZ,
      questions: [{ ...question, explanation: ' A nod tells them they were seen. ' }],
    });
    expect(lesson).toMatchObject({
      questions: [{ choiceFeedback: Array(3).fill({ explanation: 'A nod tells them they were seen.' }) }],
    });
  });

  it('keeps the feedback of each choice when it is written out', () => {
    const choiceFeedback = [{ explanation: 'a' }, { explanation: 'b' }, { explanation: 'c' }];
    const lesson = asInput({ kind: LessonKind.QUIZ, questions: [{ ...question, explanation: 'one', choiceFeedback }] });
    expect(lesson).toMatchObject({ questions: [{ choiceFeedback }] });
  });

  it('leaves a question with no explanation to the rules, and scenarios and other arguments alone', () => {
    const feedbackOf = (lesson: unknown) =>
      (lesson as { questions: { choiceFeedback?: unknown }[] }).questions[0].choiceFeedback;
    expect(
      feedbackOf(asInput({ kind: LessonKind.QUIZ, questions: [{ ...question, explanation: '  ' }] })),
    ).toBeUndefined();
    const scenario = { kind: LessonKind.SCENARIO, questions: [{ ...question, explanation: 'why' }] };
    expect(feedbackOf(asInput(scenario))).toBeUndefined();
    const other = { kind: LessonKind.QUIZ, questions: [{ ...question, explanation: 'why' }] };
    expect(feedbackOf(pipe.transform(other, { type: 'body', metatype: Object, data: 'input' }))).toBeUndefined();
  });
});
