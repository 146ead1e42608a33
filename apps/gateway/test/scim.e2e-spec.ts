import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, givenOrganization, Organization, startTestStack, TestStack, withClient } from '@tend/testing';

const SCIM_JSON = 'application/scim+json';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const CREATE_SCIM_TOKEN =
  'mutation($input: CreateScimTokenInput!) { createScimToken(input: $input) { token scimToken { id name } } }';
const SCIM_TOKENS = '{ scimTokens { edges { node { id name createdAt lastUsedAt revokedAt } } } }';
const REVOKE_SCIM_TOKEN = 'mutation($id: ID!) { revokeScimToken(id: $id) { id revokedAt } }';
const PERSON =
  'query($id: ID!) { person(id: $id) { name email timezone locale active externalId leader { id } team { name } } }';
const COHORT = 'query($id: ID!) { cohort(id: $id) { name members { edges { node { id } } } } }';

/** Low enough to reach in a test, high enough for a provisioning sequence sent twice. */
const RATE_LIMIT = 100;

interface FixtureStep {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  status: number;
  /** What the same request answers when sent again, when not `status` (a create of what now exists). */
  retryStatus?: number;
  /** Keeps the created resource's id under this name, for `{{name}}` in later steps. */
  capture?: string;
}

interface Fixture {
  steps: FixtureStep[];
  expected: Record<string, Record<string, unknown>> & { groupMembers: string[] };
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', 'scim', `${name}-provisioning.json`), 'utf8')) as Fixture;
}

interface ScimAnswer {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: Record<string, any>;
}

