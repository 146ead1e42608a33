import { conflict, DomainError, forbidden } from '@tend/graphql';

export const PersonDataErrors = {
  alreadyErased: (id: string): DomainError => conflict(`Person ${id}’s personal data is already erased`),
  notYourData: (): DomainError => forbidden('Only an admin may export another person’s data'),
};
