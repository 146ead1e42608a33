import { readFileSync } from 'node:fs';
import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { Role } from '@tend/auth';
import {
  eventually,
  givenEnrolledCohort,
  givenFirstLessonDelivered,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  startTestStack,
  TestStack,
} from '@tend/testing';

/** The gateway of this spec takes five GraphQL requests at once. */
const LIMIT = 5;
const RETRY_AFTER_SECONDS = 2;
const TODAY = JSON.stringify({ query: '{ today { items { id status } } }' });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A request on a connection of its own whose body waits until `finish()`. */
interface HeldRequest {
  answer: Promise<Answer>;
  finish(): Promise<Answer>;
  /** The client gives up: its connection closes before it has sent its body. */
  abandon(): void;
}

/**
 * The burst (300 connections on `today`): each request is answered or refused at once with
 * HTTP 503 and Retry-After, none waits. Here the gateway takes five at once, and the test holds
 * requests in flight itself, as slow clients do, so that what is refused does not depend on timing.
 */
describe('a gateway with more requests than it takes at once', () => {
  let stack: TestStack;
  let learner: Member;
  let delivery: { id: string; status: string };

  beforeAll(async () => {
    stack = await startTestStack({
      // The gateway logs each request it answers at info.
      logLevel: 'info',
      serviceEnv: {
        LOAD_SHEDDING_MAX_IN_FLIGHT: String(LIMIT),
        LOAD_SHEDDING_RETRY_AFTER_SECONDS: String(RETRY_AFTER_SECONDS),
        // The event loop's signal depends on how busy this machine is; load-shedding.spec.ts covers it.
        LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: '0',
      },
    });
    await stack.setClock('2026-12-01T12:00:00Z');
    const acme = await givenOrganization(stack);
    const track = await givenPublishedTrack(acme.admin);
    learner = await givenPerson(stack, acme, { name: 'Lena Learner', role: Role.LEARNER, timezone: 'UTC' });
    await givenEnrolledCohort(acme, track, [learner.id]);
    delivery = await givenFirstLessonDelivered(learner);
  });

  afterAll(() => stack?.stop());

  const todayRequest = (expectContinue: boolean) => {
    const request = httpRequest(`${stack.urls.gateway}/graphql`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(TODAY),
        authorization: `Bearer ${learner.token}`,
        ...(expectContinue ? { expect: '100-continue' } : {}),
      },
    });
    const answer = new Promise<Answer>((resolve, reject) => {
      request.once('error', reject);
      request.once('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.once('error', reject);
        response.once('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) }),
        );
      });
    });
    return { request, answer };
  };

  /** A learner's `today`, sent whole on a connection of its own. */
  const today = (): Promise<Answer> => {
    const { request, answer } = todayRequest(false);
    request.end(TODAY);
    return answer;
  };

  /**
   * A learner's `today` whose headers the gateway has read, and whose body is held back. With
   * `Expect: 100-continue` the gateway sends `100 Continue` in the same turn as it runs its request
   * hooks, where a request is counted or refused; so once the client hears it, the gateway has decided.
   */
  const heldToday = async (): Promise<HeldRequest> => {
    const { request, answer } = todayRequest(true);
    answer.catch(() => undefined); // an abandoned request has no answer
    await new Promise<void>((resolve, reject) => {
      request.once('continue', resolve);
      request.once('error', reject);
      request.flushHeaders();
    });
    return {
      answer,
      finish: () => {
        request.end(TODAY);
        return answer;
      },
      abandon: () => request.destroy(),
    };
  };

  const held = async (count: number) => {
    const requests: HeldRequest[] = [];
    for (let i = 0; i < count; i += 1) requests.push(await heldToday());
    return requests;
  };

  const expectAnswered = (answer: Answer) => {
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.today.items).toEqual([{ id: delivery.id, status: delivery.status }]);
  };

  const expectRefused = (answer: Answer) => {
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      errors: [
        {
          message: expect.any(String),
          extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: RETRY_AFTER_SECONDS },
        },
      ],
    });
  };

  /** One request fewer than the limit in flight leaves room for one; the limit in flight leaves none. */
  const expectRoomForExactly = async (limit: number) => {
    const holding = await held(limit - 1);
    try {
      expectAnswered(await today());
      holding.push(await heldToday());
      expectRefused(await today());
    } finally {
      // Finished whatever happened, so that a failed attempt leaves no slot taken for the next.
      const answers = await Promise.all(holding.map((request) => request.finish().catch(() => undefined)));
      for (const answer of answers) if (answer) expectAnswered(answer);
    }
  };

  it('refuses what it has no room for at once with 503, Retry-After and SERVICE_UNAVAILABLE, and answers the rest', async () => {
    const holding = await held(LIMIT);

    const burst = await Promise.all(Array.from({ length: 60 }, () => today()));
    burst.forEach(expectRefused);
    // Refused before its body is read: a client that has not sent it yet hears at once.
    const slow = await heldToday();
    expectRefused(await slow.answer);
    slow.abandon();

    // A load balancer keeps sending this replica work: it answers what it can and refuses the rest itself.
    for (const probe of ['/health', '/ready']) {
      const response = await fetch(`${stack.urls.gateway}${probe}`);
      expect({ probe, status: response.status }).toEqual({ probe, status: 200 });
    }

    (await Promise.all(holding.map((request) => request.finish()))).forEach(expectAnswered);
  });

  it('refuses before any of Nest’s middleware runs, so a refusal costs no request log line', async () => {
    const requestLines = () =>
      readFileSync(join(stack.logDir, 'gateway.log'), 'utf8')
        .split('\n')
        .filter((line) => line.includes('"res":{'))
        .map((line) => JSON.parse(line) as { res: { statusCode: number } });
    const holding = await held(LIMIT);
    for (let i = 0; i < 10; i += 1) expectRefused(await today());
    (await Promise.all(holding.map((request) => request.finish()))).forEach(expectAnswered);

    // The log is written without blocking, a moment after the response.
    const lines = await eventually(async () => {
      const logged = requestLines();
      expect(logged.filter((line) => line.res.statusCode === 200).length).toBeGreaterThanOrEqual(LIMIT);
      return logged;
    });
    expect(lines.filter((line) => line.res.statusCode === 503)).toEqual([]);
  });

  it('answers or refuses each of a burst at once, and none waits', async () => {
    const burst = await Promise.all(Array.from({ length: 60 }, () => today()));
    const answered = burst.filter((answer) => answer.status === 200);
    answered.forEach(expectAnswered);
    burst.filter((answer) => answer.status !== 200).forEach(expectRefused);
    // The first to arrive finds the gateway idle.
    expect(answered.length).toBeGreaterThanOrEqual(1);
  });

  it('takes as many at once again once the burst is over', async () => {
    await expectRoomForExactly(LIMIT);
  });

  it('frees the room of clients that give up before sending their request', async () => {
    const gone = await held(LIMIT);
    expectRefused(await today());
    gone.forEach((request) => request.abandon());

    // The gateway hears of each closed connection a moment later.
    await eventually(() => expectRoomForExactly(LIMIT));
  });
});
