import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isRole, PersonPrincipal } from './principal';

export interface TokenAudience {
  issuer: string;
  audience: string;
}

export const LOCAL_TOKEN_AUDIENCE: TokenAudience = { issuer: 'tend-local', audience: 'tend' };

/** Signs a person's access token with the local key (CLI, demo, tests). */
export function issueAccessToken(
  privateKeyPem: string,
  principal: Omit<PersonPrincipal, 'kind'>,
  options: TokenAudience & { expiresInSeconds: number },
): string {
  return jwt.sign({ org: principal.organizationId, role: principal.role }, privateKeyPem, {
    algorithm: 'ES256',
    subject: principal.personId,
    issuer: options.issuer,
    audience: options.audience,
    expiresIn: options.expiresInSeconds,
  });
}

export class InvalidAccessToken extends Error {
  override readonly name = 'InvalidAccessToken';
}

/** A verified token's person, and when the token expires (ms since the epoch). */
export interface VerifiedAccessToken {
  principal: PersonPrincipal;
  expiresAtMs: number;
}

/**
 * Verifies signature, algorithm (pinned, so `alg: none` and HMAC-with-the-public-key
 * confusion are refused), issuer, audience and expiry, then reads the claims. A caller that
 * verifies often passes the key as a KeyObject, which spares parsing the PEM each time.
 */
export function verifyAccessToken(
  publicKey: string | KeyObject,
  token: string,
  expected: TokenAudience,
  now: Date = new Date(),
): PersonPrincipal {
  return verifyAccessTokenWithExpiry(publicKey, token, expected, now).principal;
}

/** `verifyAccessToken`, with the token's expiry, for a caller that keeps verified tokens. */
export function verifyAccessTokenWithExpiry(
  publicKey: string | KeyObject,
  token: string,
  expected: TokenAudience,
  now: Date = new Date(),
): VerifiedAccessToken {
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, publicKey, {
      algorithms: ['ES256'],
      issuer: expected.issuer,
      audience: expected.audience,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch (error) {
    throw new InvalidAccessToken((error as Error).message);
  }
  if (
    typeof claims === 'string' ||
    !claims.sub ||
    typeof claims.org !== 'string' ||
    !isRole(claims.role) ||
    typeof claims.exp !== 'number'
  ) {
    throw new InvalidAccessToken('the token lacks the sub, org, role or exp claim');
  }
  return {
    principal: { kind: 'person', organizationId: claims.org, personId: claims.sub, role: claims.role },
    expiresAtMs: claims.exp * 1000,
  };
}
