import { badInput, conflict, DomainError, forbidden } from '@tend/graphql';

export const PulseErrors = {
  alreadyAnswered: (week: string): DomainError => conflict(`You already answered the pulse of ${week}`),
  notYourTeam: (): DomainError => forbidden('Leaders see their own team’s pulse only'),
  weeksOutOfRange: (): DomainError => badInput('weeks', 'must be between 1 and 52'),
};
