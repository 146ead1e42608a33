import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
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
  withClient,
} from '@tend/testing';
import { xapiStatementProblems } from './xapi-statement-rules';

interface Statement {
  id: string;
  actor: { account?: { homePage: string; name: string }; mbox?: string };
  verb: { id: string };
  object: { id: string };
  result?: { score?: Record<string, number>; success?: boolean; completion?: boolean; response?: string };
  context?: Record<string, unknown>;
}

/** One POST /statements as the stand-in got it. */
interface Batch {
  lrs: string;
  headers: IncomingHttpHeaders;
  authorized: boolean;
  statements: Statement[];
  /** What the xAPI rules of the version header find wrong, per statement: nothing, always. */
  problems: string[][];
  status: number;
}

const CONFIGURE = `mutation($input: ConfigureLrsInput!) {
  configureLrs(input: $input) { endpoint username version homePage actorFormat sendReflections enabled backlog }
}`;
const STATUS = '{ lrsStatus { endpoint username version enabled lastSuccessAt lastError lastErrorAt backlog } }';
const DISABLE = 'mutation { disableLrs { enabled } }';
const COMPLETE =
  'mutation($id: ID!, $input: CompleteLessonInput!) { completeLesson(deliveryId: $id, input: $input) { correct } }';

/** The track a lesson statement names as its parent. */
function trackIdOf(statement: Statement): string {
  const parent = (statement.context?.contextActivities as { parent: { id: string }[] }).parent[0].id;
  return parent.slice(parent.lastIndexOf('/') + 1);
}

const VERB = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  registered: 'http://adlnet.gov/expapi/verbs/registered',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
};

interface LrsStandIn {
  base: string;
  close(): Promise<void>;
}

/**
 * An LRS on 127.0.0.1: each LRS is a path (`/<name>/statements`) with the Basic credentials in
 * `accounts`, answering in turn from `answers` (200 when none; the last repeats) while its
 * gate (if any) holds requests. Every batch is recorded, with what the xAPI rules of its
 * version header find wrong; an invalid statement is answered 400.
 */
