import { badInput, conflict, DomainError } from '@tend/graphql';

export type LtiPlatformUrlField = 'authLoginUrl' | 'tokenUrl' | 'jwksUrl';

export const LtiPlatformErrors = {
  alreadyRegistered: (): DomainError => conflict('A platform with this issuer and client id is already registered'),
  insecureUrl: (field: LtiPlatformUrlField): DomainError => badInput(`input.${field}`, 'must be an https URL'),
  urlNotPublic: (field: LtiPlatformUrlField): DomainError =>
    badInput(`input.${field}`, 'must resolve to public addresses only, not a private, loopback or metadata one'),
};
