import { badInput, DomainError } from '@tend/graphql';

export const WebhookErrors = {
  notAUrl: (field = 'input.url'): DomainError => badInput(field, 'must be an https:// URL'),
  refusedAddress: (field = 'input.url'): DomainError =>
    badInput(field, 'must name a public address: private, loopback, link-local and metadata addresses are refused'),
};
