import { badInput, DomainError, forbidden } from '@tend/graphql';

export const LearningAnalyticsErrors = {
  leadersSeeTheirSubtree: (): DomainError =>
    forbidden('A leader reads the analytics of their own subtree only: LEADER_SUBTREE, without another leader'),
  leaderOnlyForSubtrees: (): DomainError => badInput('leaderId', 'names a leader only with groupBy: LEADER_SUBTREE'),
};
