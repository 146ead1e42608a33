import { badInput, conflict, DomainError, notFound } from '@tend/graphql';
import { DeliveryKind, DeliveryStatus } from '../deliveries/delivery.entity';

export const CompletionErrors = {
  /** Someone else's delivery looks exactly like one that does not exist. */
  notFound: (id: string): DomainError => notFound('Delivery', id),
  notALesson: (kind: DeliveryKind): DomainError => conflict(`The delivery is a ${kind}, not a lesson`),
  alreadyCompleted: (): DomainError => conflict('The lesson is already completed'),
  notOpen: (status: DeliveryStatus): DomainError =>
    conflict(`The lesson is ${status}; only a sent or scheduled lesson can be completed`),
  answersNeeded: (questions: number): DomainError =>
    badInput('input.answers', `give one answer for each of the ${questions} question(s), in order`),
  answerOutOfRange: (index: number, choices: number): DomainError =>
    badInput(`input.answers.${index}`, `must be the index of one of the ${choices} choices, 0 to ${choices - 1}`),
  reflectionNeeded: (): DomainError => badInput('input.reflection', 'a reflection lesson needs 1 to 1000 characters'),
  rateTheCard: (): DomainError => conflict('The review brings back a card: rate it with reviewCard'),
  choiceOutOfRange: (choices: number): DomainError =>
    badInput('choice', `must be the index of one of the ${choices} choices, 0 to ${choices - 1}`),
};
