import { badInput, DomainError } from '@tend/graphql';

export const WebhookErrors = {
  notAUrl: (): DomainError => badInput('input.url', 'must be an https:// URL'),
  refusedAddress: (): DomainError =>
    badInput(
      'input.url',
      'must name a public address: private, loopback, link-local and metadata addresses are refused',
    ),
};
