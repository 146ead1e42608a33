import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an LMS sends: `tend_<prefix>_<secret>`. The prefix finds the row; only the secret's hash is stored. */
const API_KEY_FORMAT = /^tend_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `tend_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = API_KEY_FORMAT.exec(key);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}

/**
 * SHA-256, not a password hash: the secret is 32 random bytes, so there is
 * nothing to guess by brute force, and a key is checked on every request.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
