import { createHmac, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { Role } from '@tend/auth';
import { givenOrganization, givenPerson, Organization, startTestStack, TestStack, uniqueSuffix } from '@tend/testing';

const CONFIGURE =
  'mutation($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { issuer jwksUrl audience } }';
const IDENTITY_PROVIDER = '{ identityProvider { issuer jwksUrl audience } }';
const ME = '{ me { id email role } }';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicPem: string;
}

function newRsaKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid: `kid-${uniqueSuffix()}`,
    privateKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** An identity provider's key endpoint on loopback: each path serves its own keys, and counts its requests. */
class JwksServer {
  readonly keys = new Map<string, SigningKey[]>();
  readonly requests = new Map<string, number>();
  private readonly server: Server = createServer((request, response) => {
    const path = request.url ?? '';
    this.requests.set(path, (this.requests.get(path) ?? 0) + 1);
    const keys = (this.keys.get(path) ?? []).map((key) => ({
      ...createPublicKey(key.privateKey).export({ format: 'jwk' }),
      kid: key.kid,
      alg: 'RS256',
      use: 'sig',
    }));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Provider {
  issuer: string;
  audience: string;
  path: string;
}

function tokenOf(
  provider: Provider,
  key: SigningKey,
  claims: Record<string, unknown>,
  options: Partial<jwt.SignOptions> = {},
): string {
  return jwt.sign(claims, key.privateKey, {
    algorithm: 'RS256',
    keyid: key.kid,
    issuer: provider.issuer,
    audience: provider.audience,
    ...(claims.exp === undefined && { expiresIn: 300 }),
    ...options,
  });
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('people sign in with their organization’s identity provider', () => {
  let stack: TestStack;
  let jwks: JwksServer;
  let acme: Organization;
  let globex: Organization;
  let acmeKey: SigningKey;
  let globexKey: SigningKey;
  const acmeIdp: Provider = {
    issuer: `https://idp-${uniqueSuffix()}.acme.example/`,
    audience: 'tend-acme',
    path: '/acme/jwks',
  };
  const globexIdp: Provider = {
    issuer: `https://idp-${uniqueSuffix()}.globex.example/`,
    audience: 'tend-globex',
    path: '/globex/jwks',
  };
  const leaderEmail = `lee-${uniqueSuffix()}@acme.example`;
  let leaderId: string;

  beforeAll(async () => {
    jwks = new JwksServer();
    await jwks.start();
    acmeKey = newRsaKey();
    globexKey = newRsaKey();
    jwks.keys.set(acmeIdp.path, [acmeKey]);
    jwks.keys.set(globexIdp.path, [globexKey]);
    stack = await startTestStack({ serviceEnv: { ALLOW_LOOPBACK_IDENTITY_PROVIDERS: 'true' } });
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    leaderId = (await givenPerson(stack, acme, { name: 'Lee', role: Role.LEADER, timezone: 'UTC', email: leaderEmail }))
      .id;
  });

  afterAll(async () => {
    await stack?.stop();
    await jwks?.stop();
  });

  it('is configured by an admin, and a matching person signs in with Tend’s role, keys fetched once', async () => {
    expect(await acme.admin.ok(IDENTITY_PROVIDER)).toEqual({ identityProvider: null });
    const input = { issuer: acmeIdp.issuer, jwksUrl: jwks.url(acmeIdp.path), audience: acmeIdp.audience };
    expect(await acme.admin.ok(CONFIGURE, { input })).toEqual({ configureIdentityProvider: input });
    expect(await acme.admin.ok(IDENTITY_PROVIDER)).toEqual({ identityProvider: input });

    // The provider claims an admin role; Tend knows Lee as a leader, and that is what counts.
    const lee = stack.graphql.as(tokenOf(acmeIdp, acmeKey, { email: leaderEmail.toUpperCase(), role: 'ADMIN' }));
    for (let i = 0; i < 5; i++) {
      expect(await lee.ok(ME)).toEqual({ me: { id: leaderId, email: leaderEmail, role: 'LEADER' } });
    }
    expect((await lee.error('{ apiClients { edges { node { id } } } }')).code).toBe('FORBIDDEN');
    expect(jwks.requests.get(acmeIdp.path)).toBe(1);
  });

  it('follows a key rotation and refuses a kid the provider never had', async () => {
    const rotated = newRsaKey();
    jwks.keys.set(acmeIdp.path, [rotated]);
    const lee = stack.graphql.as(tokenOf(acmeIdp, rotated, { email: leaderEmail }));
    expect(await lee.ok(ME)).toMatchObject({ me: { id: leaderId } });
    expect(jwks.requests.get(acmeIdp.path)).toBe(2);

    const unknown = { ...newRsaKey(), kid: `never-${uniqueSuffix()}` };
    const stranger = stack.graphql.as(tokenOf(acmeIdp, unknown, { email: leaderEmail }));
    expect((await stranger.error(ME)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses every token that does not check out, with the same message', async () => {
    const [key] = jwks.keys.get(acmeIdp.path) ?? [];
    const now = Math.floor(Date.now() / 1000);
    const claims = { email: leaderEmail };
    const header = { alg: 'none', typ: 'JWT', kid: key.kid };
    const payload = { ...claims, iss: acmeIdp.issuer, aud: acmeIdp.audience, iat: now, exp: now + 300 };
    const unsignedNone = `${base64url(header)}.${base64url(payload)}.`;
    const hsSigningInput = `${base64url({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${base64url(payload)}`;
    const hmacWithPublicKey = `${hsSigningInput}.${createHmac('sha256', key.publicPem).update(hsSigningInput).digest('base64url')}`;
    const otherKey = { ...newRsaKey(), kid: key.kid };

    const refused = {
      wrongAudience: tokenOf(acmeIdp, key, claims, { audience: 'someone-else' }),
      expired: tokenOf(acmeIdp, key, { ...claims, iat: now - 3600, exp: now - 120 }),
      algNone: unsignedNone,
      hmacWithPublicKey,
      keyNotPublished: tokenOf(acmeIdp, otherKey, claims),
      unknownEmail: tokenOf(acmeIdp, key, { email: `nobody-${uniqueSuffix()}@acme.example` }),
      unverifiedEmail: tokenOf(acmeIdp, key, { ...claims, email_verified: false }),
    };
    const messages = new Set<string>();
    for (const [name, token] of Object.entries(refused)) {
      const error = await stack.graphql.as(token).error(ME);
      expect({ name, code: error.code }).toEqual({ name, code: 'UNAUTHENTICATED' });
      messages.add(error.message);
    }
    expect(messages.size).toBe(1);
  });

  it('does not let another organization’s provider sign people into this one', async () => {
    const input = { issuer: globexIdp.issuer, jwksUrl: jwks.url(globexIdp.path), audience: globexIdp.audience };
    await globex.admin.ok(CONFIGURE, { input });
    const intruder = stack.graphql.as(tokenOf(globexIdp, globexKey, { email: leaderEmail }));
    expect((await intruder.error(ME)).code).toBe('UNAUTHENTICATED');
    const forged = stack.graphql.as(tokenOf(acmeIdp, globexKey, { email: leaderEmail }));
    expect((await forged.error(ME)).code).toBe('UNAUTHENTICATED');

    const taken = await globex.admin.error(CONFIGURE, {
      input: { ...input, issuer: acmeIdp.issuer },
    });
    expect(taken.code).toBe('CONFLICT');
  });

  it('is configured by admins only, with keys served over https from public addresses', async () => {
    const input = { issuer: `https://idp-${uniqueSuffix()}.example/`, jwksUrl: jwks.url('/x'), audience: 'tend' };
    const learner = await givenPerson(stack, acme, { name: 'Lin', role: Role.LEARNER, timezone: 'UTC' });
    const leader = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    expect((await learner.client.error(CONFIGURE, { input })).code).toBe('FORBIDDEN');
    expect((await leader.client.error(CONFIGURE, { input })).code).toBe('FORBIDDEN');
    expect((await leader.client.error(IDENTITY_PROVIDER)).code).toBe('FORBIDDEN');

    const notPublic = ['https://10.0.0.1/jwks', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/jwks'];
    for (const jwksUrl of ['http://idp.example/jwks', 'http://10.0.0.1:8080/jwks', ...notPublic]) {
      const error = await acme.admin.error(CONFIGURE, { input: { ...input, jwksUrl } });
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.jwksUrl' } });
    }
    const plainIssuer = await acme.admin.error(CONFIGURE, { input: { ...input, issuer: 'http://idp.example/' } });
    expect(plainIssuer).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.issuer' } });
  });
});
