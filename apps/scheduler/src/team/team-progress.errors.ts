import { DomainError, forbidden, notFound } from '@tend/graphql';

/** As cohorts' `myTeam` refuses, so its CSV refuses alike. */
export const TeamProgressErrors = {
  leaderNotFound: (id: string): DomainError => notFound('Person', id),
  notYourTeam: (): DomainError => forbidden('A leader sees only their own team'),
  noLeader: (): DomainError => forbidden('Name the leader whose team to list'),
};
