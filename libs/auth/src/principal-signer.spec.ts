import { PRINCIPAL_HEADER, PrincipalSigner, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './principal-signer';
import { Role } from './principal';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const admin = { kind: 'person', organizationId: 'org-a', personId: 'person-1', role: Role.ADMIN } as const;

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

  it('cannot be created with a short secret', () => {
    expect(() => new PrincipalSigner('short')).toThrow(/at least 32/);
  });
});
