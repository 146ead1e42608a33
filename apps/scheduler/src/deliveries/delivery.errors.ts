import { DomainError, forbidden } from '@tend/graphql';

export const DeliveryErrors = {
  notYours: (): DomainError => forbidden("You may not see this person's deliveries"),
};
