import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '@tend/auth';
import {
  eventually,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  startTestStack,
  TestStack,
  untilSchedulerKnowsEnrollment,
} from '@tend/testing';

/** A span as an OTLP/HTTP JSON export carries it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

interface OtlpExport {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: {
      spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: OtlpAttribute[] }[];
    }[];
  }[];
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string; boolValue?: boolean };
}

// `position` and `tags` come from content; the scheduler provides the rest of the lesson itself.
const TODAY = '{ today { date items { id kind status lesson { id title body minutes position tags } } } }';

function attributesOf(attributes: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue]),
  );
}

describe('an operator follows one request through every service by its trace', () => {
  let stack: TestStack;
  let collector: Server;
  let webhookReceiver: Server;
  let acme: Organization;
  let learner: Member;
  const spans: ReceivedSpan[] = [];
  const webhookCalls: { webhookId: string; traceparent: string }[] = [];

  /** The gateway's own request log line for the request id, as an operator would grep for it. */
  function gatewayLogLine(requestId: string): Record<string, unknown> {
    const lines = readFileSync(join(stack.logDir, 'gateway.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { req?: { id?: string }; msg?: string } & Record<string, unknown>);
    const line = lines.find((entry) => entry.req?.id === requestId && entry.msg === 'request completed');
    if (!line) throw new Error(`no request log line for ${requestId} yet`);
    return line;
  }

  async function post(token: string, requestId: string, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${stack.urls.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  }

  const servicesOf = (traceId: string) =>
    new Set(spans.filter((span) => span.traceId === traceId).map((s) => s.service));

  beforeAll(async () => {
    collector = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        if (request.url === '/v1/traces') {
          for (const resourceSpans of (JSON.parse(body) as OtlpExport).resourceSpans) {
            const service = String(attributesOf(resourceSpans.resource.attributes)['service.name']);
            for (const span of resourceSpans.scopeSpans.flatMap((scope) => scope.spans)) {
              spans.push({ ...span, service, attributes: attributesOf(span.attributes) });
            }
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    webhookReceiver = createServer((request, response) => {
      webhookCalls.push({
        webhookId: String(request.headers['webhook-id']),
        traceparent: String(request.headers.traceparent ?? ''),
      });
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => webhookReceiver.listen(0, '127.0.0.1', resolve));
    stack = await startTestStack({
      logLevel: 'info',
      serviceEnv: {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        ALLOW_LOOPBACK_WEBHOOKS: 'true',
      },
    });
    await stack.setClock('2026-03-02T09:30:00Z');
    acme = await givenOrganization(stack, 'Acme');
    const track = await givenPublishedTrack(acme.admin);
    learner = await givenPerson(stack, acme, { name: 'Tia Traced', role: Role.LEARNER, timezone: 'UTC' });
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [learner.id], { startsOn: '2026-03-02' });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 1);
    await stack.runPlanner();
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await new Promise<void>((resolve) => collector.close(() => resolve()));
    await new Promise<void>((resolve) => webhookReceiver.close(() => resolve()));
  });

  it("a learner's today is one trace from the gateway through the scheduler and content into Postgres, and its log line names it", async () => {
    const requestId = 'today-of-tia-1';
    const { data } = await post(learner.token, requestId, TODAY);
    expect(data?.today.items).toHaveLength(1);

    const line = await eventually(async () => gatewayLogLine(requestId));
    expect(line.trace_id).toMatch(/^[0-9a-f]{32}$/);
    const traceId = String(line.trace_id);

    await eventually(async () => {
      expect([...servicesOf(traceId)].sort()).toEqual(['tend-content', 'tend-gateway', 'tend-scheduler']);
      const inTrace = spans.filter((span) => span.traceId === traceId);
      // The subgraphs' answers come from Postgres, inside the same trace.
      const readers = new Set(
        inTrace.filter((span) => span.attributes['db.system.name'] === 'postgresql').map((s) => s.service),
      );
      expect(readers).toEqual(new Set(['tend-scheduler', 'tend-content']));
    });
    const inTrace = spans.filter((span) => span.traceId === traceId);
    // One root: every other span hangs off a span of the same trace (W3C traceparent through each hop).
    const ids = new Set(inTrace.map((span) => span.spanId));
    const roots = inTrace.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
    expect(roots.map((span) => [span.service, span.name, span.attributes['url.path']])).toEqual([
      ['tend-gateway', 'POST', '/graphql'],
    ]);

    // The subgraphs log the request under the same request id and trace.
    for (const service of ['scheduler', 'content']) {
      const lines = readFileSync(join(stack.logDir, `${service}.log`), 'utf8')
        .split('\n')
        .filter((entry) => entry.includes(traceId))
        .map((entry) => JSON.parse(entry) as { req?: { id?: string }; msg?: string });
      expect(lines.filter((entry) => entry.msg === 'request completed').map((entry) => entry.req?.id)).toEqual([
        requestId,
      ]);
    }
  });

  it("an admin's replay of a completion's webhook is one trace: the request, the send job it enqueues, and the POST out", async () => {
    const subscribed = await post(
      acme.adminToken,
      'subscribe-acme',
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { subscription { id } } }`,
      {
        input: {
          url: `http://127.0.0.1:${(webhookReceiver.address() as AddressInfo).port}/hooks`,
          events: ['LESSON_COMPLETED'],
        },
      },
    );
    const subscriptionId = subscribed.data?.createWebhookSubscription.subscription.id as string;
    const { data } = await post(learner.token, 'today-of-tia-2', TODAY);
    const [delivery] = data?.today.items as { id: string }[];
    const completed = await post(
      learner.token,
      'completion-of-tia',
      'mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { delivery { status } } }',
      { id: delivery.id },
    );
    expect(completed.errors).toBeUndefined();
    const [first] = await eventually(async () => {
      expect(webhookCalls).toHaveLength(1);
      return webhookCalls;
    });

    const requestId = 'replay-by-admin';
    const replayed = await post(
      acme.adminToken,
      requestId,
      'mutation($input: ReplayWebhookEventsInput!) { replayWebhookEvents(input: $input) { replayed } }',
      { input: { subscriptionId, eventIds: [first.webhookId] } },
    );
    expect(replayed.data?.replayWebhookEvents).toEqual({ replayed: 1 });
    const traceId = String((await eventually(async () => gatewayLogLine(requestId))).trace_id);

    const resent = await eventually(async () => {
      expect(webhookCalls).toHaveLength(2);
      return webhookCalls[1];
    });
    expect([resent.webhookId, resent.traceparent.split('-')[1]]).toEqual([first.webhookId, traceId]);
    await eventually(async () => {
      const inTrace = spans.filter((span) => span.traceId === traceId && span.service === 'tend-scheduler');
      expect(inTrace.map((span) => span.name)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^addBulk webhooks-send/),
          expect.stringMatching(/^process webhooks-send/),
        ]),
      );
    });
  });
});
