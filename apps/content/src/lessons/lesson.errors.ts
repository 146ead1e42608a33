import { badInput, conflict, DomainError, notFound } from '@tend/graphql';

export const LessonErrors = {
  notFound: (id: string): DomainError => notFound('Lesson', id),
  /** A lesson kind's rule broken at `field`, a path into the caller's input. */
  rule: (field: string, message: string): DomainError => badInput(field, message),
  published: (): DomainError =>
    conflict('The lesson belongs to a published version, which never changes; move it in the draft version'),
  positionPastEnd: (count: number): DomainError => badInput('input.position', `must be 1 to ${count}`),
};
