import { conflict, DomainError, notFound } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';

export const ReviewErrors = {
  /** Someone else's delivery looks exactly like one that does not exist. */
  notFound: (id: string): DomainError => notFound('Delivery', id),
  notAReview: (kind: DeliveryKind): DomainError => conflict(`The delivery is a ${kind}, not a review`),
  notOpen: (status: DeliveryStatus): DomainError =>
    conflict(`The review is ${status}; only a review of today's bundle can be rated`),
  answerTheQuestion: (): DomainError =>
    conflict('The review brings back a question: answer it with answerReview, it is not rated'),
};
