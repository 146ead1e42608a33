import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AddLessonInput } from '../lessons/dto/add-lesson.input';
import { LessonKind } from '../lessons/lesson.entity';
import type { LessonShape } from '../lessons/lesson-rules';

/**
 * The first public contract took a quiz question with one `explanation`, shown whatever
 * the learner chose; the contract now asks for `choiceFeedback`, one per choice. A quiz
 * question that brings only the explanation gets it as every choice's feedback, so a
 * client written to the first contract keeps working, and what is stored is the same
 * as if it had written the feedback out: exports, translations and grading see an
 * ordinary quiz. Per-choice feedback, when given, wins; a question with neither is
 * still refused. Scenarios are not helped: their choices each need a consequence,
 * which one explanation cannot give.
 */
export function quizExplanationAsFeedback<T extends Pick<LessonShape, 'kind' | 'questions'>>(lesson: T): T {
  if (lesson.kind !== LessonKind.QUIZ || !lesson.questions) return lesson;
  lesson.questions = lesson.questions.map((question) => {
    const explanation = question.explanation?.trim();
    if ((question.choiceFeedback ?? []).length > 0 || !explanation || !Array.isArray(question.choices)) {
      return question;
    }
    return { ...question, choiceFeedback: question.choices.map(() => ({ explanation })) };
  });
  return lesson;
}

/**
 * Applies quizExplanationAsFeedback to `addLesson`'s input as it arrives, before the
 * lesson's rules see it. Kept apart from those rules, in one place named for the
 * contract it keeps, so retiring the first contract is deleting this folder and its
 * line in ContentModule.
 */
@Injectable()
export class QuizExplanationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || metadata.metatype !== AddLessonInput || !isLessonInput(value)) return value;
    return quizExplanationAsFeedback(value);
  }
}

function isLessonInput(value: unknown): value is Pick<LessonShape, 'kind' | 'questions'> {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