describe('an identity provider provisions people over SCIM 2.0', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;

  /** Sends one SCIM request to the gateway, as an identity provider does. */
  async function scim(token: string, method: string, path: string, body?: unknown): Promise<ScimAnswer> {
    const response = await fetch(`${stack.urls.gateway}/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': SCIM_JSON }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, any>) : {},
    };
  }

  async function givenScimToken(organization: Organization, name = 'Okta'): Promise<{ id: string; token: string }> {
    const { createScimToken } = await organization.admin.ok(CREATE_SCIM_TOKEN, { input: { name } });
    return { id: createScimToken.scimToken.id, token: createScimToken.token };
  }

  function outboxCount(organizationId: string): Promise<number> {
    return withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM cohorts.outbox WHERE organization_id = $1', [
        organizationId,
      ]);
      return rows[0].n as number;
    });
  }

  function eventTypes(organizationId: string): Promise<string[]> {
    return withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query('SELECT DISTINCT type FROM cohorts.outbox WHERE organization_id = $1', [
        organizationId,
      ]);
      return rows.map((row: { type: string }) => row.type);
    });
  }

  beforeAll(async () => {
    stack = await startTestStack({
      logLevel: 'info',
      serviceEnv: { SCIM_TOKEN_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) },
    });
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
  });

  afterAll(() => stack?.stop());

  it('an admin creates a token, sees it once, and lists it without its secret', async () => {
    const { id, token } = await givenScimToken(acme, 'Okta');
    expect(token).toMatch(/^tend_scim_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect((await scim(token, 'GET', '/ServiceProviderConfig')).status).toBe(200);

    const listed = await acme.admin.ok(SCIM_TOKENS);
    expect(JSON.stringify(listed)).not.toContain(token.slice(-43));
    const mine = listed.scimTokens.edges.find((edge: { node: { id: string } }) => edge.node.id === id);
    expect(mine.node).toMatchObject({ name: 'Okta', revokedAt: null });
    expect(Date.parse(mine.node.lastUsedAt)).not.toBeNaN();
  });

  it('tells the client what it supports: ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const { token } = await givenScimToken(acme);
    const config = await scim(token, 'GET', '/ServiceProviderConfig');
    expect(config.contentType).toContain(SCIM_JSON);
    expect(config.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
    });
    const types = await scim(token, 'GET', '/ResourceTypes');
    expect(types.body.Resources.map((type: { endpoint: string }) => type.endpoint)).toEqual(['/Users', '/Groups']);
    expect(types.body.Resources[0].schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }]);
    const schemas = await scim(token, 'GET', '/Schemas');
    expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER, ENTERPRISE, GROUP]);
    const user = (await scim(token, 'GET', `/Schemas/${USER}`)).body;
    expect(user.attributes.map((attribute: { name: string }) => attribute.name)).toEqual(
      expect.arrayContaining(['userName', 'name', 'displayName', 'emails', 'active', 'timezone', 'locale']),
    );
    expect(user.attributes.map((attribute: { name: string }) => attribute.name)).not.toContain('password');
  });

  it.each(['okta', 'entra'])(
    'the %s provisioning sequence applies once, and each request sent again changes nothing',
    async (provider) => {
      const organization = await givenOrganization(stack, `${provider} customer`);
      const { token } = await givenScimToken(organization, provider);
      const { steps, expected } = fixture(provider);
      const ids: Record<string, string> = {};
      const filled = (value: unknown) =>
        JSON.parse(
          JSON.stringify(value ?? null).replace(/\{\{(\w+)\}\}/g, (_match, name: string) => ids[name]),
        ) as unknown;

      for (const step of steps) {
        const path = filled(step.path) as string;
        const body = step.body === undefined ? undefined : filled(step.body);
        const first = await scim(token, step.method, path, body);
        expect({ step: step.name, status: first.status }).toEqual({ step: step.name, status: step.status });
        expect(first.contentType).toContain(SCIM_JSON);
        if (step.capture) ids[step.capture] = first.body.id as string;

        const eventsBefore = await outboxCount(organization.organizationId);
        const again = await scim(token, step.method, path, body);
        expect({ step: step.name, status: again.status }).toEqual({
          step: step.name,
          status: step.retryStatus ?? step.status,
        });
        if (again.status === 409) expect(again.body).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness' });
        else expect(again.body).toEqual(first.body);
        expect({ step: step.name, events: await outboxCount(organization.organizationId) }).toEqual({
          step: step.name,
          events: eventsBefore,
        });
      }

      const [subject, wanted] = Object.entries(expected).find(([name]) => name !== 'groupMembers') as [
        string,
        Record<string, unknown>,
      ];
      const { person } = await organization.admin.ok(PERSON, { id: ids[subject] });
      expect(person).toMatchObject({
        name: wanted.name,
        timezone: wanted.timezone,
        locale: wanted.locale,
        active: wanted.active,
        leader: { id: ids[wanted.leader as string] },
        team: { name: wanted.team },
        ...(wanted.email ? { email: wanted.email } : {}),
      });
      const { cohort } = await organization.admin.ok(COHORT, { id: ids.group });
      expect(cohort.members.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(
        expected.groupMembers.map((name) => ids[name]),
      );
      // The scheduler learns of joiners, movers, leavers and cohort changes from the same events as ever.
      expect(await eventTypes(organization.organizationId)).toEqual(
        expect.arrayContaining([
          'cohorts.person_upserted',
          'cohorts.person_deactivated',
          'cohorts.cohort_upserted',
          'cohorts.cohort_members_added',
          'cohorts.cohort_members_removed',
        ]),
      );
    },
  );

  describe('lists, as RFC 7644 §3.4.2 describes', () => {
    let token: string;
    const people = [
      { userName: 'bjensen@example.com', displayName: 'Babs Jensen', userType: 'Leader', timezone: 'America/Chicago' },
      { userName: 'jsmith@example.com', displayName: 'Jim Smith', timezone: 'Europe/London' },
      { userName: 'jdoe@example.org', displayName: 'Jane Doe', timezone: 'Asia/Kolkata' },
      { userName: 'jroe@example.org', displayName: 'Jo Roe', timezone: 'Asia/Kolkata', active: false },
    ];
    const created: Record<string, { id: string; lastModified: string }> = {};

    beforeAll(async () => {
      const initech = await givenOrganization(stack, 'Initech');
      token = (await givenScimToken(initech)).token;
      for (const person of people) {
        const answer = await scim(token, 'POST', '/Users', { schemas: [USER], ...person });
        expect(answer.status).toBe(201);
        created[person.userName] = { id: answer.body.id, lastModified: answer.body.meta.lastModified };
      }
    });

    /**
     * The RFC's people a query finds. The organization's first admin is left out: their address
     * (`hr-<random>@acme.example`) is drawn at random, so whether `co "o"` finds it was chance.
     */
    async function userNames(query: string): Promise<string[]> {
      const answer = await scim(token, 'GET', `/Users?${query}`);
      expect(answer.status).toBe(200);
      return answer.body.Resources.map((user: { userName: string }) => user.userName).filter(
        (userName: string) => !userName.startsWith('hr-'),
      );
    }

    const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;

    it('filters with eq, co, sw, and, or, and meta.lastModified gt', async () => {
      expect(await userNames(filter('userName eq "BJensen@example.com"'))).toEqual(['bjensen@example.com']);
      expect(await userNames(filter('displayName co "o"'))).toEqual(['jdoe@example.org', 'jroe@example.org']);
      expect(await userNames(filter('userName sw "J"'))).toEqual([
        'jsmith@example.com',
        'jdoe@example.org',
        'jroe@example.org',
      ]);
      expect(await userNames(filter('userName sw "j" and active eq true'))).toEqual([
        'jsmith@example.com',
        'jdoe@example.org',
      ]);
      expect(await userNames(filter('userType eq "Leader" or timezone eq "Europe/London"'))).toEqual([
        'bjensen@example.com',
        'jsmith@example.com',
      ]);
      // RFC 7644 §3.4.2.2's examples, on the attributes Tend keeps.
      expect(await userNames(filter('emails[type eq "work" and value co "@example.com"]'))).toEqual([
        'bjensen@example.com',
        'jsmith@example.com',
      ]);
      expect(
        await userNames(filter('userType eq "Learner" and (emails co "example.com" or emails.value co "example.org")')),
      ).toEqual(['jsmith@example.com', 'jdoe@example.org', 'jroe@example.org']);
    });

    it('finds the people changed since a time, by meta.lastModified gt', async () => {
      const since = created['jdoe@example.org'].lastModified;
      expect(await userNames(filter(`meta.lastModified gt "${since}"`))).toEqual(['jroe@example.org']);
      const update = await scim(token, 'PATCH', `/Users/${created['bjensen@example.com'].id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'timezone', value: 'America/Denver' }],
      });
      expect(update.status).toBe(200);
      expect(await userNames(filter(`meta.lastModified gt "${since}"`))).toEqual([
        'bjensen@example.com',
        'jroe@example.org',
      ]);
    });

    it('pages with startIndex and count, and says how many match', async () => {
      // The organization's first admin, made with the CLI, comes first: five people in all.
      const page = await scim(token, 'GET', '/Users?startIndex=2&count=2');
      expect(page.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 5,
        startIndex: 2,
        itemsPerPage: 2,
      });
      expect(page.body.Resources.map((user: { userName: string }) => user.userName)).toEqual([
        'bjensen@example.com',
        'jsmith@example.com',
      ]);
      const last = await scim(token, 'GET', '/Users?startIndex=5&count=2');
      expect(last.body).toMatchObject({ totalResults: 5, startIndex: 5, itemsPerPage: 1 });
      const counted = await scim(token, 'GET', '/Users?count=0');
      expect(counted.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    });

    it('returns only the attributes asked for, or all but those excluded', async () => {
      const only = await scim(
        token,
        'GET',
        `/Users?${filter('userName eq "jsmith@example.com"')}&attributes=userName,${ENTERPRISE}:department,name.formatted`,
      );
      expect(only.body.Resources[0]).toEqual({
        schemas: [USER, ENTERPRISE],
        id: created['jsmith@example.com'].id,
        userName: 'jsmith@example.com',
        name: { formatted: 'Jim Smith' },
        [ENTERPRISE]: {},
      });
      const without = await scim(
        token,
        'GET',
        `/Users/${created['jsmith@example.com'].id}?excludedAttributes=emails,meta,id`,
      );
      expect(without.body).toMatchObject({ id: created['jsmith@example.com'].id, userName: 'jsmith@example.com' });
      expect(without.body).not.toHaveProperty('emails');
      expect(without.body).not.toHaveProperty('meta');
    });

    it('refuses a filter it cannot read with 400 invalidFilter, as RFC 7644 §3.12 words errors', async () => {
      for (const bad of [
        'userName zz "x"',
        'userName eq "x" or (',
        'nickName eq "x"',
        'meta.lastModified gt "yesterday"',
        'active eq "yes"',
      ]) {
        const answer = await scim(token, 'GET', `/Users?${filter(bad)}`);
        expect({ bad, status: answer.status }).toEqual({ bad, status: 400 });
        expect(answer.contentType).toContain(SCIM_JSON);
        expect(answer.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
        expect(typeof answer.body.detail).toBe('string');
      }
    });

    it("answers the people rules' refusals and bad bodies as SCIM errors", async () => {
      const noZone = await scim(token, 'POST', '/Users', {
        schemas: [USER],
        userName: 'new@example.com',
        displayName: 'New',
      });
      expect(noZone.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      expect(noZone.body.detail).toContain('timezone');
      const learnerLead = await scim(token, 'PATCH', `/Users/${created['jsmith@example.com'].id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: created['jdoe@example.org'].id } }],
      });
      expect(learnerLead.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
      expect(learnerLead.body.detail).toContain('manager');
      const notJson = await scim(token, 'POST', '/Users', '{"userName": ');
      expect(notJson.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
      const badPath = await scim(token, 'PATCH', `/Users/${created['jsmith@example.com'].id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'emails[type eq', value: 'x' }],
      });
      expect(badPath.body).toMatchObject({ status: '400', scimType: 'invalidPath' });
      expect((await scim(token, 'GET', '/Users/not-an-id')).body).toMatchObject({ schemas: [ERROR], status: '404' });
    });

    it('keeps groups as cohorts: RFC 7644 §3.5.2.3 member replacement, PUT, members filters and DELETE', async () => {
      const [babs, jim, jane] = ['bjensen@example.com', 'jsmith@example.com', 'jdoe@example.org'].map(
        (userName) => created[userName].id,
      );
      const group = await scim(token, 'POST', '/Groups', {
        schemas: [GROUP],
        displayName: 'Tour Guides',
        members: [{ value: babs }],
      });
      expect(group.status).toBe(201);
      expect(group.headers.get('location')).toBe(`/scim/v2/Groups/${group.body.id}`);
      const path = `/Groups/${group.body.id}`;
      // A group's members are a set (RFC 7643 §4.2): two added in one request come back in either order.
      const memberIds = (answer: ScimAnswer) =>
        answer.body.members.map((member: { value: string }) => member.value).sort();

      const replaced = await scim(token, 'PATCH', path, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'members', value: [{ value: jim }, { value: jane }] }],
      });
      expect(memberIds(replaced)).toEqual([jim, jane].sort());
      const put = await scim(token, 'PUT', path, {
        schemas: [GROUP],
        displayName: 'Guides',
        members: [{ value: jane }],
      });
      expect(put.body).toMatchObject({ displayName: 'Guides' });
      expect(memberIds(put)).toEqual([jane]);

      const withJane = await scim(
        token,
        'GET',
        `/Groups?${filter(`members[value eq "${jane}"]`)}&excludedAttributes=members`,
      );
      expect(withJane.body.Resources).toEqual([expect.objectContaining({ id: group.body.id, displayName: 'Guides' })]);
      expect(withJane.body.Resources[0]).not.toHaveProperty('members');
      expect((await scim(token, 'GET', `/Groups?${filter(`members[value eq "${babs}"]`)}`)).body.totalResults).toBe(0);
      expect((await scim(token, 'POST', '/Groups', { schemas: [GROUP], displayName: 'guides' })).body).toMatchObject({
        status: '409',
        scimType: 'uniqueness',
      });

      expect((await scim(token, 'DELETE', path)).status).toBe(204);
      expect((await scim(token, 'GET', path)).body).toMatchObject({ displayName: 'Guides', members: [] });
    });

    it('DELETE deactivates: the person stays, inactive, with their history', async () => {
      const id = created['jsmith@example.com'].id;
      expect((await scim(token, 'DELETE', `/Users/${id}`)).status).toBe(204);
      expect((await scim(token, 'DELETE', `/Users/${id}`)).status).toBe(204);
      expect((await scim(token, 'GET', `/Users/${id}`)).body).toMatchObject({ id, active: false });
    });
  });

  it("a token of one organization never sees another's people", async () => {
    const acmeToken = (await givenScimToken(acme)).token;
    const globexToken = (await givenScimToken(globex)).token;
    const created = await scim(acmeToken, 'POST', '/Users', {
      schemas: [USER],
      userName: 'secret@acme.example',
      displayName: 'Only Acme',
      timezone: 'UTC',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    expect((await scim(globexToken, 'GET', `/Users/${id}`)).status).toBe(404);
    expect((await scim(globexToken, 'GET', `/Users?filter=${encodeURIComponent(`id eq "${id}"`)}`)).body).toMatchObject(
      {
        totalResults: 0,
      },
    );
    expect(
      (await scim(globexToken, 'GET', '/Users?filter=userName%20eq%20%22secret%40acme.example%22')).body.totalResults,
    ).toBe(0);
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] };
    expect((await scim(globexToken, 'PATCH', `/Users/${id}`, patch)).status).toBe(404);
    expect((await scim(globexToken, 'DELETE', `/Users/${id}`)).status).toBe(404);
    const group = await scim(globexToken, 'POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Poach',
      members: [{ value: id }],
    });
    expect(group.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim(acmeToken, 'GET', `/Users/${id}`)).body).toMatchObject({ id, active: true });
  });

  it('logs the requests without the people named in their filters, and without the token', async () => {
    const { token } = await givenScimToken(acme);
    const answer = await scim(
      token,
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "unlogged@acme.example"')}`,
    );
    expect(answer.status).toBe(200);
    await eventually(async () => {
      const gatewayLog = readFileSync(join(stack.logDir, 'gateway.log'), 'utf8');
      expect(gatewayLog).toContain('"url":"/scim/v2/Users"');
    });
    for (const service of ['gateway', 'cohorts']) {
      const log = readFileSync(join(stack.logDir, `${service}.log`), 'utf8');
      expect(log).not.toContain('unlogged');
      expect(log).not.toContain(token.slice(-43));
    }
  });

  it('forwards nothing outside /scim/v2, however the path climbs out of it', async () => {
    const { token } = await givenScimToken(acme, 'Climber');
    const port = new URL(stack.urls.gateway).port;
    // Raw requests: fetch would resolve the dot segments before sending them.
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((answered, failed) => {
        const outgoing = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path,
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          },
          (incoming) => {
            let body = '';
            incoming.on('data', (chunk) => (body += chunk));
            incoming.on('end', () => answered({ status: incoming.statusCode ?? 0, body }));
          },
        );
        outgoing.on('error', failed);
        outgoing.end(JSON.stringify({ query: '{ __typename }' }));
      });
    for (const path of [
      '/scim/v2/../../graphql',
      '/scim/v2/%2e%2e/%2E%2E/graphql',
      '/scim/v2/../graphql',
      '/scim/v2/Users/../../../internal/audit',
    ]) {
      const answer = await raw(path);
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('"data"');
      expect(JSON.parse(answer.body)).toMatchObject({ schemas: [ERROR], status: '404' });
    }
  });

  it('refuses a revoked token from the next request on, and anything that is not a token', async () => {
    const { id, token } = await givenScimToken(acme);
    expect((await scim(token, 'GET', '/Users?count=1')).status).toBe(200);
    await acme.admin.ok(REVOKE_SCIM_TOKEN, { id });
    const refused = await scim(token, 'GET', '/Users?count=1');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ schemas: [ERROR], status: '401' });
    expect((await scim('tend_scim_000000000000_' + 'A'.repeat(43), 'GET', '/Users')).status).toBe(401);
    expect((await scim(acme.adminToken, 'GET', '/Users')).status).toBe(401);
    // A SCIM token is no key to the GraphQL API.
    expect((await stack.graphql.as(token).error('{ people { edges { node { id } } } }')).code).toBe('UNAUTHENTICATED');
  });

  it('limits each token to SCIM_TOKEN_RATE_LIMIT_PER_MINUTE requests a minute', async () => {
    const { token } = await givenScimToken(globex);
    const other = (await givenScimToken(globex)).token;
    // A burst may straddle two one-minute windows, so the refusal comes within two limits' worth.
    let answer: ScimAnswer | undefined;
    for (let request = 0; request <= 2 * RATE_LIMIT && answer?.status !== 429; request++) {
      answer = await scim(token, 'GET', '/ServiceProviderConfig');
    }
    expect(answer?.status).toBe(429);
    expect(Number(answer?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answer?.body).toMatchObject({ schemas: [ERROR], status: '429' });
    expect((await scim(other, 'GET', '/ServiceProviderConfig')).status).toBe(200);
  });
});