async function startLrsStandIn(
  batches: Batch[],
  accounts: Map<string, string>,
  answers: Map<string, number[]>,
  gates: Map<string, Promise<void>>,
): Promise<LrsStandIn> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', async () => {
      const [, name, resource] = (request.url ?? '/').split('/');
      await gates.get(name);
      const version = String(request.headers['x-experience-api-version']);
      const authorized = request.headers.authorization === `Basic ${accounts.get(name)}`;
      const statements = JSON.parse(body) as Statement[];
      const problems = statements.map((statement) => xapiStatementProblems(statement, version));
      const script = answers.get(name) ?? [200];
      const planned = script.length > 1 ? (script.shift() as number) : script[0];
      const valid = problems.every((found) => found.length === 0);
      const status =
        request.method !== 'POST' || resource !== 'statements' ? 404 : !authorized ? 401 : !valid ? 400 : planned;
      batches.push({ lrs: name, headers: request.headers, authorized, statements, problems, status });
      if (status === 200) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(statements.map((statement) => statement.id)));
      } else response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('xAPI statements to the organization’s learning record store', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let lrs: LrsStandIn;
  let base: string;
  const batches: Batch[] = [];
  const accounts = new Map<string, string>();
  const answers = new Map<string, number[]>();
  const gates = new Map<string, Promise<void>>();

  const at = (name: string) => batches.filter((batch) => batch.lrs === name);
  const statementsAt = (name: string) =>
    at(name)
      .filter((batch) => batch.status === 200)
      .flatMap((batch) => batch.statements);
  const about = (name: string, personId: string, verb: string) =>
    statementsAt(name).filter((statement) => statement.actor.account?.name === personId && statement.verb.id === verb);

  /** A learner's completed-lesson statements; a one-lesson track's completion is a completed statement too, of the track. */
  const lessonsCompleted = (name: string, personId: string) =>
    about(name, personId, VERB.completed).filter((statement) => statement.object.id.includes('/tend/lessons/'));

  beforeAll(async () => {
    lrs = await startLrsStandIn(batches, accounts, answers, gates);
    base = lrs.base;
    stack = await startTestStack({
      serviceEnv: {
        ALLOW_LOOPBACK_WEBHOOKS: 'true',
        // A failed batch is tried again after 300 ms, then 600 ms ...
        XAPI_BACKOFF_MS: '300',
        XAPI_SEND_ATTEMPTS: '4',
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
    await lrs?.close();
  });

  async function configure(organization: Organization, name: string, input: Record<string, unknown> = {}) {
    accounts.set(name, Buffer.from(`${name}-key:${name}-secret-password`).toString('base64'));
    const { configureLrs } = await organization.admin.ok(CONFIGURE, {
      input: {
        endpoint: `${base}/${name}`,
        username: `${name}-key`,
        password: `${name}-secret-password`,
        homePage: `https://${name}.example`,
        ...input,
      },
    });
    return configureLrs;
  }

  /** A learner in a fresh cohort enrolled in the track, with their first lesson delivered at 09:00 on Monday. */
  async function enrolledLearner(
    organization: Organization,
    lessons: Parameters<typeof givenPublishedTrack>[1],
    name: string,
    leaderId?: string,
  ): Promise<{ learner: Member; deliveryId: string; enrollmentId: string; lessonIds: string[] }> {
    await stack.setClock('2026-03-02T08:00:00Z');
    const learner = await givenPerson(stack, organization, { name, role: Role.LEARNER, timezone: 'UTC', leaderId });
    const track = await givenPublishedTrack(organization.admin, lessons);
    const { enrollmentId } = await givenEnrolledCohort(organization, track, [learner.id], { startsOn: '2026-03-02' });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 1);
    await stack.setClock('2026-03-02T09:00:30Z');
    await stack.runPlanner();
    const [lesson] = await eventually(async () => {
      const { today } = await learner.client.ok('{ today { items { id kind } } }');
      expect(today.items).toHaveLength(1);
      return today.items as { id: string }[];
    });
    return { learner, deliveryId: lesson.id, enrollmentId, lessonIds: track.lessonIds };
  }

  async function untilSent(organization: Organization) {
    return eventually(async () => {
      const { lrsStatus } = await organization.admin.ok(STATUS);
      expect(lrsStatus.backlog).toBe(0);
      return lrsStatus;
    });
  }

  const QUIZ = [
    {
      title: 'Greet within ten seconds',
      kind: 'QUIZ' as const,
      questions: [
        { prompt: 'How soon?', choices: ['Ten seconds', 'A minute'], correctIndex: 0, explanation: 'Ten seconds.' },
        { prompt: 'With what?', choices: ['A nod', 'Nothing'], correctIndex: 0, explanation: 'A nod.' },
      ],
    },
  ];
  const REFLECTION = [{ title: 'What did you notice?', kind: 'REFLECTION' as const }];

  it('lets admins and API clients with webhooks:write configure the LRS; the password is never readable through the API', async () => {
    const configured = await configure(acme, 'acme');
    expect(configured).toEqual({
      endpoint: `${base}/acme`,
      username: 'acme-key',
      version: 'V2_0_0',
      homePage: 'https://acme.example',
      actorFormat: 'ACCOUNT',
      sendReflections: false,
      enabled: true,
      backlog: 0,
    });
    const { lrsStatus } = await acme.admin.ok(STATUS);
    expect(JSON.stringify(lrsStatus)).not.toContain('secret-password');
    const asked = await acme.admin.error('{ lrsStatus { password } }');
    expect(asked.message).toMatch(/Cannot query field "password"/);
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT encrypted_password FROM scheduler.lrs_configurations WHERE organization_id = $1', [
        acme.organizationId,
      ]),
    );
    expect(rows[0].encrypted_password).toMatch(/^v1\./);
    expect(rows[0].encrypted_password).not.toContain('secret-password');

    const refused = await acme.admin.error(CONFIGURE, {
      input: { endpoint: 'https://10.0.0.8/xapi', username: 'k', password: 'p', homePage: 'https://acme.example' },
    });
    expect([refused.code, refused.extensions?.field]).toEqual(['BAD_USER_INPUT', 'input.endpoint']);
    const badHome = await acme.admin.error(CONFIGURE, {
      input: { endpoint: `${base}/acme`, username: 'k', password: 'p', homePage: 'acme' },
    });
    expect([badHome.code, badHome.extensions?.field]).toEqual(['BAD_USER_INPUT', 'input.homePage']);

    const lms = await givenApiClient(stack, globex, ['webhooks:write']);
    expect((await lms.client.ok(STATUS)).lrsStatus).toBeNull();
    const reader = await givenApiClient(stack, acme, ['people:read']);
    const learner = await givenPerson(stack, acme, { name: 'Lou Learner', role: Role.LEARNER, timezone: 'UTC' });
    for (const caller of [reader.client, learner.client]) {
      expect((await caller.error(STATUS)).code).toBe('FORBIDDEN');
      expect((await caller.error(DISABLE)).code).toBe('FORBIDDEN');
    }
    expect((await acme.admin.ok(STATUS)).lrsStatus.username).toBe('acme-key');
  });

  it('sends a learner’s completed quiz as valid statements with the score, with Basic auth and the version header', async () => {
    await configure(acme, 'acme');
    const { learner, deliveryId, enrollmentId, lessonIds } = await enrolledLearner(acme, QUIZ, 'Dana Doer');
    await learner.client.ok(COMPLETE, { id: deliveryId, input: { answers: [0, 1] } });

    const [completed] = await eventually(async () => {
      expect(lessonsCompleted('acme', learner.id)).toHaveLength(1);
      expect(about('acme', learner.id, VERB.answered)).toHaveLength(2);
      return lessonsCompleted('acme', learner.id);
    });
    expect(completed).toMatchObject({
      actor: { account: { homePage: 'https://acme.example', name: learner.id } },
      object: { id: `https://acme.example/tend/lessons/${lessonIds[0]}` },
      result: { score: { scaled: 0.5, raw: 1, min: 0, max: 2 }, success: false, completion: true },
      context: { registration: enrollmentId },
    });
    // Its only lesson done, the learner has completed the track: enrollment.completed.
    expect(about('acme', learner.id, VERB.completed).map((statement) => statement.object.id)).toContain(
      `https://acme.example/tend/tracks/${trackIdOf(completed)}`,
    );
    expect(about('acme', learner.id, VERB.registered)).toEqual([
      expect.objectContaining({ context: expect.objectContaining({ registration: enrollmentId }) }),
    ]);
    for (const batch of at('acme')) {
      expect([batch.authorized, batch.headers['x-experience-api-version'], batch.problems.flat()]).toEqual([
        true,
        '2.0.0',
        [],
      ]);
      expect(batch.headers['content-type']).toBe('application/json');
    }
    expect((await untilSent(acme)).lastSuccessAt).not.toBeNull();
  }, 120_000);

  it('never makes the learner wait for the LRS', async () => {
    await configure(acme, 'acme');
    const { learner, deliveryId } = await enrolledLearner(acme, QUIZ, 'Will Wait');
    await untilSent(acme);
    let open!: () => void;
    gates.set('acme', new Promise<void>((resolve) => (open = resolve)));
    await learner.client.ok(COMPLETE, { id: deliveryId, input: { answers: [0, 0] } });
    // The LRS holds every request still: the completion was answered without it.
    expect(lessonsCompleted('acme', learner.id)).toEqual([]);
    // The lesson, its two answers, and the track it finishes.
    expect((await acme.admin.ok(STATUS)).lrsStatus.backlog).toBe(4);
    gates.delete('acme');
    open();
    await eventually(async () => expect(lessonsCompleted('acme', learner.id)).toHaveLength(1));
  }, 120_000);

  it('resends a batch the LRS answered 500 with the same statement ids, and shows the error until it succeeds', async () => {
    await configure(acme, 'acme');
    const { learner, deliveryId } = await enrolledLearner(acme, QUIZ, 'Fay Flaky');
    await untilSent(acme);
    const before = at('acme').length;
    answers.set('acme', [500, 200]);
    await learner.client.ok(COMPLETE, { id: deliveryId, input: { answers: [0, 0] } });

    const [failed, resent] = await eventually(async () => {
      const later = at('acme').slice(before);
      expect(later.map((batch) => batch.status)).toEqual([500, 200]);
      return later;
    });
    // One request for the completion's statements: the lesson, its two answers and the track.
    expect(failed.statements).toHaveLength(4);
    expect(resent.statements.map((statement) => statement.id)).toEqual(
      failed.statements.map((statement) => statement.id),
    );
    expect(JSON.stringify(resent.statements)).toBe(JSON.stringify(failed.statements));
    expect(lessonsCompleted('acme', learner.id)[0].result).toMatchObject({ success: true, score: { scaled: 1 } });
    const lrsStatus = await untilSent(acme);
    expect(lrsStatus.lastError).toMatch(/HTTP 500/);
    expect(new Date(lrsStatus.lastSuccessAt).getTime()).toBeGreaterThanOrEqual(
      new Date(lrsStatus.lastErrorAt).getTime(),
    );
  }, 120_000);

  it('keeps a reflection’s text out unless the organization opts in', async () => {
    await configure(acme, 'acme');
    const quiet = await enrolledLearner(acme, REFLECTION, 'Rae Reserved');
    await quiet.learner.client.ok(COMPLETE, {
      id: quiet.deliveryId,
      input: { reflection: 'The queue was long today' },
    });
    const [kept] = await eventually(async () => {
      expect(lessonsCompleted('acme', quiet.learner.id)).toHaveLength(1);
      return lessonsCompleted('acme', quiet.learner.id);
    });
    expect(kept.result).toEqual({ completion: true });
    expect(JSON.stringify(at('acme'))).not.toContain('queue was long');

    await configure(acme, 'acme', { sendReflections: true });
    const open = await enrolledLearner(acme, REFLECTION, 'Ora Open');
    await open.learner.client.ok(COMPLETE, { id: open.deliveryId, input: { reflection: 'I greeted her by name' } });
    const [shared] = await eventually(async () => {
      expect(lessonsCompleted('acme', open.learner.id)).toHaveLength(1);
      return lessonsCompleted('acme', open.learner.id);
    });
    expect(shared.result).toEqual({ completion: true, response: 'I greeted her by name' });
    await configure(acme, 'acme');
  }, 180_000);

  it('never makes a statement of a pulse answer: it is anonymous', async () => {
    await configure(acme, 'acme');
    const lea = await givenPerson(stack, acme, { name: 'Lea Leader', role: Role.LEADER, timezone: 'UTC' });
    const { learner, deliveryId } = await enrolledLearner(acme, QUIZ, 'Pia Pulse', lea.id);
    await eventually(async () => {
      expect((await learner.client.ok('{ today { pulse { week } } }')).today.pulse).not.toBeNull();
    });
    await learner.client.ok('mutation($input: AnswerPulseInput!) { answerPulse(input: $input) { week } }', {
      input: { score: 2, comment: 'Lea interrupts customers' },
    });
    // Sent after the pulse answer, the completion shows the LRS has everything that came before it.
    await learner.client.ok(COMPLETE, { id: deliveryId, input: { answers: [0, 0] } });
    await eventually(async () => expect(lessonsCompleted('acme', learner.id)).toHaveLength(1));
    await untilSent(acme);
    const verbs = statementsAt('acme')
      .filter((statement) => statement.actor.account?.name === learner.id)
      .map((statement) => statement.verb.id);
    expect(new Set(verbs)).toEqual(new Set([VERB.registered, VERB.completed, VERB.answered]));
    expect(JSON.stringify(at('acme'))).not.toContain('interrupts');
  }, 120_000);

  it('names the leader of a coaching moment in context; a 1.0.3 LRS gets it as instructor', async () => {
    await configure(acme, 'acme');
    await configure(globex, 'globex', { version: 'V1_0_3' });
    for (const [organization, name] of [
      [acme, 'acme'],
      [globex, 'globex'],
    ] as const) {
      const lea = await givenPerson(stack, organization, { name: 'Lea Leader', role: Role.LEADER, timezone: 'UTC' });
      const dana = await givenPerson(stack, organization, {
        name: 'Dana Doer',
        role: Role.LEARNER,
        timezone: 'UTC',
        leaderId: lea.id,
      });
      await eventually(() =>
        lea.client.ok('mutation($input: LogCoachingMomentInput!) { logCoachingMoment(input: $input) { id } }', {
          input: { personId: dana.id, kind: 'RECOGNITION', whatHappened: 'Greeted a regular by name' },
        }),
      );
      const [moment] = await eventually(async () => {
        expect(about(name, dana.id, VERB.experienced)).toHaveLength(1);
        return about(name, dana.id, VERB.experienced);
      });
      const leader = { account: { homePage: `https://${name}.example`, name: lea.id } };
      if (name === 'acme') {
        expect(moment.context).toMatchObject({ contextAgents: [{ objectType: 'contextAgent', agent: leader }] });
      } else {
        expect(moment.context).toMatchObject({ instructor: leader });
        expect(moment.context).not.toHaveProperty('contextAgents');
      }
      expect(JSON.stringify(moment)).not.toContain('Greeted a regular');
    }
    for (const batch of at('globex')) {
      expect([batch.headers['x-experience-api-version'], batch.problems.flat()]).toEqual(['1.0.3', []]);
    }
  }, 120_000);

  it('never sends an organization’s statements to another organization’s LRS', async () => {
    await configure(acme, 'acme');
    await configure(globex, 'globex');
    const theirs = await enrolledLearner(globex, QUIZ, 'Gil Globex');
    await theirs.learner.client.ok(COMPLETE, { id: theirs.deliveryId, input: { answers: [1, 1] } });
    await eventually(async () => {
      expect(lessonsCompleted('globex', theirs.learner.id)).toHaveLength(1);
    });
    expect(JSON.stringify(at('acme'))).not.toContain(theirs.learner.id);
    for (const statement of statementsAt('acme'))
      expect(statement.actor.account?.homePage).toBe('https://acme.example');
    for (const statement of statementsAt('globex')) {
      expect(statement.actor.account?.homePage).toBe('https://globex.example');
    }
    for (const batch of [...at('acme'), ...at('globex')]) expect(batch.authorized).toBe(true);
  }, 120_000);

  it('keeps and sends nothing once turned off, until it is configured again', async () => {
    await configure(acme, 'acme');
    expect((await acme.admin.ok(DISABLE)).disableLrs.enabled).toBe(false);
    const { learner, deliveryId } = await enrolledLearner(acme, QUIZ, 'Otto Off');
    await learner.client.ok(COMPLETE, { id: deliveryId, input: { answers: [0, 0] } });
    // The completion's event commits with the completion: had it kept a statement, the backlog would show it.
    expect((await acme.admin.ok(STATUS)).lrsStatus).toMatchObject({ enabled: false, backlog: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(JSON.stringify(at('acme'))).not.toContain(learner.id);
    expect((await configure(acme, 'acme')).enabled).toBe(true);
  }, 120_000);
});

