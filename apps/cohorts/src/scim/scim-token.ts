import { randomBytes } from 'node:crypto';
import { hashSecret } from '../api-clients/api-key';

/**
 * What an identity provider sends: `tend_scim_<prefix>_<secret>`. The prefix finds the row; only
 * the secret's hash is stored, as for API keys. The `scim` part keeps it from being taken for one.
 */
const SCIM_TOKEN_FORMAT = /^tend_scim_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function generateScimToken(): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `tend_scim_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseScimToken(token: string): { prefix: string; secret: string } | undefined {
  const match = SCIM_TOKEN_FORMAT.exec(token);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}
