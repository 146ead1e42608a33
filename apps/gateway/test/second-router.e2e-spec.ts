import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { issueAccessToken, LOCAL_TOKEN_AUDIENCE, Role } from '@tend/auth';
import { loadConfig } from '@tend/config';
import {
  givenApiClient,
  givenEnrolledCohort,
  givenFirstLessonDelivered,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  GraphQLClient,
  GraphQLResponse,
  GRAPHQL_COP,
  Member,
  Organization,
  PublishedTrack,
  startTestStack,
  TestStack,
  uniqueSuffix,
} from '@tend/testing';
import { GatewayConfig } from '../src/gateway.config';
import { createTendHiveGateway } from '../src/hive/tend-hive-gateway';

const SUPERGRAPH_FILE = join(__dirname, '..', 'supergraph.graphql');
const TODAY = `{ today { date timezone items { id kind status lesson { id title kind tags } person { id name } } } }`;
const ME = '{ me { id } }';
const TRACK = 'query($id: ID!) { track(id: $id) { id title lessons { title } } }';
const TRACKS = '{ tracks { edges { node { id title } } } }';
const CREATE_TRACK = 'mutation($title: String!) { createTrack(input: { title: $title }) { id title status } }';
const SET_OPERATIONS =
  'mutation($input: SetApiClientOperationsInput!) { setApiClientOperations(input: $input) { id } }';
/** Hive's own limit in this spec, low enough to reach; the API clients of the other stories stay well under it. */
const HIVE_RATE_LIMIT = 10;

/** What a caller sees of an answer; the headers of two different servers differ anyway. */
const seen = ({ status, data, errors }: GraphQLResponse<unknown>) => ({ status, data, errors });

interface Hop {
  subgraph: string;
  headers: IncomingHttpHeaders;
}

