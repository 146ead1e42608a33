import { badInput, DomainError, notFound } from '@tend/graphql';
import { LessonKind } from './lesson.entity';

export const LessonErrors = {
  notFound: (id: string): DomainError => notFound('Lesson', id),
  correctIndexOutOfRange: (index: number): DomainError =>
    badInput(`input.questions.${index}.correctIndex`, 'must point at one of the choices'),
  needsQuestions: (kind: LessonKind): DomainError =>
    badInput('input.questions', `a ${kind} lesson needs at least one question`),
  takesNoQuestions: (kind: LessonKind): DomainError => badInput('input.questions', `a ${kind} lesson has no questions`),
};
