import { badInput, DomainError, notFound } from '@tend/graphql';

export const LessonErrors = {
  notFound: (id: string): DomainError => notFound('Lesson', id),
  /** A lesson kind's rule broken at `field`, a path into the caller's input. */
  rule: (field: string, message: string): DomainError => badInput(field, message),
};
