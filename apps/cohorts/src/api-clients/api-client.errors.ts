import { API_SCOPES } from '@tend/auth';
import { badInput, DomainError, notFound } from '@tend/graphql';

export const ApiClientErrors = {
  notFound: (id: string): DomainError => notFound('API client', id),
  unknownScope: (index: number): DomainError =>
    badInput(`input.scopes.${index}`, `must be one of ${API_SCOPES.join(', ')}`),
};
