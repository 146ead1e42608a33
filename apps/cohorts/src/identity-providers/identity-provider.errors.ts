import { badInput, conflict, DomainError } from '@tend/graphql';

export const IdentityProviderErrors = {
  issuerTaken: (): DomainError => conflict('Another organization already signs in with this issuer'),
  insecureJwksUrl: (): DomainError => badInput('input.jwksUrl', 'must be an https URL'),
  insecureIssuer: (): DomainError => badInput('input.issuer', 'must be an https URL'),
  jwksUrlNotPublic: (): DomainError =>
    badInput('input.jwksUrl', 'must resolve to public addresses only, not a private, loopback or metadata one'),
};
