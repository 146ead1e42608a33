import { badInput, conflict, DomainError, notFound } from '@tend/graphql';

export const PersonErrors = {
  notFound: (id: string): DomainError => notFound('Person', id),
  emailTaken: (): DomainError => conflict('A person with this email already exists in the organization'),
  leaderNotFound: (id: string): DomainError =>
    new DomainError('NOT_FOUND', `Person ${id} was not found`, 'input.leaderId'),
  leaderCannotLead: (): DomainError => badInput('input.leaderId', 'must be a LEADER or an ADMIN'),
};
