import { Injectable } from '@nestjs/common';
import { issueAccessToken, loadOrCreateLocalSigningKey, PersonPrincipal } from '@tend/auth';
import { GatewayConfig } from '../gateway.config';

/**
 * Signs access tokens with the local key (TEND_LOCAL_KEY_FILE), the same kind the CLI prints and
 * `AccessTokenVerifier` checks, so a person signed in by link is checked like any other: cohorts
 * still answers on every request whether they may sign in and in which role.
 */
@Injectable()
export class LocalTokenIssuer {
  private readonly privateKeyPem: string;

  constructor(private readonly config: GatewayConfig) {
    this.privateKeyPem = loadOrCreateLocalSigningKey(config.TEND_LOCAL_KEY_FILE).privateKeyPem;
  }

  issue(principal: Omit<PersonPrincipal, 'kind'>): string {
    return issueAccessToken(this.privateKeyPem, principal, {
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      expiresInSeconds: this.config.SIGN_IN_TOKEN_TTL_SECONDS,
    });
  }
}
