import { createHmac, timingSafeEqual } from 'node:crypto';
import { isApiScope, isRole, Principal } from './principal';

export const PRINCIPAL_HEADER = 'x-tend-principal';
export const SIGNATURE_HEADER = 'x-tend-signature';
export const TIMESTAMP_HEADER = 'x-tend-timestamp';

/** How far a signed principal's timestamp may be from the subgraph's clock. */
const MAX_SKEW_MS = 5 * 60_000;

export type SignedPrincipalHeaders = Record<
  typeof PRINCIPAL_HEADER | typeof SIGNATURE_HEADER | typeof TIMESTAMP_HEADER,
  string
>;

/**
 * The gateway authenticates callers; subgraphs trust only what the gateway
 * signed. The signature covers the timestamp so a captured header cannot be
 * replayed for long.
 */
export class PrincipalSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('the gateway signing secret must be at least 32 characters');
  }

  sign(principal: Principal, now = Date.now()): SignedPrincipalHeaders {
    const payload = Buffer.from(JSON.stringify(principal)).toString('base64url');
    const timestamp = String(now);
    return {
      [PRINCIPAL_HEADER]: payload,
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: this.mac(timestamp, payload),
    };
  }

  /** The principal, or undefined when the headers are missing, stale or not signed with our secret. */
  verify(headers: Record<string, string | string[] | undefined>, now = Date.now()): Principal | undefined {
    const payload = single(headers[PRINCIPAL_HEADER]);
    const timestamp = single(headers[TIMESTAMP_HEADER]);
    const signature = single(headers[SIGNATURE_HEADER]);
    if (!payload || !timestamp || !signature) return undefined;
    const expected = Buffer.from(this.mac(timestamp, payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return undefined;
    return parsePrincipal(Buffer.from(payload, 'base64url').toString('utf8'));
  }

  private mac(timestamp: string, payload: string): string {
    return createHmac('sha256', this.secret).update(`${timestamp}.${payload}`).digest('base64url');
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parsePrincipal(json: string): Principal | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Record<string, unknown>;
  if (candidate.kind === 'gateway') return { kind: 'gateway' };
  if (
    candidate.kind === 'person' &&
    typeof candidate.organizationId === 'string' &&
    typeof candidate.personId === 'string' &&
    isRole(candidate.role)
  ) {
    return {
      kind: 'person',
      organizationId: candidate.organizationId,
      personId: candidate.personId,
      role: candidate.role,
    };
  }
  if (
    candidate.kind === 'api-client' &&
    typeof candidate.organizationId === 'string' &&
    typeof candidate.clientId === 'string' &&
    Array.isArray(candidate.scopes) &&
    candidate.scopes.every(isApiScope)
  ) {
    return {
      kind: 'api-client',
      organizationId: candidate.organizationId,
      clientId: candidate.clientId,
      scopes: [...candidate.scopes],
    };
  }
  if (
    candidate.kind === 'scim-token' &&
    typeof candidate.organizationId === 'string' &&
    typeof candidate.tokenId === 'string'
  ) {
    return { kind: 'scim-token', organizationId: candidate.organizationId, tokenId: candidate.tokenId };
  }
  return undefined;
}
