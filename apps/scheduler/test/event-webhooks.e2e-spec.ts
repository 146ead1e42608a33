import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { Role } from '@tend/auth';
import {
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
  untilSchedulerKnowsEnrollment,
} from '@tend/testing';
import { webhookBodyProblems } from '../src/event-webhooks/webhook-event-schemas';
import { WEBHOOK_EVENT_TYPES } from '../src/event-webhooks/webhook-event-types';

/** One request as the test receiver got it, verified with every secret it holds for the path. */
interface Received {
  path: string;
  webhookId: string;
  headers: IncomingHttpHeaders;
  body: string;
  type: string;
  data: Record<string, unknown>;
  /** The names of the secrets whose signature `standardwebhooks` verified. */
  verifiedWith: string[];
  /** What the type's JSON Schema finds wrong with the body: nothing, always. */
  problems: string[];
  at: number;
}

type Answer = number | ((response: ServerResponse) => void);

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id url events enabled createdAt } }
}`;
const UPDATE = `mutation($input: UpdateWebhookSubscriptionInput!) {
  updateWebhookSubscription(input: $input) { id url events enabled disabledAt disabledReason consecutiveFailures }
}`;
const DELETE = 'mutation($id: ID!) { deleteWebhookSubscription(input: { id: $id }) }';
const ROTATE = `mutation($id: ID!) {
  rotateWebhookSecret(input: { id: $id }) { secret subscription { id previousSecretExpiresAt } }
}`;
const REPLAY = `mutation($input: ReplayWebhookEventsInput!) { replayWebhookEvents(input: $input) { replayed } }`;
const SUBSCRIPTIONS = `{ webhookSubscriptions { id url events enabled disabledAt disabledReason consecutiveFailures } }`;
const DELIVERIES = `query($id: ID!, $first: Int) {
  webhookDeliveries(subscriptionId: $id, first: $first) {
    edges { node { id eventId eventType attempt outcome statusCode durationMs error attemptedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Attempt {
  eventId: string;
  eventType: string;
  attempt: number;
  outcome: string;
  statusCode: number | null;
  durationMs: number | null;
  error: string | null;
}

describe('event webhooks (Standard Webhooks) to a receiver that verifies every request', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  /** Per path: the secrets the receiver holds, by name. */
  const secrets = new Map<string, Map<string, string>>();
  /** Per path: how it answers, in turn; the last answer repeats. 204 when none. */
  const answers = new Map<string, Answer[]>();

  const at = (path: string) => received.filter((message) => message.path === path);
  const hold = (path: string, name: string, secret: string) =>
    secrets.set(path, new Map([...(secrets.get(path) ?? []), [name, secret]]));

  async function subscribe(
    admin: Member['client'],
    path: string,
    events: string[],
  ): Promise<{ id: string; secret: string }> {
    const { createWebhookSubscription } = await admin.ok(CREATE, { input: { url: `${base}${path}`, events } });
    hold(path, 'first', createWebhookSubscription.secret);
    return { id: createWebhookSubscription.subscription.id, secret: createWebhookSubscription.secret };
  }

  async function attemptsOf(id: string): Promise<Attempt[]> {
    const { webhookDeliveries } = await acme.admin.ok(DELIVERIES, { id, first: 100 });
    return webhookDeliveries.edges.map((edge: { node: Attempt }) => edge.node);
  }

  async function subscriptionOf(id: string) {
    const { webhookSubscriptions } = await acme.admin.ok(SUBSCRIPTIONS);
    return webhookSubscriptions.find((subscription: { id: string }) => subscription.id === id);
  }

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const path = request.url ?? '/';
        const verifiedWith = [...(secrets.get(path) ?? [])]
          .filter(([, secret]) => {
            try {
              new Webhook(secret).verify(body, request.headers as Record<string, string>);
              return true;
            } catch {
              return false;
            }
          })
          .map(([name]) => name);
        const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> };
        received.push({
          path,
          webhookId: String(request.headers['webhook-id']),
          headers: request.headers,
          body,
          type: parsed.type,
          data: parsed.data,
          verifiedWith,
          problems: webhookBodyProblems(parsed),
          at: Date.now(),
        });
        const script = answers.get(path) ?? [204];
        const answer = script.length > 1 ? script.shift() : script[0];
        if (typeof answer === 'function') answer(response);
        else response.writeHead(answer ?? 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    stack = await startTestStack({
      serviceEnv: {
        ALLOW_LOOPBACK_WEBHOOKS: 'true',
        // Four attempts, 200, 400 and 800 ms apart; a killed sender's job is taken up after 2 s.
        WEBHOOK_RETRY_SCHEDULE_MS: '200,400,800',
        SEND_JOB_LOCK_MS: '2000',
        SEND_STALLED_CHECK_EVERY_MS: '1000',
        RECONCILER_EVERY_MS: '1000',
        // Six failed attempts in a row, across a subscription's messages, disable it.
        WEBHOOK_DISABLE_AFTER_FAILURES: '6',
      },
    });
    // Monday 2 March 2026, 08:00 UTC.
    await stack.setClock('2026-03-02T08:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    // Four services start on a shared two-core machine: give them time.
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('lets admins and API clients with webhooks:write manage subscriptions; the secret is shown once; others are refused', async () => {
    const { id, secret } = await subscribe(acme.admin, '/crud', ['PERSON_CREATED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const listed = await subscriptionOf(id);
    expect(listed).toMatchObject({ url: `${base}/crud`, events: ['PERSON_CREATED'], enabled: true });
    expect(JSON.stringify(await acme.admin.ok(SUBSCRIPTIONS))).not.toContain('whsec_');

    for (const url of [
      'https://10.0.0.8/hooks',
      'https://169.254.169.254/latest',
      'https://[fd12::1]/x',
      'ftp://127.0.0.1/x',
    ]) {
      const refusal = await acme.admin.error(CREATE, { input: { url, events: ['PERSON_CREATED'] } });
      expect([url, refusal.code, refusal.extensions?.field]).toEqual([url, 'BAD_USER_INPUT', 'input.url']);
    }
    expect((await acme.admin.error(CREATE, { input: { url: `${base}/x`, events: [] } })).code).toBe('BAD_USER_INPUT');

    const lms = await givenApiClient(stack, acme, ['webhooks:write']);
    const { updateWebhookSubscription } = await lms.client.ok(UPDATE, {
      input: { id, url: `${base}/crud2`, events: ['PERSON_CREATED', 'PERSON_UPDATED'] },
    });
    expect(updateWebhookSubscription).toMatchObject({
      url: `${base}/crud2`,
      events: ['PERSON_CREATED', 'PERSON_UPDATED'],
    });
    hold('/crud2', 'first', secret);

    const reader = await givenApiClient(stack, acme, ['people:read']);
    const learner = await givenPerson(stack, acme, { name: 'Lou Learner', role: Role.LEARNER, timezone: 'UTC' });
    for (const caller of [reader.client, learner.client]) {
      expect((await caller.error(SUBSCRIPTIONS)).code).toBe('FORBIDDEN');
      expect((await caller.error(ROTATE, { id })).code).toBe('FORBIDDEN');
    }
    // Another organization's admin hears nothing of it, and cannot touch it.
    expect((await globex.admin.ok(SUBSCRIPTIONS)).webhookSubscriptions).toEqual([]);
    for (const [operation, variables] of [
      [UPDATE, { input: { id, enabled: true } }],
      [ROTATE, { id }],
      [DELETE, { id }],
      [DELIVERIES, { id }],
      [REPLAY, { input: { subscriptionId: id, since: '2026-01-01T00:00:00Z' } }],
    ] as const) {
      expect((await globex.admin.error(operation, variables)).code).toBe('NOT_FOUND');
    }

    // An admin can pause it; enabling it again clears the reason.
    expect((await lms.client.ok(UPDATE, { input: { id, enabled: false } })).updateWebhookSubscription).toMatchObject({
      enabled: false,
      disabledReason: 'disabled by an admin',
    });
    expect((await lms.client.ok(UPDATE, { input: { id, enabled: true } })).updateWebhookSubscription).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
    });

    expect((await lms.client.ok(DELETE, { id })).deleteWebhookSubscription).toBe(id);
    expect(await subscriptionOf(id)).toBeUndefined();
    expect((await acme.admin.error(DELETE, { id })).code).toBe('NOT_FOUND');
  });

  it('delivers every event type, signed, each body valid against its schema, with no reflection text', async () => {
    const { id } = await subscribe(
      acme.admin,
      '/all',
      WEBHOOK_EVENT_TYPES.map((type) => type.replace('.', '_').toUpperCase()),
    );
    const lea = await givenPerson(stack, acme, { name: 'Lea Leader', role: Role.LEADER, timezone: 'UTC' });
    const dana = await givenPerson(stack, acme, {
      name: 'Dana Doer',
      role: Role.LEARNER,
      timezone: 'UTC',
      leaderId: lea.id,
    });
    const eve = await givenPerson(stack, acme, { name: 'Eve Erased', role: Role.LEARNER, timezone: 'UTC' });
    const SUBJECTS = ['personId', 'deliveryId', 'enrollmentId', 'coachingMomentId'];
    const of = (type: string, subject: string) =>
      at('/all').filter((message) => message.type === type && SUBJECTS.some((key) => message.data[key] === subject));
    const one = (type: string, subject: string) =>
      eventually(async () => {
        expect(of(type, subject)).toHaveLength(1);
        return of(type, subject)[0];
      });

    for (const person of [lea, dana, eve]) {
      expect((await one('person.created', person.id)).data).toMatchObject({ personId: person.id, active: true });
    }
    expect((await one('person.created', dana.id)).data).toMatchObject({
      role: 'LEARNER',
      leaderId: lea.id,
      timezone: 'UTC',
    });

    await acme.admin.ok('mutation($id: ID!) { updatePerson(id: $id, input: { timezone: "Europe/Berlin" }) { id } }', {
      id: dana.id,
    });
    expect((await one('person.updated', dana.id)).data).toMatchObject({ personId: dana.id, timezone: 'Europe/Berlin' });

    const track = await givenPublishedTrack(acme.admin, [
      {
        title: 'Greet within ten seconds',
        kind: 'QUIZ',
        questions: [
          { prompt: 'How soon?', choices: ['Ten seconds', 'A minute'], correctIndex: 0, explanation: 'Ten seconds.' },
          { prompt: 'With what?', choices: ['A nod', 'Nothing'], correctIndex: 0, explanation: 'A nod.' },
        ],
        reviewCards: [{ front: 'Greet within...', back: 'Ten seconds.' }],
        leaderPrompt: 'Who did you greet first this week?',
      },
      { title: 'What did you notice?', kind: 'REFLECTION' },
    ]);
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [dana.id], { startsOn: '2026-03-02' });
    expect((await one('enrollment.created', enrollmentId)).data).toMatchObject({
      enrollmentId,
      trackVersion: 1,
      startsOn: '2026-03-02',
    });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 1);

    const today = async (member: Member) =>
      (await member.client.ok('{ today { items { id kind reviewOf lesson { title } } } }')).today.items as {
        id: string;
        kind: string;
        reviewOf: string | null;
        lesson: { title: string } | null;
      }[];
    const complete = (deliveryId: string, input: Record<string, unknown>) =>
      dana.client.ok(
        'mutation($id: ID!, $input: CompleteLessonInput!) { completeLesson(deliveryId: $id, input: $input) { correct } }',
        {
          id: deliveryId,
          input,
        },
      );

    await stack.setClock('2026-03-02T09:00:30Z');
    await stack.runPlanner();
    const [quiz] = await eventually(async () => {
      const items = await today(dana);
      expect(items.map((item) => item.kind)).toEqual(['LESSON']);
      return items;
    });
    await complete(quiz.id, { answers: [0, 1] });
    expect((await one('lesson.completed', quiz.id)).data).toMatchObject({
      personId: dana.id,
      deliveryId: quiz.id,
      enrollmentId,
      lessonId: track.lessonIds[0],
      lessonKind: 'QUIZ',
      score: { correct: 1, total: 2, scaled: 0.5 },
      answers: [
        { choice: 0, correct: true },
        { choice: 1, correct: false },
      ],
    });

    const { logCoachingMoment } = await lea.client.ok(
      `mutation($input: LogCoachingMomentInput!) { logCoachingMoment(input: $input) { id } }`,
      { input: { personId: dana.id, kind: 'RECOGNITION', whatHappened: 'Greeted a regular by name, privately noted' } },
    );
    const moment = await one('coaching_moment.logged', logCoachingMoment.id);
    expect(moment.data).toMatchObject({
      leaderId: lea.id,
      personId: dana.id,
      kind: 'RECOGNITION',
      followUpAssigned: false,
    });
    expect(moment.body).not.toContain('privately noted');

    await stack.setClock('2026-03-03T09:00:30Z');
    await stack.runPlanner();
    const tuesday = await eventually(async () => {
      const items = await today(dana);
      // The lesson, the quiz's review card, and the question Dana missed on Monday.
      expect(items.map((item) => [item.kind, item.reviewOf]).sort()).toEqual([
        ['LESSON', null],
        ['REVIEW', 'CARD'],
        ['REVIEW', 'QUESTION'],
      ]);
      return items;
    });
    const review = tuesday.find((item) => item.reviewOf === 'CARD');
    const reflection = tuesday.find((item) => item.kind === 'LESSON');
    if (!review || !reflection) throw new Error('no review or lesson on Tuesday');
    await dana.client.ok('mutation($id: ID!) { reviewCard(deliveryId: $id, rating: GOOD) { id } }', { id: review.id });
    expect((await one('review.rated', review.id)).data).toMatchObject({ personId: dana.id, rating: 'GOOD' });

    await complete(reflection.id, { reflection: 'I rushed the greeting when the queue was long' });
    const reflected = await one('lesson.completed', reflection.id);
    expect(reflected.data).toMatchObject({
      lessonKind: 'REFLECTION',
      score: { correct: 0, total: 0, scaled: null },
      answers: [],
    });
    expect(reflected.body).not.toContain('queue was long');
    expect((await one('enrollment.completed', enrollmentId)).data).toMatchObject({
      enrollmentId,
      personId: dana.id,
      reason: 'ALL_LESSONS_COMPLETED',
    });

    // The leader's weekly prompt, on the next Monday at the prompt time.
    await stack.setClock('2026-03-09T08:30:30Z');
    await stack.runPlanner();
    const prompt = await eventually(async () => {
      const found = (await today(lea)).find((item) => item.kind === 'LEADER_PROMPT');
      expect(found).toBeDefined();
      return found as { id: string };
    });
    await lea.client.ok(
      'mutation($id: ID!) { respondToPrompt(deliveryId: $id, input: { done: true, note: "Huddle ran long, team loved it" }) { id } }',
      { id: prompt.id },
    );
    const responded = await one('leader_prompt.responded', prompt.id);
    expect(responded.data).toMatchObject({ leaderId: lea.id, response: 'DONE' });
    expect(responded.body).not.toContain('Huddle');

    await acme.admin.ok('mutation($id: ID!) { deactivatePerson(id: $id) { id } }', { id: dana.id });
    expect((await one('person.deactivated', dana.id)).data).toEqual({ personId: dana.id });
    await acme.admin.ok('mutation($id: ID!) { erasePerson(personId: $id) { id } }', { id: eve.id });
    expect((await one('person.erased', eve.id)).data).toEqual({ personId: eve.id });

    const messages = at('/all');
    expect(new Set(messages.map((message) => message.type))).toEqual(new Set(WEBHOOK_EVENT_TYPES));
    for (const message of messages) {
      expect([message.type, message.verifiedWith, message.problems]).toEqual([message.type, ['first'], []]);
      expect(message.headers['content-type']).toBe('application/json');
    }
    // One message per event, each with its own webhook-id, which the attempts name.
    expect(new Set(messages.map((message) => message.webhookId)).size).toBe(messages.length);
    const attempts = await eventually(async () => {
      const all = await attemptsOf(id);
      expect(all).toHaveLength(messages.length);
      return all;
    });
    expect(attempts.every((attempt) => attempt.outcome === 'SUCCEEDED' && attempt.statusCode === 204)).toBe(true);
    expect(new Set(attempts.map((attempt) => attempt.eventId))).toEqual(
      new Set(messages.map((message) => message.webhookId)),
    );
    await acme.admin.ok(DELETE, { id });
  }, 120_000);

  it('retries a receiver that answers 500, then 200, with the same webhook-id; the attempts show both', async () => {
    const { id } = await subscribe(acme.admin, '/flaky', ['PERSON_CREATED']);
    answers.set('/flaky', [500, 200]);
    await givenPerson(stack, acme, { name: 'Fay Flaky', role: Role.LEARNER, timezone: 'UTC' });
    const [first, second] = await eventually(async () => {
      expect(at('/flaky')).toHaveLength(2);
      return at('/flaky');
    });
    expect(second.webhookId).toBe(first.webhookId);
    expect(second.body).toBe(first.body);
    expect(second.at - first.at).toBeGreaterThanOrEqual(150);
    const attempts = await eventually(async () => {
      const all = await attemptsOf(id);
      expect(all.map((attempt) => attempt.outcome)).toEqual(['SUCCEEDED', 'FAILED']);
      return all;
    });
    expect(attempts).toEqual([
      expect.objectContaining({ attempt: 2, statusCode: 200, error: null, eventId: first.webhookId }),
      expect.objectContaining({ attempt: 1, statusCode: 500, error: 'the endpoint answered HTTP 500' }),
    ]);
    expect(attempts.every((attempt) => typeof attempt.durationMs === 'number' && attempt.durationMs >= 0)).toBe(true);
    expect(await subscriptionOf(id)).toMatchObject({ enabled: true, consecutiveFailures: 0 });
    await acme.admin.ok(DELETE, { id });
  });

  it('disables a subscription at once on a 410, with the reason; enabled again, what waited goes out', async () => {
    const { id } = await subscribe(acme.admin, '/gone', ['PERSON_CREATED']);
    answers.set('/gone', [410, 204]);
    await givenPerson(stack, acme, { name: 'Gil Gone', role: Role.LEARNER, timezone: 'UTC' });
    await eventually(async () =>
      expect(await subscriptionOf(id)).toMatchObject({
        enabled: false,
        disabledReason: 'the endpoint answered 410 Gone',
      }),
    );
    expect(at('/gone')).toHaveLength(1);
    // While disabled, nothing is attempted and nothing is dropped: the next event waits too.
    await givenPerson(stack, acme, { name: 'Gia Waiting', role: Role.LEARNER, timezone: 'UTC' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(at('/gone')).toHaveLength(1);
    expect(await attemptsOf(id)).toEqual([expect.objectContaining({ outcome: 'FAILED', statusCode: 410 })]);

    await acme.admin.ok(UPDATE, { input: { id, enabled: true } });
    const messages = await eventually(async () => {
      expect(at('/gone')).toHaveLength(3);
      return at('/gone');
    });
    expect(messages[1].webhookId === messages[0].webhookId || messages[2].webhookId === messages[0].webhookId).toBe(
      true,
    );
    expect(new Set(messages.map((message) => message.webhookId)).size).toBe(2);
    expect(await subscriptionOf(id)).toMatchObject({ enabled: true, disabledReason: null });
    await acme.admin.ok(DELETE, { id });
  });

  it('retries with growing waits, and after the last retry disables the subscription, saying why', async () => {
    const { id } = await subscribe(acme.admin, '/down', ['PERSON_CREATED']);
    answers.set('/down', [503]);
    await givenPerson(stack, acme, { name: 'Dov Down', role: Role.LEARNER, timezone: 'UTC' });
    const subscription = await eventually(async () => {
      const found = await subscriptionOf(id);
      expect(found.enabled).toBe(false);
      return found;
    });
    const tries = at('/down');
    expect(tries).toHaveLength(4);
    expect(new Set(tries.map((message) => message.webhookId)).size).toBe(1);
    const gaps = tries.slice(1).map((message, index) => message.at - tries[index].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(150);
    expect(gaps[2]).toBeGreaterThan(gaps[0]);
    expect(subscription.disabledReason).toBe(
      `event ${tries[0].webhookId} failed all 4 attempts; the last: the endpoint answered HTTP 503`,
    );
    expect((await attemptsOf(id)).map((attempt) => [attempt.attempt, attempt.outcome, attempt.statusCode])).toEqual([
      [4, 'FAILED', 503],
      [3, 'FAILED', 503],
      [2, 'FAILED', 503],
      [1, 'FAILED', 503],
    ]);
    // The attempts page both ways, newest first.
    const page = async (variables: Record<string, unknown>) =>
      (
        await acme.admin.ok(
          `query($id: ID!, $first: Int, $after: String) {
        webhookDeliveries(subscriptionId: $id, first: $first, after: $after) {
          edges { node { attempt } } pageInfo { hasNextPage endCursor }
        }
      }`,
          { id, ...variables },
        )
      ).webhookDeliveries;
    const first = await page({ first: 3 });
    expect(first.edges.map((edge: { node: { attempt: number } }) => edge.node.attempt)).toEqual([4, 3, 2]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await page({ first: 3, after: first.pageInfo.endCursor });
    expect(rest.edges.map((edge: { node: { attempt: number } }) => edge.node.attempt)).toEqual([1]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(at('/down')).toHaveLength(4);
    await acme.admin.ok(DELETE, { id });
  });

  it('disables a subscription after many failed attempts in a row, across its messages; enabled again, every one arrives', async () => {
    const { id } = await subscribe(acme.admin, '/many', ['PERSON_CREATED']);
    answers.set('/many', [503]);
    // Every person made so far, at once: more messages failing side by side than the limit of six.
    const { replayWebhookEvents } = await acme.admin.ok(REPLAY, {
      input: { subscriptionId: id, since: '2020-01-01T00:00:00Z' },
    });
    expect(replayWebhookEvents.replayed).toBeGreaterThanOrEqual(8);
    const disabled = await eventually(async () => {
      const found = await subscriptionOf(id);
      expect(found.enabled).toBe(false);
      return found;
    });
    expect(disabled.disabledReason).toMatch(/^\d+ attempts in a row failed; the last: the endpoint answered HTTP 503$/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const tried = at('/many').length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(at('/many')).toHaveLength(tried);

    answers.set('/many', [204]);
    const before = at('/many').length;
    await acme.admin.ok(UPDATE, { input: { id, enabled: true } });
    await eventually(async () => {
      const answered = new Set(
        at('/many')
          .slice(before)
          .map((message) => message.webhookId),
      );
      expect(answered.size).toBe(replayWebhookEvents.replayed);
      const succeeded = (await attemptsOf(id)).filter((attempt) => attempt.outcome === 'SUCCEEDED');
      expect(new Set(succeeded.map((attempt) => attempt.eventId))).toEqual(answered);
    });
    expect(await subscriptionOf(id)).toMatchObject({ enabled: true, consecutiveFailures: 0 });
    await acme.admin.ok(DELETE, { id });
  });

  it('replays events by id or since an instant, each with its original webhook-id', async () => {
    const { id } = await subscribe(acme.admin, '/replay', ['PERSON_CREATED']);
    const since = new Date(Date.now() - 50).toISOString();
    await givenPerson(stack, acme, { name: 'Rex Replayed', role: Role.LEARNER, timezone: 'UTC' });
    const [original] = await eventually(async () => {
      expect(at('/replay')).toHaveLength(1);
      return at('/replay');
    });
    const byId = await acme.admin.ok(REPLAY, { input: { subscriptionId: id, eventIds: [original.webhookId] } });
    expect(byId.replayWebhookEvents).toEqual({ replayed: 1 });
    await eventually(async () => expect(at('/replay')).toHaveLength(2));
    const bySince = await acme.admin.ok(REPLAY, { input: { subscriptionId: id, since } });
    expect(bySince.replayWebhookEvents).toEqual({ replayed: 1 });
    const all = await eventually(async () => {
      expect(at('/replay')).toHaveLength(3);
      return at('/replay');
    });
    expect(all.map((message) => message.webhookId)).toEqual([
      original.webhookId,
      original.webhookId,
      original.webhookId,
    ]);
    expect(all.every((message) => message.body === original.body)).toBe(true);
    // An id the organization never had replays nothing; naming both or neither is refused.
    const unknown = await acme.admin.ok(REPLAY, {
      input: { subscriptionId: id, eventIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(unknown.replayWebhookEvents).toEqual({ replayed: 0 });
    for (const input of [{ subscriptionId: id }, { subscriptionId: id, since, eventIds: [original.webhookId] }]) {
      expect((await acme.admin.error(REPLAY, { input })).code).toBe('BAD_USER_INPUT');
    }
    await acme.admin.ok(DELETE, { id });
  });

  it('repeats a message with the same webhook-id when the sender is killed between the 200 and recording it', async () => {
    const { id } = await subscribe(acme.admin, '/crash', ['PERSON_CREATED']);
    let killed: Promise<void> | undefined;
    answers.set('/crash', [
      (response) => {
        response.writeHead(200).end();
        // At once, in the same tick: the scheduler has the answer, or is about to, and records nothing.
        killed = stack.scheduler.stop('SIGKILL');
      },
      204,
    ]);
    await givenPerson(stack, acme, { name: 'Kit Killed', role: Role.LEARNER, timezone: 'UTC' });
    await eventually(async () => expect(killed).toBeDefined());
    await killed;
    await stack.scheduler.start();
    const [first, repeat] = await eventually(async () => {
      expect(at('/crash')).toHaveLength(2);
      return at('/crash');
    }, 60_000);
    expect(repeat.webhookId).toBe(first.webhookId);
    expect(repeat.body).toBe(first.body);
    const attempts = await eventually(async () => {
      const all = await attemptsOf(id);
      expect(all.map((attempt) => attempt.outcome)).toEqual(['SUCCEEDED', 'IN_FLIGHT']);
      return all;
    });
    expect(attempts.map((attempt) => attempt.eventId)).toEqual([first.webhookId, first.webhookId]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(at('/crash')).toHaveLength(2);
    await acme.admin.ok(DELETE, { id });
  }, 120_000);

  it('signs with the old and the new secret for 24 hours after a rotation, then with the new one alone', async () => {
    const { id } = await subscribe(acme.admin, '/rotate', ['PERSON_CREATED']);
    const { rotateWebhookSecret } = await acme.admin.ok(ROTATE, { id });
    hold('/rotate', 'rotated', rotateWebhookSecret.secret);
    expect(rotateWebhookSecret.secret).not.toBe(secrets.get('/rotate')?.get('first'));
    // 24 hours from now by the service's clock, which the stories set from 2 March 2026 on.
    expect(new Date(rotateWebhookSecret.subscription.previousSecretExpiresAt).getTime()).toBeGreaterThan(
      new Date('2026-03-03T08:00:00Z').getTime(),
    );
    await givenPerson(stack, acme, { name: 'Ria Rotated', role: Role.LEARNER, timezone: 'UTC' });
    const [during] = await eventually(async () => {
      expect(at('/rotate')).toHaveLength(1);
      return at('/rotate');
    });
    expect(during.verifiedWith.sort()).toEqual(['first', 'rotated']);
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);

    // A day and an hour later by the service's clock.
    const later = new Date(new Date(rotateWebhookSecret.subscription.previousSecretExpiresAt).getTime() + 60 * 60_000);
    await stack.setClock(later.toISOString());
    await givenPerson(stack, acme, { name: 'Noa New', role: Role.LEARNER, timezone: 'UTC' });
    const after = await eventually(async () => {
      expect(at('/rotate')).toHaveLength(2);
      return at('/rotate')[1];
    });
    expect(after.verifiedWith).toEqual(['rotated']);
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    await acme.admin.ok(DELETE, { id });
  });

  it('sent nothing that failed verification or its schema', () => {
    expect(received.length).toBeGreaterThan(20);
    for (const message of received) {
      expect([message.path, message.type, message.verifiedWith.length > 0, message.problems]).toEqual([
        message.path,
        message.type,
        true,
        [],
      ]);
    }
  });
});
