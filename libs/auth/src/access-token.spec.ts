import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { issueAccessToken, verifyAccessToken } from './access-token';
import { Role } from './principal';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const audience = { issuer: 'tend-local', audience: 'tend' };
const learner = { organizationId: 'org-a', personId: 'person-1', role: Role.LEARNER };

describe('an access token', () => {
  const key = keyPair();

  it('signed by the local key is read back as the person it names', () => {
    const token = issueAccessToken(key.privateKeyPem, learner, { ...audience, expiresInSeconds: 60 });
    expect(verifyAccessToken(key.publicKeyPem, token, audience)).toEqual({ kind: 'person', ...learner });
  });

  it('is refused once expired', () => {
    const token = issueAccessToken(key.privateKeyPem, learner, { ...audience, expiresInSeconds: 60 });
    const later = new Date(Date.now() + 120_000);
    expect(() => verifyAccessToken(key.publicKeyPem, token, audience, later)).toThrow(/expired/);
  });

  it('is refused for another audience or issuer', () => {
    const token = issueAccessToken(key.privateKeyPem, learner, { ...audience, expiresInSeconds: 60 });
    expect(() => verifyAccessToken(key.publicKeyPem, token, { ...audience, audience: 'other' })).toThrow();
    expect(() => verifyAccessToken(key.publicKeyPem, token, { ...audience, issuer: 'other' })).toThrow();
  });

  it('is refused when unsigned (alg: none)', () => {
    const token = jwt.sign({ org: 'org-a', role: 'ADMIN' }, '', {
      algorithm: 'none',
      subject: 'person-1',
      ...audience,
    });
    expect(() => verifyAccessToken(key.publicKeyPem, token, audience)).toThrow();
  });

  it('is refused when HMAC-signed with the public key (key-type confusion)', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'person-1', org: 'org-a', role: 'ADMIN', iss: 'tend-local', aud: 'tend', exp: 9999999999 }),
    ).toString('base64url');
    const signature = createHmac('sha256', key.publicKeyPem).update(`${header}.${payload}`).digest('base64url');
    expect(() => verifyAccessToken(key.publicKeyPem, `${header}.${payload}.${signature}`, audience)).toThrow();
  });

  it('is refused when signed by another key', () => {
    const token = issueAccessToken(keyPair().privateKeyPem, learner, { ...audience, expiresInSeconds: 60 });
    expect(() => verifyAccessToken(key.publicKeyPem, token, audience)).toThrow(/signature/);
  });

  it('is refused without a role the API knows', () => {
    const token = jwt.sign({ org: 'org-a', role: 'ROOT' }, key.privateKeyPem, {
      algorithm: 'ES256',
      subject: 'person-1',
      ...audience,
    });
    expect(() => verifyAccessToken(key.publicKeyPem, token, audience)).toThrow(/role/);
  });
});
