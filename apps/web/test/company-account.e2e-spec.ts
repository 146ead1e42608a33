import { createHash } from 'node:crypto';
import { Role } from '@tend/auth';
import {
  givenOrganization,
  givenPerson,
  OidcProvider,
  Organization,
  startOidcProvider,
  startTestBrowser,
  startTestStack,
  TestBrowser,
  TestStack,
} from '@tend/testing';

describe('a learner whose workplace has its own identity provider signs in with their company account', () => {
  let stack: TestStack;
  let browser: TestBrowser;
  let provider: OidcProvider;
  let globex: Organization;
  let acme: Organization;
  const ola = `ola-${Date.now()}@globex.example`;

  beforeAll(async () => {
    provider = await startOidcProvider();
    stack = await startTestStack({ serviceEnv: { ALLOW_LOOPBACK_IDENTITY_PROVIDERS: 'true' } });
    browser = await startTestBrowser(stack.urls.gateway);
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    await globex.admin.ok(
      'mutation($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { issuer } }',
      { input: { issuer: provider.issuer, jwksUrl: provider.jwksUrl, audience: provider.clientId } },
    );
    await givenPerson(stack, globex, { name: 'Ola Learner', role: Role.LEARNER, timezone: 'UTC', email: ola });
    provider.signInAs(ola);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await provider?.close();
  });

  it('goes to the provider and back, and is signed in with no code left in the address bar', async () => {
    const { page, screenshots, seriousViolations } = await browser.open('company-account');
    await page.goto(`/?organization=${globex.organizationId}`);
    const button = page.getByRole('button', { name: 'Sign in with your company account' });
    await button.waitFor();
    await screenshots('sign-in');
    expect(await seriousViolations()).toEqual([]);

    await button.click();
    await page.getByRole('heading', { name: 'Hello, Ola' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(provider.exchanges()).toEqual({ granted: 1, refused: 0 });
  });

  it('refuses a code traded without the verifier of the browser that asked for it', async () => {
    const redirectUri = `${stack.urls.gateway}/`;
    const challenge = createHash('sha256').update('the-real-verifier-'.padEnd(43, 'x')).digest('base64url');
    const authorize = await fetch(
      `${provider.issuer}/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: provider.clientId,
        redirect_uri: redirectUri,
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })}`,
      { redirect: 'manual' },
    );
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code');
    const traded = await fetch(`${stack.urls.gateway}/sign-in/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organizationId: globex.organizationId,
        code,
        codeVerifier: 'a-stolen-code-without-its-verifier'.padEnd(43, 'y'),
        redirectUri,
      }),
    });
    expect(traded.status).toBe(401);
    expect(((await traded.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(provider.exchanges().refused).toBe(1);
  });

  it('says a workplace without an identity provider signs in by email link', async () => {
    const answer = await fetch(`${stack.urls.gateway}/sign-in/oidc/${acme.organizationId}`);
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
