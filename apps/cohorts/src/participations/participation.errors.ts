import { conflict, DomainError, notFound } from '@tend/graphql';

export const ParticipationErrors = {
  enrollmentNotFound: (id: string): DomainError => notFound('Enrollment', id),
  personNotFound: (id: string): DomainError => notFound('Person', id),
  notAMember: (): DomainError => conflict('The person is not a member of the enrollment’s cohort'),
  alreadyInStatus: (status: string): DomainError => conflict(`The person’s participation is already ${status}`),
};
