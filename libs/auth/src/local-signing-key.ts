import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SigningKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * The key the `tend` CLI signs development and demo tokens with (ES256). It is
 * created on first use and kept out of git; production verifies tokens from
 * the organization's own identity provider instead.
 */
export function loadOrCreateLocalSigningKey(path: string): SigningKeyPair {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as SigningKeyPair;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pair: SigningKeyPair = {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(pair), { mode: 0o600 });
  return pair;
}
