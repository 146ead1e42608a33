import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Role } from '@tend/auth';
import { QueueName, redisOptionsFromUrl } from '@tend/queue';
import {
  eventually,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  PublishedTrack,
  scrapeMetrics,
  startTcpProxy,
  startTestStack,
  TcpProxy,
  testDatabaseAdminUrl,
  testRedisUrl,
  TestStack,
  untilSchedulerKnowsEnrollment,
} from '@tend/testing';

const METRICS_TOKEN = 'prometheus-scrapes-with-this-token-0123456789';
const DASHBOARD = resolve(__dirname, '../../../docs/grafana/tend-dashboard.json');
const REGISTER = 'mutation($url: String!) { registerWebhookEndpoint(input: { url: $url }) { id } }';

/** How the organization's webhook receiver answers a learner's messages. */
type Answer = 'accept' | 'gone' | 'unavailable' | 'hold';

describe('what Prometheus reads from every service', () => {
  let stack: TestStack;
  let postgresProxy: TcpProxy;
  let receiver: Server;
  let sendQueue: Queue;
  let acme: Organization;
  let track: PublishedTrack;
  const answers = new Map<string, Answer>();
  const received: string[] = [];
  const held: ServerResponse[] = [];

  const gateway = () => scrapeMetrics(stack.urls.gateway, METRICS_TOKEN);
  const scheduler = () => scrapeMetrics(stack.urls.scheduler);
  /** A sample of the scheduler's, 0 when it has none. */
  const atScheduler = async (name: string, labels: Record<string, string> = {}) =>
    (await scheduler()).value(name, labels) ?? 0;

  /** Learners with their own answer from the receiver, enrolled, and known to the scheduler. */
  async function givenEnrolledLearners(...wanted: Answer[]): Promise<Member[]> {
    const learners: Member[] = [];
    for (const [index, answer] of wanted.entries()) {
      const learner = await givenPerson(stack, acme, {
        name: `Learner ${answer} ${index}`,
        role: Role.LEARNER,
        timezone: 'UTC',
      });
      answers.set(learner.id, answer);
      learners.push(learner);
    }
    const { enrollmentId } = await givenEnrolledCohort(
      acme,
      track,
      learners.map((learner) => learner.id),
      { startsOn: '2026-03-02' },
    );
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, learners.length);
    return learners;
  }

  async function deliveryOf(learner: Member): Promise<{ id: string; status: string }> {
    const owner = new Client({ connectionString: stack.databaseUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query('SELECT id, status FROM scheduler.deliveries WHERE person_id = $1', [
        learner.id,
      ]);
      return rows[0];
    } finally {
      await owner.end();
    }
  }

  beforeAll(async () => {
    receiver = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const personId = (JSON.parse(body) as { data: { personId: string } }).data.personId;
        received.push(personId);
        const answer = answers.get(personId) ?? 'accept';
        if (answer === 'hold') held.push(response);
        else response.writeHead({ accept: 204, gone: 410, unavailable: 503 }[answer]).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    const postgres = new URL(testDatabaseAdminUrl());
    postgresProxy = await startTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
    stack = await startTestStack({
      schedulerDatabaseAddress: postgresProxy,
      serviceEnv: {
        METRICS_TOKEN,
        ALLOW_LOOPBACK_WEBHOOKS: 'true',
        SEND_ATTEMPTS: '3',
        // A send that failed waits, delayed, long past the end of this file for its next try.
        SEND_BACKOFF_MS: String(10 * 60_000),
        RECONCILER_EVERY_MS: '500',
        // While the scheduler's database is cut off, its work fails within a second instead of ten.
        DATABASE_CONNECT_TIMEOUT_MS: '1000',
      },
    });
    sendQueue = new Queue(QueueName.DeliveriesSend, {
      connection: redisOptionsFromUrl(testRedisUrl()),
      prefix: stack.redisPrefix,
    });
    // Monday 2 March 2026, 08:00 UTC.
    await stack.setClock('2026-03-02T08:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    const port = (receiver.address() as AddressInfo).port;
    await acme.admin.ok(REGISTER, { url: `http://127.0.0.1:${port}/tend` });
    track = await givenPublishedTrack(acme.admin, [{ title: 'Greet within ten seconds', kind: 'READ' }]);
    // Four services start on a shared two-core machine: give them time.
  }, 180_000);

  afterAll(async () => {
    for (const response of held) response.writeHead(204).end();
    await sendQueue?.close();
    await stack?.stop();
    await postgresProxy?.close();
    await new Promise<void>((done) => receiver?.close(() => done()));
  });

  it('the gateway serves /metrics only to the operator’s token; each subgraph serves its own on its own port', async () => {
    expect((await fetch(`${stack.urls.gateway}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${stack.urls.gateway}/metrics`, {
      headers: { authorization: `Bearer ${'x'.repeat(45)}` },
    });
    expect(wrong.status).toBe(401);
    const scrape = await gateway();
    expect(scrape.series('tend_process_cpu_seconds_total')).toEqual([{ service: 'gateway' }]);
    for (const service of ['content', 'cohorts', 'scheduler'] as const) {
      // Like /health, no gateway signature: only the deployment reaches these ports.
      const response = await fetch(`${stack.urls[service]}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect((await scrapeMetrics(stack.urls[service])).series('tend_process_cpu_seconds_total')).toEqual([
        { service },
      ]);
    }
  });

  it('a learner’s today is timed at the gateway and at the scheduler, by operation name and outcome', async () => {
    const learner = await givenPerson(stack, acme, { name: 'Tess Timed', role: Role.LEARNER, timezone: 'UTC' });
    const duration = 'tend_graphql_request_duration_seconds_count';
    const before = await gateway();
    const atSchedulerBefore = await scheduler();

    await learner.client.ok('query Today { today { date } }');
    await learner.client.ok('query Today { today { date items { id } } }');
    await learner.client.ok('{ today { date } }');
    // A learner may not write tracks: the operation ran, and answered an error.
    expect(
      (await learner.client.error('mutation CreateTrack { createTrack(input: { title: "Mine" }) { id } }')).code,
    ).toBe('FORBIDDEN');
    // Not a valid document: whatever it calls itself, it is counted as invalid.
    await learner.client.send('query Made_Up_Name { today { nope } }');

    const after = await gateway();
    const grew = (labels: Record<string, string>) =>
      (after.value(duration, labels) ?? 0) - (before.value(duration, labels) ?? 0);
    expect(grew({ operation: 'Today', outcome: 'ok' })).toBe(2);
    expect(grew({ operation: 'anonymous', outcome: 'ok' })).toBe(1);
    expect(grew({ operation: 'CreateTrack', outcome: 'error' })).toBe(1);
    expect(grew({ operation: 'invalid', outcome: 'refused' })).toBe(1);
    expect(after.series(duration).some((labels) => labels.operation === 'Made_Up_Name')).toBe(false);
    expect(
      after.value('tend_graphql_request_duration_seconds_bucket', { operation: 'Today', outcome: 'ok', le: '+Inf' }),
    ).toBe(after.value(duration, { operation: 'Today', outcome: 'ok' }));

    // The gateway's fetch from the scheduler carries the operation's name, as Apollo's plan names it.
    const atSchedulerAfter = await scheduler();
    const todayAtScheduler = (scrape: typeof atSchedulerAfter) =>
      scrape
        .series(duration)
        .filter((labels) => labels.operation.startsWith('Today') && labels.outcome === 'ok')
        .reduce((sum, labels) => sum + (scrape.value(duration, labels) ?? 0), 0);
    expect(todayAtScheduler(atSchedulerAfter) - todayAtScheduler(atSchedulerBefore)).toBe(2);
  });

  it('each subgraph reports its database pool: connections in use, idle, waiting, and its size', async () => {
    for (const service of ['content', 'cohorts', 'scheduler'] as const) {
      const scrape = await scrapeMetrics(stack.urls[service]);
      expect([service, scrape.value('tend_db_pool_max')]).toEqual([service, 10]);
      expect(scrape.value('tend_db_pool_waiting')).toBe(0);
      // The stack's start and this file's stories have opened connections; a scrape itself holds none.
      expect((scrape.value('tend_db_pool_idle') ?? 0) + (scrape.value('tend_db_pool_in_use') ?? 0)).toBeGreaterThan(0);
    }
  });

  it('due learners wait for the planner; their lessons are then planned, and sent or failed, by kind and channel', async () => {
    const webhookLesson = { kind: 'LESSON', channel: 'WEBHOOK' };
    const before = await scheduler();
    const [accepted, gone] = await givenEnrolledLearners('accept', 'gone');
    await stack.setClock('2026-03-02T09:00:30Z');

    const waiting = await scheduler();
    expect(waiting.value('tend_planner_due_learners')).toBe(2);
    expect(waiting.value('tend_planner_lag_seconds')).toBeGreaterThanOrEqual(30);

    expect(await stack.runPlanner()).toBe(2);
    const planned = await scheduler();
    expect(planned.value('tend_planner_due_learners')).toBe(0);
    expect(planned.value('tend_planner_lag_seconds')).toBe(0);
    const grew = (scrape: typeof planned, name: string) =>
      (scrape.value(name, webhookLesson) ?? 0) - (before.value(name, webhookLesson) ?? 0);
    expect(grew(planned, 'tend_deliveries_planned_total')).toBe(2);

    const settled = await eventually(async () => {
      const scrape = await scheduler();
      expect(grew(scrape, 'tend_deliveries_sent_total')).toBe(1);
      expect(grew(scrape, 'tend_deliveries_failed_total')).toBe(1);
      return scrape;
    });
    expect([(await deliveryOf(accepted)).status, (await deliveryOf(gone)).status]).toEqual(['SENT', 'FAILED']);
    // The 410's job stays among the queue's failed jobs, read from Redis at the scrape.
    expect(
      settled.value('tend_queue_jobs', { queue: QueueName.DeliveriesSend, state: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(settled.value('tend_queue_oldest_waiting_seconds', { queue: QueueName.DeliveriesSend })).toBe(0);
  });

  it('a send still under way when its learner is deactivated counts as expired, not as sent', async () => {
    const webhookLesson = { kind: 'LESSON', channel: 'WEBHOOK' };
    const before = await scheduler();
    // Enrolled after the day's lesson time: the first lesson is planned at once.
    const [leaving] = await givenEnrolledLearners('hold');
    await eventually(async () => expect(received).toContain(leaving.id));

    await acme.admin.ok('mutation($id: ID!) { deactivatePerson(id: $id) { id } }', { id: leaving.id });
    await eventually(async () =>
      expect(
        (await atScheduler('tend_deliveries_expired_total', webhookLesson)) -
          (before.value('tend_deliveries_expired_total', webhookLesson) ?? 0),
      ).toBe(1),
    );
    held.splice(0).forEach((response) => response.writeHead(204).end());

    // The receiver took the message, but the delivery had expired: the send job finds it so and ends.
    await eventually(async () =>
      expect(await atScheduler('tend_queue_jobs', { queue: QueueName.DeliveriesSend, state: 'active' })).toBe(0),
    );
    expect((await deliveryOf(leaving)).status).toBe('EXPIRED');
    expect(await atScheduler('tend_deliveries_sent_total', webhookLesson)).toBe(
      before.value('tend_deliveries_sent_total', webhookLesson) ?? 0,
    );
  });

  it('a send job Redis lost is added again by the reconciler, which counts the repair', async () => {
    const before = await scheduler();
    const [retried] = await givenEnrolledLearners('unavailable');
    const delivery = await eventually(async () => {
      const planned = await deliveryOf(retried);
      expect(planned).toBeDefined();
      return planned;
    });
    // The 503 leaves the job delayed until its next try, minutes away.
    await eventually(async () =>
      expect(await atScheduler('tend_queue_jobs', { queue: QueueName.DeliveriesSend, state: 'delayed' })).toBe(1),
    );
    // The reconciler has looked past it so far: its job is there.
    expect(await atScheduler('tend_reconciler_repairs_total')).toBe(before.value('tend_reconciler_repairs_total'));

    await sendQueue.remove(delivery.id);
    answers.set(retried.id, 'accept');
    // Past the reconciler's grace: the delivery is overdue and has no job.
    await stack.setClock('2026-03-02T09:10:00Z');

    await eventually(async () => expect((await deliveryOf(retried)).status).toBe('SENT'), 30_000);
    const repairs =
      (await atScheduler('tend_reconciler_repairs_total')) - (before.value('tend_reconciler_repairs_total') ?? 0);
    expect(repairs).toBe(1);
  });

  it('an event the scheduler cannot apply while its database is away counts as a consumer failure, then applies', async () => {
    const failures = { queue: QueueName.SchedulerEvents, event_type: 'cohorts.person_upserted' };
    const mover = await givenPerson(stack, acme, { name: 'Mo Mover', role: Role.LEARNER, timezone: 'UTC' });
    const before = await eventually(async () => {
      const scrape = await scheduler();
      expect(scrape.value('tend_queue_jobs', { queue: QueueName.SchedulerEvents, state: 'waiting' })).toBe(0);
      return scrape;
    });

    postgresProxy.cut();
    try {
      await acme.admin.ok('mutation($id: ID!) { updatePerson(id: $id, input: { timezone: "Europe/Berlin" }) { id } }', {
        id: mover.id,
      });
      const failed = (scrape: typeof before) => scrape.value('tend_event_consumer_failures_total', failures) ?? 0;
      await eventually(async () => {
        const scrape = await scheduler();
        expect(failed(scrape) - failed(before)).toBeGreaterThanOrEqual(1);
        // Its retry waits, delayed, while /metrics answers all the same.
        expect(
          scrape.value('tend_queue_jobs', { queue: QueueName.SchedulerEvents, state: 'delayed' }),
        ).toBeGreaterThanOrEqual(1);
      });
    } finally {
      postgresProxy.restore();
    }

    await eventually(async () => {
      const owner = new Client({ connectionString: stack.databaseUrl });
      await owner.connect();
      try {
        const { rows } = await owner.query('SELECT timezone FROM scheduler.people WHERE person_id = $1', [mover.id]);
        expect(rows[0]?.timezone).toBe('Europe/Berlin');
      } finally {
        await owner.end();
      }
    }, 30_000);
  });

  it('content and cohorts report their outboxes, and nothing waits in them once the relay has published', async () => {
    await givenPublishedTrack(acme.admin, [{ title: 'Name the feeling', kind: 'READ' }]);
    await givenPerson(stack, acme, { name: 'Ola Outbox', role: Role.LEARNER, timezone: 'UTC' });
    for (const service of ['content', 'cohorts'] as const) {
      await eventually(async () => {
        const scrape = await scrapeMetrics(stack.urls[service]);
        expect([
          service,
          scrape.value('tend_outbox_unpublished_events'),
          scrape.value('tend_outbox_lag_seconds'),
        ]).toEqual([service, 0, 0]);
      });
    }
    expect((await scheduler()).value('tend_outbox_lag_seconds')).toBeUndefined();
  });

  it('every series the Grafana dashboard reads is one a service serves', async () => {
    const dashboard = readFileSync(DASHBOARD, 'utf8');
    const read = new Set([...dashboard.matchAll(/\btend_[a-z0-9_]+/g)].map(([name]) => name));
    const served = new Set<string>();
    for (const url of Object.values(stack.urls)) {
      const scrape = await scrapeMetrics(url, url === stack.urls.gateway ? METRICS_TOKEN : undefined);
      scrape.names().forEach((name) => served.add(name));
    }
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !served.has(name))).toEqual([]);
  });
});
