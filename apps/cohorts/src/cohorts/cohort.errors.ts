import { badInput, DomainError, notFound } from '@tend/graphql';

export const CohortErrors = {
  notFound: (id: string): DomainError => notFound('Cohort', id),
  tooManyMembers: (max: number): DomainError => badInput('personIds', `at most ${max} people can be added at once`),
  priorityOutOfRange: (): DomainError => badInput('priority', 'must be a whole number from 0 to 100'),
  quietHoursEmpty: (field: string): DomainError => badInput(field, 'quiet hours need a start and an end that differ'),
  timeInQuietHours: (field: string, time: string): DomainError =>
    badInput(field, `${time} falls within the quiet hours, when nothing is sent; move it or the quiet hours`),
  memberNotFound: (personId: string, index: number): DomainError =>
    new DomainError('NOT_FOUND', `Person ${personId} was not found`, `personIds.${index}`),
};
