import { badInput, DomainError, forbidden } from '@tend/graphql';

export const DeliveryErrors = {
  notYours: (): DomainError => forbidden("You may not see this person's deliveries"),
  badCursor: (): DomainError => badInput('after', 'is not a cursor this API gave out'),
};
