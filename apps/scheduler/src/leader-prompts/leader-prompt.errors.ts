import { conflict, DomainError, notFound } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';

export const LeaderPromptErrors = {
  /** Someone else's prompt looks exactly like one that does not exist. */
  notFound: (id: string): DomainError => notFound('Delivery', id),
  notAPrompt: (kind: DeliveryKind): DomainError => conflict(`The delivery is a ${kind}, not a leader prompt`),
  notOpen: (status: DeliveryStatus): DomainError =>
    conflict(`The prompt is ${status}; only a sent prompt, or one already answered, can be answered`),
};