describe('an LRS configured again after its batches failed', () => {
  let stack: TestStack;
  let lrs: LrsStandIn;
  const batches: Batch[] = [];
  const accounts = new Map([['fixed', Buffer.from('fixed-key:the-right-password').toString('base64')]]);

  beforeAll(async () => {
    lrs = await startLrsStandIn(batches, accounts, new Map(), new Map());
    // A failed batch waits ten minutes for its retry: longer than any story here waits.
    stack = await startTestStack({ serviceEnv: { ALLOW_LOOPBACK_WEBHOOKS: 'true', XAPI_BACKOFF_MS: '600000' } });
    await stack.setClock('2026-03-02T08:00:00Z');
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await lrs?.close();
  });

  it('sends what waited at once when an admin fixes the password, not after the backoff', async () => {
    const acme = await givenOrganization(stack, 'Acme');
    const configure = (password: string) =>
      acme.admin.ok(CONFIGURE, {
        input: { endpoint: `${lrs.base}/fixed`, username: 'fixed-key', password, homePage: 'https://acme.example' },
      });
    await configure('a-wrong-password');
    const learner = await givenPerson(stack, acme, { name: 'Rey Registered', role: Role.LEARNER, timezone: 'UTC' });
    const track = await givenPublishedTrack(acme.admin, [{ title: 'Read me', kind: 'READ' }]);
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [learner.id], { startsOn: '2026-03-02' });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 1);
    await eventually(async () => {
      expect(batches.map((batch) => batch.status)).toEqual([401]);
      expect((await acme.admin.ok(STATUS)).lrsStatus).toMatchObject({ lastError: expect.stringMatching(/401/) });
    });

    await configure('the-right-password');
    const [taken] = await eventually(async () => {
      expect(batches.map((batch) => batch.status)).toEqual([401, 200]);
      return batches.slice(1);
    });
    expect(taken.statements).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ account: expect.objectContaining({ name: learner.id }) }),
      }),
    ]);
    expect(taken.statements[0].id).toBe(batches[0].statements[0].id);
    expect((await acme.admin.ok(STATUS)).lrsStatus.backlog).toBe(0);
  }, 120_000);
});
