import { badInput, DomainError, notFound } from '@tend/graphql';

export const WebhookSubscriptionErrors = {
  notFound: (id: string): DomainError => notFound('WebhookSubscription', id),
  tooMany: (limit: number): DomainError =>
    badInput('input.url', `an organization has at most ${limit} webhook subscriptions`),
  replayNeedsOne: (): DomainError => badInput('input.eventIds', 'name eventIds or since, not both nor neither'),
};
