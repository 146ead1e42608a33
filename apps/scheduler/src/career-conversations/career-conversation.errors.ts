import { conflict, DomainError, notFound } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';

/** The codes of the leader prompt's answer (`LeaderPromptErrors`), for the same kinds of mistake. */
export const CareerConversationErrors = {
  /** Someone else's conversation looks exactly like one that does not exist. */
  notFound: (id: string): DomainError => notFound('Delivery', id),
  notAConversation: (kind: DeliveryKind): DomainError =>
    conflict(`The delivery is a ${kind}, not a career conversation`),
  notOpen: (status: DeliveryStatus): DomainError =>
    conflict(`The career conversation is ${status}; only a sent one, or one already recorded, can be recorded`),
};
