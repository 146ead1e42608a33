import type { PublishedQuestion } from '@tend/events';
import type { ProjectedLessonKind } from '../projections/track-lesson.entity';
import { CompletionErrors } from './completion.errors';

export const MAX_REFLECTION_LENGTH = 1000;

export interface GradableLesson {
  kind: ProjectedLessonKind;
  questions: PublishedQuestion[];
}

export interface LessonAnswers {
  answers?: number[] | null;
  reflection?: string | null;
}

/** What a completion stores and tells the learner. */
export interface Grade {
  answers: number[] | null;
  reflection: string | null;
  correct: number;
  total: number;
  /** One line per question, in order. */
  feedback: string[];
}

/**
 * Grades a completion against the published answer key. QUIZ and SCENARIO
 * lessons need one choice per question; REFLECTION lessons need the
 * reflection; READ lessons need nothing, and what else a kind does not use is
 * not stored.
 */
export function gradeLesson(lesson: GradableLesson, input: LessonAnswers): Grade {
  switch (lesson.kind) {
    case 'QUIZ':
    case 'SCENARIO':
      return gradeQuestions(lesson.questions, input.answers ?? undefined);
    case 'REFLECTION': {
      const reflection = input.reflection?.trim() ?? '';
      if (reflection.length === 0 || reflection.length > MAX_REFLECTION_LENGTH) {
        throw CompletionErrors.reflectionNeeded();
      }
      return { answers: null, reflection, correct: 0, total: 0, feedback: [] };
    }
    case 'READ':
      return { answers: null, reflection: null, correct: 0, total: 0, feedback: [] };
  }
}

function gradeQuestions(questions: PublishedQuestion[], answers: number[] | undefined): Grade {
  if (!answers || answers.length !== questions.length) throw CompletionErrors.answersNeeded(questions.length);
  const feedback = questions.map((question, index) => {
    const answer = answers[index];
    if (!Number.isInteger(answer) || answer < 0 || answer >= question.choices.length) {
      throw CompletionErrors.answerOutOfRange(index, question.choices.length);
    }
    const verdict =
      answer === question.correctIndex
        ? 'Correct.'
        : `Not quite: the answer is "${question.choices[question.correctIndex]}".`;
    // The chosen choice's own feedback says why that choice; older events only carry one explanation.
    const chosen = question.choiceFeedback?.[answer];
    const why = chosen
      ? [chosen.consequence, chosen.explanation].filter((part) => part).join(' ')
      : question.explanation;
    return why ? `${verdict} ${why}` : verdict;
  });
  const correct = questions.filter((question, index) => answers[index] === question.correctIndex).length;
  return { answers: [...answers], reflection: null, correct, total: questions.length, feedback };
}
