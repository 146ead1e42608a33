import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import jwksRsa, { JwksClient } from 'jwks-rsa';
import { isRole, PersonPrincipal } from '@tend/auth';
import { DomainError, unauthenticated } from '@tend/graphql';
import { policedAgent } from '@tend/outbound';
import { CohortsInternalApi } from '../composition/cohorts-internal-api';
import { GatewayConfig } from '../gateway.config';

const BEARER = /^Bearer (\S+)$/i;

/** Asymmetric only: `none` and HMAC (which would take the public key as its secret) are never accepted. */
const ALGORITHMS: jwt.Algorithm[] = ['RS256', 'ES256'];

/** Keys are kept this long; a token with a kid not yet seen refetches at once, which is how a rotation arrives. */
const KEY_CACHE_MAX_AGE_MS = 10 * 60_000;

interface ResolvedIdentity {
  organizationId: string;
  personId: string;
  role: unknown;
  jwksUrl: string;
  audience: string;
}

/**
 * Signs people in with a token of their organization's own identity provider.
 * Cohorts says which organization the token's issuer belongs to, which person
 * its email is, and where the provider publishes its keys; the token must then
 * verify against those keys. Every refusal reads the same, so a caller learns
 * nothing about which check failed.
 */
@Injectable()
export class IdentityProviderVerifier {
  private readonly jwksClients = new Map<string, JwksClient>();

  constructor(
    private readonly config: GatewayConfig,
    private readonly cohorts: CohortsInternalApi,
  ) {}

  /** Whether the Authorization header carries a JWT of an issuer other than Tend's own local one. Nothing is trusted yet. */
  handles(authorization: string | undefined): boolean {
    const issuer = decodeClaims(authorization)?.payload.iss;
    return typeof issuer === 'string' && issuer !== this.config.JWT_ISSUER;
  }

  async verify(authorization: string | undefined): Promise<PersonPrincipal> {
    const decoded = decodeClaims(authorization);
    if (!decoded) throw refused();
    const { token, header, payload } = decoded;
    const { iss: issuer, email, email_verified: emailVerified } = payload;
    const kid = header.kid;
    // An identity provider that says it has not verified the email cannot vouch for who holds it.
    if (typeof issuer !== 'string' || typeof email !== 'string' || emailVerified === false || !kid) {
      throw refused();
    }
    const identity = await this.resolve(issuer, email);
    try {
      const key = await this.jwksClientFor(identity.jwksUrl).getSigningKey(kid);
      jwt.verify(token, key.getPublicKey(), {
        algorithms: ALGORITHMS,
        issuer,
        audience: identity.audience,
        clockTolerance: 30,
      });
    } catch {
      throw refused();
    }
    if (!isRole(identity.role)) throw refused();
    return {
      kind: 'person',
      organizationId: identity.organizationId,
      personId: identity.personId,
      role: identity.role,
    };
  }

  private resolve(issuer: string, email: string): Promise<ResolvedIdentity> {
    return this.cohorts.check('/internal/identity-providers/resolve', { issuer, email }, refused);
  }

  private jwksClientFor(jwksUrl: string): JwksClient {
    let client = this.jwksClients.get(jwksUrl);
    if (!client) {
      client = jwksRsa({
        jwksUri: jwksUrl,
        // Checked again when connecting, after DNS: the URL was public when registered, its name may not be now.
        requestAgent: policedAgent(jwksUrl, { allowLoopback: this.config.ALLOW_LOOPBACK_IDENTITY_PROVIDERS }),
        cache: true,
        cacheMaxAge: KEY_CACHE_MAX_AGE_MS,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
        timeout: 5_000,
      });
      this.jwksClients.set(jwksUrl, client);
    }
    return client;
  }
}

/** The bearer token's header and claims, unverified: enough to know whom to ask, never to trust. */
function decodeClaims(
  authorization: string | undefined,
): { token: string; header: jwt.JwtHeader; payload: jwt.JwtPayload } | null {
  const token = BEARER.exec(authorization ?? '')?.[1];
  const decoded = token ? jwt.decode(token, { complete: true }) : null;
  if (!token || !decoded || typeof decoded.payload === 'string') return null;
  return { token, header: decoded.header, payload: decoded.payload };
}

function refused(): DomainError {
  return unauthenticated('The bearer token is not valid');
}
