import { formatLinkSecret, hashOfSecret, newSecret, parseLinkSecret, signInLinkUrl } from './sign-in-link-secret';

const ORG = '0b5e8f3c-1f2a-4c3d-9e8f-112233445566';

describe('the secret a sign-in link carries', () => {
  it('reads back what it wrote, and points at the web app with the secret in the fragment only', () => {
    const link = { organizationId: ORG, secret: newSecret() };
    expect(parseLinkSecret(formatLinkSecret(link))).toEqual(link);
    const url = new URL(signInLinkUrl('https://tend.acme.example/', link));
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#sign-in=${ORG}.${link.secret}`);
  });

  it('is never the same twice, and only its hash is kept', () => {
    const secret = newSecret();
    expect(newSecret()).not.toBe(secret);
    expect(hashOfSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOfSecret(secret)).not.toContain(secret);
  });

  it.each([['made-up'], [`${ORG}.short`], [`not-an-id.${'a'.repeat(43)}`], [`${ORG}.${'a'.repeat(43)}.extra`], [42]])(
    'refuses %j as no link Tend made',
    (value) => {
      expect(parseLinkSecret(value)).toBeNull();
    },
  );
});
