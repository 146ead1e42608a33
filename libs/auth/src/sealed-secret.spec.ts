import { SealedSecrets } from './sealed-secret';

const SECRET = 'a gateway signing secret of at least 32 characters';
const ACME = '0b6f4c1e-3d0a-4a57-9f3c-7f1f0d3a6b21';
const GLOBEX = '5c2d8e7a-1b4f-4c3e-8a9d-2e6f1b7c4d90';

describe('a secret sealed for its organization', () => {
  const seals = new SealedSecrets(SECRET, 'tend.test');

  it('opens for the organization it was sealed for, and reads nothing in the clear', () => {
    const sealed = seals.seal(ACME, '{"kty":"RSA","d":"private"}');
    expect(sealed).not.toContain('private');
    expect(seals.open(ACME, sealed)).toBe('{"kty":"RSA","d":"private"}');
  });

  it('does not open in another organization, under another label or secret, or when tampered with', () => {
    const sealed = seals.seal(ACME, 'the private key');
    expect(() => seals.open(GLOBEX, sealed)).toThrow();
    expect(() => new SealedSecrets(SECRET, 'tend.other').open(ACME, sealed)).toThrow();
    expect(() => new SealedSecrets(`${SECRET}!`, 'tend.test').open(ACME, sealed)).toThrow();
    const [format, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => seals.open(ACME, [format, iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });
});
