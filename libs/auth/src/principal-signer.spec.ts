import { createHmac } from 'node:crypto';
import { PRINCIPAL_HEADER, PrincipalSigner, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './principal-signer';
import { ApiClientPrincipal, Role } from './principal';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const admin = { kind: 'person', organizationId: 'org-a', personId: 'person-1', role: Role.ADMIN } as const;
const lms: ApiClientPrincipal = {
  kind: 'api-client',
  organizationId: 'org-a',
  clientId: 'client-1',
  scopes: ['content:read', 'progress:read'],
};

/** Headers signed over any payload, as a gateway with a bug (or a forger holding the secret) would send. */
function signedPayload(signer: PrincipalSigner, payload: unknown) {
  const headers = signer.sign({ kind: 'gateway' });
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const timestamp = headers[TIMESTAMP_HEADER];
  const mac = createHmac('sha256', secret).update(`${timestamp}.${encoded}`).digest('base64url');
  return { [PRINCIPAL_HEADER]: encoded, [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: mac };
}

describe('the principal the gateway signs for subgraphs', () => {
  const signer = new PrincipalSigner(secret);

  it('is read back by a subgraph that shares the secret', () => {
    expect(signer.verify(signer.sign(admin))).toEqual(admin);
  });

  it('is refused when signed with another secret', () => {
    const forged = new PrincipalSigner('another-secret-of-thirty-two-characters').sign(admin);
    expect(signer.verify(forged)).toBeUndefined();
  });

  it('is refused when the role was edited after signing', () => {
    const headers = signer.sign({ ...admin, role: Role.LEARNER });
    const edited = Buffer.from(JSON.stringify(admin)).toString('base64url');
    expect(signer.verify({ ...headers, [PRINCIPAL_HEADER]: edited })).toBeUndefined();
  });

  it('is refused when replayed ten minutes later', () => {
    const headers = signer.sign(admin, Date.parse('2026-12-01T09:00:00Z'));
    expect(signer.verify(headers, Date.parse('2026-12-01T09:10:00Z'))).toBeUndefined();
    expect(signer.verify(headers, Date.parse('2026-12-01T09:01:00Z'))).toEqual(admin);
  });

  it('is refused when any header is missing', () => {
    const headers = signer.sign(admin);
    for (const header of [PRINCIPAL_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER]) {
      expect(signer.verify({ ...headers, [header]: undefined })).toBeUndefined();
    }
  });

  it('reads an API client back with its organization and scopes', () => {
    expect(signer.verify(signer.sign(lms))).toEqual(lms);
  });

  it('reads nothing from an API client with a scope the API does not know', () => {
    expect(signer.verify(signedPayload(signer, { ...lms, scopes: ['content:read', 'admin'] }))).toBeUndefined();
    expect(signer.verify(signedPayload(signer, { ...lms, scopes: 'content:read' }))).toBeUndefined();
    expect(signer.verify(signedPayload(signer, { ...lms, organizationId: undefined }))).toBeUndefined();
  });

  it('keeps only the fields of the principal, whatever else was signed', () => {
    expect(signer.verify(signedPayload(signer, { ...lms, role: Role.ADMIN }))).toEqual(lms);
  });

  it('cannot be created with a short secret', () => {
    expect(() => new PrincipalSigner('short')).toThrow(/at least 32/);
  });
});
