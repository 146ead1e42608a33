import { randomBytes } from 'node:crypto';
import { LrsCredentials } from './lrs-credentials';

const ACME = '0d9b1c64-1a52-4e84-a0f5-6a3b1e7c2d10';
const GLOBEX = '5b0f5e0c-33d1-4c48-9f3a-0a4c8f6e2b11';

describe('LRS passwords at rest', () => {
  it('are sealed so the stored text reveals nothing, and open again only for their own organization and key', () => {
    const credentials = new LrsCredentials('', 's'.repeat(32));
    const sealed = credentials.seal(ACME, 'lrs-secret-123');
    expect(sealed).not.toContain('lrs-secret-123');
    expect(sealed).not.toContain(Buffer.from('lrs-secret-123').toString('base64'));
    expect(credentials.seal(ACME, 'lrs-secret-123')).not.toBe(sealed);
    expect(credentials.open(ACME, sealed)).toBe('lrs-secret-123');

    expect(() => credentials.open(GLOBEX, sealed)).toThrow();
    expect(() => new LrsCredentials('', 't'.repeat(32)).open(ACME, sealed)).toThrow();
    const configured = new LrsCredentials(randomBytes(32).toString('base64'), 's'.repeat(32));
    expect(() => configured.open(ACME, sealed)).toThrow();
    expect(configured.open(ACME, configured.seal(ACME, 'other'))).toBe('other');
  });

  it('refuses a configured key that is not 32 bytes', () => {
    expect(() => new LrsCredentials(randomBytes(16).toString('base64'), 's'.repeat(32))).toThrow(/32 bytes/);
  });
});
