import { createHash } from 'node:crypto';
import { Role } from '@tend/auth';
import {
  givenOrganization,
  givenPerson,
  Organization,
  SmtpInbox,
  startSmtpInbox,
  startTestStack,
  TestStack,
  eventually,
  withClient,
} from '@tend/testing';

const LINK = /(http:\/\/\S+#sign-in=(\S+))/;

describe('a learner without a company account signs in with a link from their email', () => {
  let inbox: SmtpInbox;
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  const kai = `kai-${Date.now()}@acme.example`;
  const noor = `noor-${Date.now()}@acme.example`;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    stack = await startTestStack({ serviceEnv: { SMTP_URL: inbox.url } });
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    await givenPerson(stack, acme, { name: 'Kai Learner', role: Role.LEARNER, timezone: 'Europe/Berlin', email: kai });
    await givenPerson(stack, acme, {
      name: 'Noor Learner',
      role: Role.LEARNER,
      timezone: 'Europe/Berlin',
      email: noor,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await inbox?.close();
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${stack.urls.gateway}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  /** Asks for a link for the address and reads the secret from the email that arrives. */
  const linkFromEmail = async (email: string): Promise<string> => {
    const before = inbox.messages().length;
    expect(await post('/sign-in/email-link', { email })).toEqual({ status: 202, body: { accepted: true } });
    const message = await eventually(async () => {
      const mail = inbox
        .messages()
        .slice(before)
        .find((each) => each.to.includes(email.toLowerCase()));
      if (!mail) throw new Error(`no email to ${email} yet`);
      return mail;
    });
    const [, url, secret] = LINK.exec(message.text) ?? [];
    expect(url).toBeDefined();
    return secret;
  };

  it('opens the link once and is signed in as themself, with a token the API accepts', async () => {
    const link = await linkFromEmail(kai.toUpperCase());
    const redeemed = await post('/sign-in/redeem', { link });
    expect(redeemed.status).toBe(200);
    const { me } = await stack.graphql
      .as(redeemed.body.accessToken)
      .ok<{ me: { email: string; role: string } }>('{ me { email role } }');
    expect(me).toEqual({ email: kai, role: 'LEARNER' });
  });

  it('keeps only a hash of the link, which a second use no longer opens', async () => {
    const link = await linkFromEmail(kai);
    const secret = link.split('.')[1];
    const stored = await withClient(stack.databaseUrl, (client) =>
      client.query<{ secret_hash: string }>('SELECT secret_hash FROM cohorts.sign_in_links'),
    );
    expect(stored.rows.map((row) => row.secret_hash)).toContain(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored.rows)).not.toContain(secret);

    expect((await post('/sign-in/redeem', { link })).status).toBe(200);
    const again = await post('/sign-in/redeem', { link });
    expect(again.status).toBe(401);
    expect(again.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a link presented as another organization’s', async () => {
    const link = await linkFromEmail(kai);
    const [, secret] = link.split('.');
    const elsewhere = await post('/sign-in/redeem', { link: `${globex.organizationId}.${secret}` });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // Refused elsewhere, the link still opens where it belongs.
    expect((await post('/sign-in/redeem', { link })).status).toBe(200);
  });

  it('tells nobody whether an address is known, and says which field is wrong when it is no address', async () => {
    const before = inbox.messages().length;
    expect(await post('/sign-in/email-link', { email: 'nobody@acme.example' })).toEqual({
      status: 202,
      body: { accepted: true },
    });
    const bad = await post('/sign-in/email-link', { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
    const noLink = await post('/sign-in/redeem', { link: 'made-up' });
    expect(noLink.status).toBe(401);
    expect(inbox.messages().length).toBe(before);
  });

  // Cohorts sends before it answers, so by the 202 any email has been taken by the server.
  it('sends no fourth link within 15 minutes, so nobody can flood an inbox', async () => {
    const before = inbox.messages().length;
    expect((await post('/sign-in/email-link', { email: kai })).status).toBe(202);
    expect(inbox.messages().length).toBe(before);
  });

  it('refuses a link opened more than 15 minutes after it was sent', async () => {
    const link = await linkFromEmail(noor);
    await stack.setClock(new Date(Date.now() + 16 * 60_000).toISOString());
    const late = await post('/sign-in/redeem', { link });
    expect(late.status).toBe(401);
    expect(late.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
