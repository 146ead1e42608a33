import { createHash } from 'node:crypto';
import { generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key';

function secretOf(key: string): string {
  const parsed = parseApiKey(key);
  if (!parsed) throw new Error(`not an API key: ${key}`);
  return parsed.secret;
}

describe('an API key', () => {
  it('reads tend_<12 lowercase hex>_<32 random bytes, base64url>', () => {
    const { key, prefix } = generateApiKey();
    expect(key).toMatch(/^tend_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key)?.prefix).toBe(prefix);
    expect(Buffer.from(parseApiKey(key)?.secret ?? '', 'base64url')).toHaveLength(32);
  });

  it('is different every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it('stores the SHA-256 of its secret, never the secret', () => {
    const { key, secretHash } = generateApiKey();
    const secret = secretOf(key);
    expect(secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(secretHash).not.toContain(secret);
    expect(secretMatches(secret, secretHash)).toBe(true);
  });

  it('does not match another secret with the same prefix', () => {
    const { key, secretHash } = generateApiKey();
    const secret = secretOf(generateApiKey().key);
    expect(parseApiKey(key)).toBeDefined();
    expect(secretMatches(secret, secretHash)).toBe(false);
    expect(secretMatches(secret, 'not-hex')).toBe(false);
  });

  it('is not parsed from anything else', () => {
    for (const text of ['tend_', 'tend_abc_def', 'tend_ABCDEF012345_' + 'a'.repeat(43), 'eyJhbGciOi.x.y']) {
      expect(parseApiKey(text)).toBeUndefined();
    }
    expect(hashSecret('a')).toHaveLength(64);
  });
});
