import { DomainError, notFound } from '@tend/graphql';

export const LrsErrors = {
  notConfigured: (): DomainError => notFound('LRS configuration of the organization', 'none'),
};