/** Between Hive and the subgraphs: notes each request's headers (`/<subgraph>/graphql`), then passes it on unchanged. */
async function startRecordingProxy(
  targets: Record<string, string>,
): Promise<{ url: string; hops: Hop[]; server: Server }> {
  const hops: Hop[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const subgraph = (incoming.url ?? '').split('/')[1];
    hops.push({ subgraph, headers: incoming.headers });
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = Object.entries(incoming.headers).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && !['host', 'connection', 'content-length'].includes(entry[0]),
    );
    const response = await fetch(targets[subgraph], { method: incoming.method, headers, body: Buffer.concat(chunks) });
    outgoing.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hops, server };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('another router in front: Hive Gateway serves the committed supergraph with Tend’s authentication', () => {
  let stack: TestStack;
  let acme: Organization;
  let track: PublishedTrack;
  let lena: Member;
  let lars: Member;
  let hive: GraphQLClient;
  let hiveUrl: string;
  let stopHive: (() => Promise<void>) | undefined;
  /** Every request Hive made to a subgraph. */
  let hops: Hop[];

  /** The same request through Tend's gateway and through Hive, one after the other. */
  const throughBoth = async (token: string | undefined, query: string, variables?: Record<string, unknown>) => {
    const apollo = await stack.graphql.as(token).send(query, variables);
    const hiveAnswer = await hive.as(token).send(query, variables);
    return { apollo, hive: hiveAnswer };
  };

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday 1 December 2026, 13:00 in Berlin: the day's 09:00 lesson is due.
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    track = await givenPublishedTrack(acme.admin);
    lena = await givenPerson(stack, acme, { name: 'Lena Learner', role: Role.LEARNER, timezone: 'Europe/Berlin' });
    lars = await givenPerson(stack, acme, { name: 'Lars Learner', role: Role.LEARNER, timezone: 'Europe/Berlin' });
    await givenEnrolledCohort(acme, track, [lena.id, lars.id], { timezone: 'Europe/Berlin' });
    await givenFirstLessonDelivered(lena);
    await givenFirstLessonDelivered(lars);

    // The subgraphs as Hive sees them: through a proxy that notes what each request to them carries.
    const proxy = await startRecordingProxy({
      content: `${stack.urls.content}/graphql`,
      cohorts: `${stack.urls.cohorts}/graphql`,
      scheduler: `${stack.urls.scheduler}/graphql`,
    });
    hops = proxy.hops;
    // What an operator does: the gateway's settings, the committed supergraph, Hive in a Node server of their own.
    const config = loadConfig(GatewayConfig, {
      ...stack.gatewayEnv,
      API_KEY_RATE_LIMIT_PER_MINUTE: String(HIVE_RATE_LIMIT),
    });
    const runtime = createTendHiveGateway({
      config,
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      // The committed supergraph names the subgraphs where docker-compose.yml runs them.
      subgraphUrls: {
        content: `${proxy.url}/content/graphql`,
        cohorts: `${proxy.url}/cohorts/graphql`,
        scheduler: `${proxy.url}/scheduler/graphql`,
      },
    });
    const server = createServer(runtime);
    stopHive = async () => {
      await close(server);
      await runtime.dispose();
      await close(proxy.server);
    };
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hiveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    hive = new GraphQLClient(hiveUrl);
  });

  afterAll(async () => {
    await stopHive?.();
    await stack?.stop();
  });

  it('gives a learner their day, with the lesson’s tags from content, as Tend’s gateway does', async () => {
    const { apollo, hive: answer } = await throughBoth(lena.token, TODAY);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({
      today: {
        date: '2026-12-01',
        timezone: 'Europe/Berlin',
        items: [
          {
            id: expect.any(String),
            kind: 'LESSON',
            status: 'SENT',
            lesson: { id: track.lessonIds[0], title: 'Service starts with how you are treated', kind: 'READ', tags: [] },
            person: { id: lena.id, name: 'Lena Learner' },
          },
        ],
      },
    });
    expect(seen(answer)).toEqual(seen(apollo));
  });

  it('gives two learners asking the same at the same moment each their own day', async () => {
    // Their requests to the scheduler are the same text: Hive's HTTP executor merges identical
    // requests in flight unless their headers differ, so the signature must be among those headers.
    const askers = [lena, lars, lena, lars, lena, lars, lena, lars];
    const answers = await Promise.all(askers.map((asker) => hive.as(asker.token).ok(TODAY)));
    expect(answers.map((answer) => answer.today.items.map((item: any) => item.person.id))).toEqual(
      askers.map((asker) => [asker.id]),
    );
  });

  it('refuses a caller without a token, or with a bad one, UNAUTHENTICATED with HTTP 401 in the words of Tend’s gateway', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = issueAccessToken(
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      { organizationId: acme.organizationId, personId: lena.id, role: Role.ADMIN },
      { ...LOCAL_TOKEN_AUDIENCE, expiresInSeconds: 600 },
    );
    for (const token of [undefined, 'not-a-token', forged, `${lena.token}tampered`, 'tend_0123456789ab_made-up']) {
      const { apollo, hive: answer } = await throughBoth(token, ME);
      expect(answer.status).toBe(401);
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(seen(answer)).toEqual(seen(apollo));
    }
    // The same question with a good token is answered: the refusals were the credentials'.
    expect((await hive.as(lena.token).ok(ME)).me.id).toBe(lena.id);
  });

  it('lets an admin’s mutation through, and refuses a learner’s FORBIDDEN by the subgraph, as Tend’s gateway does', async () => {
    const { createTrack } = await hive.as(acme.adminToken).ok(CREATE_TRACK, { title: 'Made through Hive' });
    expect(createTrack).toMatchObject({ title: 'Made through Hive', status: 'DRAFT' });
    // Made in the admin's organization: Tend's gateway shows it to them.
    expect((await acme.admin.ok(TRACK, { id: createTrack.id })).track).toEqual({
      id: createTrack.id,
      title: 'Made through Hive',
      lessons: [],
    });

    const { apollo, hive: answer } = await throughBoth(lena.token, CREATE_TRACK, { title: 'Not mine to make' });
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(seen(answer)).toEqual(seen(apollo));
  });

  it('lets an API client do what its key’s scopes allow and no more, as Tend’s gateway does', async () => {
    const reader = await givenApiClient(stack, acme, ['content:read']);
    const reads = await throughBoth(reader.key, TRACKS);
    expect(reads.hive.data?.tracks.edges.map((edge: any) => edge.node.id)).toContain(track.trackId);
    expect(seen(reads.hive)).toEqual(seen(reads.apollo));

    const writes = await throughBoth(reader.key, CREATE_TRACK, { title: 'From the LMS' });
    expect(writes.hive.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(seen(writes.hive)).toEqual(seen(writes.apollo));
  });

  it('runs only a restricted API client’s registered operations, in full or by hash, and refuses others FORBIDDEN with HTTP 403', async () => {
    const lms = await givenApiClient(stack, acme, ['content:read']);
    await acme.admin.ok(SET_OPERATIONS, { input: { apiClientId: lms.id, operations: [TRACK] } });
    const sha256 = createHash('sha256').update(TRACK).digest('hex');

    const inFull = await hive.as(lms.key).ok(TRACK, { id: track.trackId });
    expect(inFull.track.title).toBe('Service starts with leaders');
    const byHash = await hive.as(lms.key).sendPersisted(sha256, { id: track.trackId });
    expect(seen(byHash)).toEqual({ status: 200, data: inFull, errors: undefined });

    // Within its scopes, but not registered.
    const { apollo, hive: answer } = await throughBoth(lms.key, TRACKS);
    expect(answer.status).toBe(403);
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(seen(answer)).toEqual(seen(apollo));
  });

  it('tells an API client over its rate limit to wait, with HTTP 429 and Retry-After', async () => {
    const busy = await givenApiClient(stack, acme, ['content:read']);
    // A fixed window of one minute: twice the limit and one exceed it in whichever window they fall.
    let limited: GraphQLResponse<unknown> | undefined;
    for (let sent = 0; sent < 2 * HIVE_RATE_LIMIT + 1 && !limited; sent += 1) {
      const response = await hive.as(busy.key).send(TRACKS);
      if (response.errors?.length) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(limited?.errors?.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
    const retryAfter = limited?.errors?.[0].extensions?.retryAfter ?? 0;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited?.headers['retry-after']).toBe(String(retryAfter));
  });

  it('signs every request to a subgraph with the caller’s principal, and passes the request’s id on', async () => {
    const ask = (requestId?: string) => {
      const call = request(hiveUrl).post('/graphql').set('authorization', `Bearer ${lena.token}`);
      return (requestId ? call.set('x-request-id', requestId) : call).send({ query: TODAY });
    };
    const hopsOf = async (requestId?: string) => {
      const before = hops.length;
      const response = await ask(requestId);
      expect(response.body.errors).toBeUndefined();
      return hops.slice(before);
    };

    const requestId = `second-router-${uniqueSuffix()}`;
    const traced = await hopsOf(requestId);
    // `today` comes from the scheduler with its lesson's text, the lesson's tags from content, the person from cohorts.
    expect(new Set(traced.map((hop) => hop.subgraph))).toEqual(new Set(['scheduler', 'content', 'cohorts']));
    for (const hop of traced) {
      expect(hop.headers['x-request-id']).toBe(requestId);
      expect(stack.signer.verify(hop.headers)).toEqual({
        kind: 'person',
        organizationId: acme.organizationId,
        personId: lena.id,
        role: Role.LEARNER,
      });
    }

    // An id that is not a short plain token is not passed on; a fresh one is, the same on every hop.
    for (const given of ['not a plain id', undefined]) {
      const ids = new Set((await hopsOf(given)).map((hop) => hop.headers['x-request-id']));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('refuses what graphql-cop sends, and an operation past Tend’s limits, with one error each, as Tend’s gateway does', async () => {
    const tooDeep = `{ me { ${'leader { '.repeat(6)}id${' }'.repeat(6)} } }`;
    const repeatedArguments = `{ me { leader(${Array.from({ length: 30 }, () => 'aa: 1').join(', ')}) { id } } }`;
    const tooLong = `{ me { ${'id '.repeat(1100)}} }`;
    for (const query of [...Object.values(GRAPHQL_COP), tooDeep, repeatedArguments, tooLong]) {
      const { apollo, hive: answer } = await throughBoth(lena.token, query);
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expect(apollo.errors).toHaveLength(1);
      // The words differ where each router has its own (introspection being off, say), and Hive
      // calls a document over the token limit unparsed where Apollo calls it invalid.
      const code = query === tooLong ? /^GRAPHQL_(PARSE|VALIDATION)_FAILED$/ : apollo.errors?.[0].extensions?.code;
      expect(answer.errors?.[0].extensions?.code).toMatch(code ?? 'a code');
    }
  });
});
