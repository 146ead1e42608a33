import { createPublicKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  InvalidAccessToken,
  isRole,
  loadOrCreateLocalSigningKey,
  PersonPrincipal,
  VerifiedAccessToken,
  verifyAccessTokenWithExpiry,
} from '@tend/auth';
import { unauthenticated } from '@tend/graphql';
import { CohortsInternalApi } from '../composition/cohorts-internal-api';
import { GatewayConfig } from '../gateway.config';
import { SignInAnswerCache } from './sign-in-answer-cache';

/** Tokens whose signature was checked, each until it expires; the oldest go first beyond this many. */
const MAX_VERIFIED_TOKENS = 100_000;

/**
 * Turns a token of Tend's local key into the caller's principal, or refuses the request. The
 * token says who the person is; cohorts says whether they are still active and in which role,
 * as of the request (`SignInAnswerCache` keeps its answer until a change of the organization's
 * people), so neither a deactivation nor a role change waits for the token to expire.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly publicKey: KeyObject;
  /** A token's signature and claims stay what they were, so each is checked once, not per request. */
  private readonly verified = new Map<string, VerifiedAccessToken>();

  constructor(
    private readonly config: GatewayConfig,
    private readonly cohorts: CohortsInternalApi,
    private readonly signIns: SignInAnswerCache,
  ) {
    this.publicKey = createPublicKey(loadOrCreateLocalSigningKey(config.TEND_LOCAL_KEY_FILE).publicKeyPem);
  }

  async verify(authorization: string | undefined): Promise<PersonPrincipal> {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Send a bearer token in the Authorization header');
    const claimed = this.claimsOf(token);
    const refused = () => unauthenticated('The bearer token is not valid');
    const role = await this.signIns.kept(`person:${claimed.personId}`, claimed.organizationId, async () => {
      const answer = await this.cohorts.check<{ role: unknown }>(
        '/internal/people/sign-in',
        { organizationId: claimed.organizationId, personId: claimed.personId },
        refused,
      );
      if (!isRole(answer.role)) throw refused();
      return answer.role;
    });
    return { ...claimed, role };
  }

  private claimsOf(token: string): PersonPrincipal {
    const kept = this.verified.get(token);
    if (kept && kept.expiresAtMs > Date.now()) return kept.principal;
    this.verified.delete(token);
    let verified: VerifiedAccessToken;
    try {
      verified = verifyAccessTokenWithExpiry(this.publicKey, token, {
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw unauthenticated('The bearer token is not valid');
      throw error;
    }
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, verified);
    return verified.principal;
  }
}
