import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { Role } from '@tend/auth';
import {
  untilSchedulerKnowsEnrollment,
  eventually,
  givenApiClient,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  startTestStack,
  TestStack,
} from '@tend/testing';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  personId: string;
}

const REGISTER = 'mutation($url: String!) { registerWebhookEndpoint(input: { url: $url }) { id url secret } }';

describe('deliveries through a signed webhook', () => {
  let stack: TestStack;
  let acme: Organization;
  let receiver: Server;
  let receiverUrl: string;
  /** How the receiver answers each learner's messages: 204 unless told. */
  const answers = new Map<string, number>();
  const received: Received[] = [];
  let reached: Member;
  let gone: Member;
  let busy: Member;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const personId = (JSON.parse(body) as { data: { personId: string } }).data.personId;
        received.push({ headers: request.headers, body, personId });
        response.writeHead(answers.get(personId) ?? 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tend`;
    // Retries come fast here; the backoff still doubles from one to the next.
    stack = await startTestStack({
      serviceEnv: { ALLOW_LOOPBACK_WEBHOOKS: 'true', SEND_BACKOFF_MS: '50', SEND_ATTEMPTS: '3' },
    });
    // Monday 2 March 2026, 08:00 UTC.
    await stack.setClock('2026-03-02T08:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    // Four services start on a shared two-core machine: give them time.
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('refuses private, link-local, metadata and non-https addresses when an endpoint is registered', async () => {
    for (const url of [
      'http://10.0.0.8/hooks',
      'https://192.168.0.10/hooks',
      'https://172.20.1.1/hooks',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd12::1]/hooks',
      'https://[::ffff:169.254.169.254]/hooks',
      'https://0.0.0.0/hooks',
      'ftp://127.0.0.1/hooks',
      'not a url',
    ]) {
      const refusal = await acme.admin.error(REGISTER, { url });
      expect([url, refusal.code, refusal.extensions?.field]).toEqual([url, 'BAD_USER_INPUT', 'input.url']);
    }
    expect((await acme.admin.ok('{ webhookEndpoint { url } }')).webhookEndpoint).toBeNull();
  });

  it('lets an API client with the webhooks scope register the endpoint, and shows the secret once', async () => {
    const lms = await givenApiClient(stack, acme, ['webhooks:write']);
    const { registerWebhookEndpoint } = await lms.client.ok(REGISTER, { url: receiverUrl });
    expect(registerWebhookEndpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const { webhookEndpoint } = await acme.admin.ok('{ webhookEndpoint { id url createdAt } }');
    expect(webhookEndpoint).toMatchObject({ id: registerWebhookEndpoint.id, url: receiverUrl });
    expect(JSON.stringify(webhookEndpoint)).not.toContain('whsec_');
  });

  it('posts each lesson signed; a 410 fails at once, a 503 after the retries; admins list the failures', async () => {
    const { registerWebhookEndpoint } = await acme.admin.ok(REGISTER, { url: receiverUrl });
    const secret: string = registerWebhookEndpoint.secret;
    const track = await givenPublishedTrack(acme.admin, [{ title: 'Greet within ten seconds', kind: 'READ' }]);
    reached = await givenPerson(stack, acme, { name: 'Rea Reached', role: Role.LEARNER, timezone: 'UTC' });
    gone = await givenPerson(stack, acme, { name: 'Gus Gone', role: Role.LEARNER, timezone: 'UTC' });
    busy = await givenPerson(stack, acme, { name: 'Bea Busy', role: Role.LEARNER, timezone: 'UTC' });
    answers.set(gone.id, 410);
    answers.set(busy.id, 503);
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [reached.id, gone.id, busy.id], {
      startsOn: '2026-03-02',
    });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 3);
    await stack.setClock('2026-03-02T09:00:30Z');
    await stack.runPlanner();

    const ofPerson = (person: Member) => received.filter((message) => message.personId === person.id);
    await eventually(async () => {
      expect(ofPerson(reached)).toHaveLength(1);
      expect(ofPerson(gone)).toHaveLength(1);
      expect(ofPerson(busy)).toHaveLength(3);
    });
    const [message] = ofPerson(reached);
    const verified = new Webhook(secret).verify(message.body, message.headers as Record<string, string>) as {
      type: string;
      data: { deliveryId: string; title: string };
    };
    expect(verified).toMatchObject({ type: 'delivery.lesson', data: { title: 'Greet within ten seconds' } });
    // Every try of one delivery carries the same message id, so a receiver can drop repeats.
    expect(new Set(ofPerson(busy).map((retry) => retry.headers['webhook-id'])).size).toBe(1);

    const failed = await eventually(async () => {
      const { deliveries } = await acme.admin.ok(
        '{ deliveries(status: FAILED, first: 10) { edges { node { status person { id } } } } }',
      );
      const people = deliveries.edges.map((edge: { node: { person: { id: string } } }) => edge.node.person.id);
      expect(people.sort()).toEqual([gone.id, busy.id].sort());
      return deliveries;
    });
    expect(failed.edges.every((edge: { node: { status: string } }) => edge.node.status === 'FAILED')).toBe(true);
    const { deliveries: sent } = await acme.admin.ok(
      'query($p: ID) { deliveries(personId: $p, first: 5) { edges { node { id status } } } }',
      { p: reached.id },
    );
    expect(sent.edges.map((edge: { node: { id: string; status: string } }) => edge.node)).toEqual([
      { id: verified.data.deliveryId, status: 'SENT' },
    ]);
    // The lesson is in the learner's day whatever the channel.
    const { today } = await reached.client.ok('{ today { items { id } } }');
    expect(today.items).toEqual([{ id: verified.data.deliveryId }]);
  });
});
