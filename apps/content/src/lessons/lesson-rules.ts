import { DomainError } from '@tend/graphql';
import { LessonKind } from './lesson.entity';
import { LessonErrors } from './lesson.errors';

/** About how fast an adult reads plain prose on a phone. */
export const WORDS_PER_MINUTE = 200;

export interface ChoiceFeedbackShape {
  explanation: string;
  consequence?: string | null;
}

export interface QuestionShape {
  prompt: string;
  choices: string[];
  correctIndex: number;
  explanation?: string | null;
  choiceFeedback?: ChoiceFeedbackShape[] | null;
}

/** What the rules of a lesson kind look at, whether it comes from `addLesson` or an imported file. */
export interface LessonShape {
  kind: LessonKind;
  body: string;
  minutes: number;
  questions?: QuestionShape[] | null;
  reviewCards?: { front: string; back: string }[] | null;
  leaderPrompt?: string | null;
  leaderListenFor?: string | null;
}

/**
 * The rules each kind of lesson follows, as the first refusal with the field
 * at fault (`path` is where the lesson sits in the caller's input):
 * READ and REFLECTION have no questions; a SCENARIO is one situation with 2-4
 * choices, each with its consequence and why; a QUIZ has 1-5 questions of 2-6
 * choices, one of them correct, each explained.
 */
export function lessonRuleViolation(lesson: LessonShape, path = 'input'): DomainError | undefined {
  const questions = lesson.questions ?? [];
  const at = (suffix: string) => `${path}.${suffix}`;
  switch (lesson.kind) {
    case LessonKind.READ:
    case LessonKind.REFLECTION:
      if (questions.length > 0) return LessonErrors.rule(at('questions'), `a ${lesson.kind} lesson has no questions`);
      break;
    case LessonKind.SCENARIO:
      if (questions.length !== 1) {
        return LessonErrors.rule(at('questions'), 'a SCENARIO lesson has exactly one question: what do you do?');
      }
      break;
    case LessonKind.QUIZ:
      if (questions.length < 1 || questions.length > 5) {
        return LessonErrors.rule(at('questions'), 'a QUIZ lesson has 1 to 5 questions');
      }
      break;
  }
  for (const [index, question] of questions.entries()) {
    const here = (suffix: string) => at(`questions.${index}.${suffix}`);
    const [min, max] = lesson.kind === LessonKind.SCENARIO ? [2, 4] : [2, 6];
    if (question.choices.length < min || question.choices.length > max) {
      return LessonErrors.rule(here('choices'), `a ${lesson.kind} question has ${min} to ${max} choices`);
    }
    const { correctIndex } = question;
    if (!Number.isInteger(correctIndex) || correctIndex < 0 || correctIndex >= question.choices.length) {
      return LessonErrors.rule(here('correctIndex'), 'must point at one of the choices');
    }
    const feedback = question.choiceFeedback ?? [];
    if (feedback.length !== question.choices.length) {
      return LessonErrors.rule(
        here('choiceFeedback'),
        lesson.kind === LessonKind.SCENARIO
          ? 'each choice needs its consequence and why'
          : 'each choice needs an explanation of why it is right or wrong',
      );
    }
    if (lesson.kind === LessonKind.SCENARIO) {
      const missing = feedback.findIndex((choice) => !choice.consequence?.trim());
      if (missing >= 0) {
        return LessonErrors.rule(here(`choiceFeedback.${missing}.consequence`), 'say what happens after this choice');
      }
    }
  }
  if ((lesson.reviewCards ?? []).length > 5) {
    return LessonErrors.rule(at('reviewCards'), 'a lesson has at most 5 review cards');
  }
  if (lesson.leaderListenFor && !lesson.leaderPrompt) {
    return LessonErrors.rule(at('leaderListenFor'), 'what to listen for goes with a leader prompt');
  }
  return undefined;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** What the learner reads: the body, and for questions the prompt and the choices. */
export function readingWords(lesson: Pick<LessonShape, 'body' | 'questions'>): number {
  const questionText = (lesson.questions ?? []).flatMap((question) => [question.prompt, ...question.choices]);
  return wordCount([lesson.body, ...questionText].join(' '));
}

/**
 * What an admin should look at before publishing; none of it blocks: a text
 * longer than its minutes allow, or a lesson with nothing to review later.
 */
export function lessonWarnings(lesson: Pick<LessonShape, 'body' | 'questions' | 'minutes' | 'reviewCards'>): string[] {
  const warnings: string[] = [];
  const words = readingWords(lesson);
  const needed = Math.ceil(words / WORDS_PER_MINUTE);
  if (needed > lesson.minutes) {
    warnings.push(
      `About ${words} words take about ${needed} minutes to read, more than the ${lesson.minutes} this lesson declares`,
    );
  }
  if ((lesson.reviewCards ?? []).length === 0) {
    warnings.push('No review cards: spaced reviews will not bring this lesson back');
  }
  return warnings;
}
