import { createHash } from 'node:crypto';
import { Role } from '@tend/auth';
import {
  givenFirstLessonDelivered,
  givenApiClient,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Organization,
  PublishedTrack,
  startTestStack,
  TestStack,
} from '@tend/testing';

const TRACK = 'query($id: ID!) { track(id: $id) { id title lessons { title } } }';
const TRACKS = '{ tracks { edges { node { id title } } } }';
const CREATE_TRACK = 'mutation { createTrack(input: { title: "From the LMS" }) { id title status } }';
const CREATE_API_CLIENT =
  'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id name scopes key } }';
const API_CLIENTS = '{ apiClients { edges { node { id name scopes createdAt lastUsedAt revokedAt } } } }';

/** Low enough to reach in a test; no other test here makes this many requests with one key. */
const RATE_LIMIT = 10;

describe('a third-party LMS calls the API with a key of its own', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let acmeTrack: PublishedTrack;
  let globexTrack: PublishedTrack;

  beforeAll(async () => {
    stack = await startTestStack({ serviceEnv: { API_KEY_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } });
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    acmeTrack = await givenPublishedTrack(acme.admin, [{ title: 'Read me', kind: 'READ' }]);
    globexTrack = await givenPublishedTrack(globex.admin, [{ title: 'Globex only', kind: 'READ' }]);
  });

  afterAll(() => stack?.stop());

  it('gets its key once, from an admin, and reads tracks with content:read', async () => {
    const { createApiClient } = await acme.admin.ok(CREATE_API_CLIENT, {
      input: { name: 'Cornerstone', scopes: ['content:read'] },
    });
    expect(createApiClient).toMatchObject({ name: 'Cornerstone', scopes: ['content:read'] });
    expect(createApiClient.key).toMatch(/^tend_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);

    const lms = stack.graphql.as(createApiClient.key);
    const { tracks } = await lms.ok(TRACKS);
    expect(tracks.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([acmeTrack.trackId]);
    const { track } = await lms.ok(TRACK, { id: acmeTrack.trackId });
    expect(track).toEqual({
      id: acmeTrack.trackId,
      title: 'Service starts with leaders',
      lessons: [{ title: 'Read me' }],
    });

    const listed = await acme.admin.send(API_CLIENTS);
    expect(JSON.stringify(listed)).not.toContain(createApiClient.key.slice('tend_'.length + 13));
    const mine = listed.data?.apiClients.edges.find(
      (edge: { node: { id: string } }) => edge.node.id === createApiClient.id,
    );
    expect(mine.node).toMatchObject({ name: 'Cornerstone', scopes: ['content:read'], revokedAt: null });
    expect(Date.parse(mine.node.lastUsedAt)).not.toBeNaN();
  });

  it('may do only what its scopes allow', async () => {
    const reader = await givenApiClient(stack, acme, ['content:read']);
    expect((await reader.client.error(CREATE_TRACK)).code).toBe('FORBIDDEN');
    expect((await reader.client.error('{ people { edges { node { id } } } }')).code).toBe('FORBIDDEN');
    expect((await reader.client.error('{ me { id } }')).code).toBe('FORBIDDEN');
    expect((await reader.client.error(API_CLIENTS)).code).toBe('FORBIDDEN');
    expect(
      (await reader.client.error(CREATE_API_CLIENT, { input: { name: 'Mine', scopes: ['content:write'] } })).code,
    ).toBe('FORBIDDEN');

    const writer = await givenApiClient(stack, acme, ['content:write']);
    const { createTrack } = await writer.client.ok(CREATE_TRACK);
    expect(createTrack).toMatchObject({ title: 'From the LMS', status: 'DRAFT' });
    expect((await writer.client.error(TRACKS)).code).toBe('FORBIDDEN');
  });

  it('reads learners’ deliveries with progress:read, people and lessons included', async () => {
    const learner = await givenPerson(stack, acme, { name: 'Lin', role: Role.LEARNER, timezone: 'UTC' });
    await givenEnrolledCohort(acme, acmeTrack, [learner.id]);
    await givenFirstLessonDelivered(learner);
    const progress = await givenApiClient(stack, acme, ['progress:read']);
    const { deliveries } = await progress.client.ok(
      'query($p: ID) { deliveries(personId: $p) { edges { node { kind status person { id name } lesson { title } } } } }',
      { p: learner.id },
    );
    expect(deliveries.edges).toEqual([
      {
        node: { kind: 'LESSON', status: 'SENT', person: { id: learner.id, name: 'Lin' }, lesson: { title: 'Read me' } },
      },
    ]);
  });

  it('is created by admins only', async () => {
    const input = { name: 'Sneaky', scopes: ['content:read'] };
    const learner = await givenPerson(stack, acme, { name: 'Lou', role: Role.LEARNER, timezone: 'UTC' });
    const leader = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    expect((await learner.client.error(CREATE_API_CLIENT, { input })).code).toBe('FORBIDDEN');
    expect((await leader.client.error(CREATE_API_CLIENT, { input })).code).toBe('FORBIDDEN');
    expect((await leader.client.error(API_CLIENTS)).code).toBe('FORBIDDEN');
  });

  it('is refused a scope the API does not know, naming which one', async () => {
    const error = await acme.admin.error(CREATE_API_CLIENT, {
      input: { name: 'Typo', scopes: ['content:read', 'content:admin'] },
    });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.scopes.1' } });
    const empty = await acme.admin.error(CREATE_API_CLIENT, { input: { name: 'Nothing', scopes: [] } });
    expect(empty).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.scopes' } });
  });

  it('stops working on the very next request once revoked, however often it was used before', async () => {
    const lms = await givenApiClient(stack, acme, ['content:read']);
    // The gateway keeps cohorts' answer for a key it has seen before; the revocation must end it.
    for (let request = 0; request < 3; request++) await lms.client.ok(TRACKS);
    const { revokeApiClient } = await acme.admin.ok(
      'mutation($id: ID!) { revokeApiClient(id: $id) { id revokedAt } }',
      {
        id: lms.id,
      },
    );
    expect(Date.parse(revokeApiClient.revokedAt)).not.toBeNaN();
    const refused = await lms.client.send(TRACKS);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('is refused when made up, even with a real prefix', async () => {
    const { key } = await givenApiClient(stack, acme, ['content:read']);
    const [, prefix] = key.split('_');
    const forged = `tend_${prefix}_${'A'.repeat(43)}`;
    expect((await stack.graphql.as(forged).error(TRACKS)).code).toBe('UNAUTHENTICATED');
    expect((await stack.graphql.as('tend_nonsense').error(TRACKS)).code).toBe('UNAUTHENTICATED');
  });

  it('runs only its registered operations once an admin restricts it, sent in full or by hash', async () => {
    const lms = await givenApiClient(stack, acme, ['content:read', 'people:read']);
    const setOperations = (operations: string[] | null) =>
      acme.admin.send(
        'mutation($input: SetApiClientOperationsInput!) { setApiClientOperations(input: $input) { id allowedOperations { sha256 name } } }',
        { input: { apiClientId: lms.id, operations } },
      );
    const registered = await setOperations([TRACK]);
    const sha256 = createHash('sha256').update(TRACK).digest('hex');
    expect(registered.data?.setApiClientOperations.allowedOperations).toEqual([{ sha256, name: null }]);

    const inFull = await lms.client.ok(TRACK, { id: acmeTrack.trackId });
    expect(inFull.track.title).toBe('Service starts with leaders');
    const byHash = await lms.client.sendPersisted(sha256, { id: acmeTrack.trackId });
    expect(byHash.data).toEqual(inFull);

    // Within its scopes, but not registered: refused, however it is sent.
    const other = await lms.client.send(TRACKS);
    expect(other.status).toBe(403);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknownHash = await lms.client.sendPersisted('0'.repeat(64));
    expect(unknownHash.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // A key without a restriction is not affected.
    await (await givenApiClient(stack, acme, ['content:read'])).client.ok(TRACKS);

    await setOperations(null);
    await lms.client.ok(TRACKS);
  });

  it('is refused operations that are not one well-formed GraphQL operation, naming which one', async () => {
    const lms = await givenApiClient(stack, acme, ['content:read']);
    const set = (operations: string[]) =>
      acme.admin.error(
        'mutation($input: SetApiClientOperationsInput!) { setApiClientOperations(input: $input) { id } }',
        { input: { apiClientId: lms.id, operations } },
      );
    expect(await set([TRACKS, '{ tracks {'])).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.operations.1' },
    });
    expect(await set(['query A { me { id } } query B { me { id } }'])).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.operations.0' },
    });
    const { apiClients } = await acme.admin.ok(
      '{ apiClients(first: 50) { edges { node { id allowedOperations { sha256 } } } } }',
    );
    const listed = apiClients.edges.find((edge: { node: { id: string } }) => edge.node.id === lms.id);
    expect(listed.node.allowedOperations).toBeNull();
  });

  it('cannot see another organization’s data', async () => {
    const lms = await givenApiClient(stack, acme, ['content:read']);
    expect((await lms.client.error(TRACK, { id: globexTrack.trackId })).code).toBe('NOT_FOUND');
    const revoke = 'mutation($id: ID!) { revokeApiClient(id: $id) { id } }';
    expect((await globex.admin.error(revoke, { id: lms.id })).code).toBe('NOT_FOUND');
  });

  it('is refused with RATE_LIMITED and HTTP 429 over its rate limit, while another key is not', async () => {
    const busy = await givenApiClient(stack, acme, ['content:read']);
    const calm = await givenApiClient(stack, acme, ['content:read']);
    // A fixed window of one minute: 21 requests exceed 10 in whichever window they fall.
    let limited;
    for (let request = 0; request < 2 * RATE_LIMIT + 1 && !limited; request += 1) {
      const response = await busy.client.send(TRACKS);
      if (response.errors?.length) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(limited?.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const retryAfter = limited?.errors?.[0].extensions?.retryAfter ?? 0;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited?.headers['retry-after']).toBe(String(retryAfter));

    await calm.client.ok(TRACKS);
    // People are not counted against any key.
    await acme.admin.ok(TRACKS);
  });
});
