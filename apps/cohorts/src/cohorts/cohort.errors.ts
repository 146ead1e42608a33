import { badInput, DomainError, notFound } from '@tend/graphql';

export const CohortErrors = {
  notFound: (id: string): DomainError => notFound('Cohort', id),
  tooManyMembers: (max: number): DomainError => badInput('personIds', `at most ${max} people can be added at once`),
  memberNotFound: (personId: string, index: number): DomainError =>
    new DomainError('NOT_FOUND', `Person ${personId} was not found`, `personIds.${index}`),
};
