import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  eventually,
  givenOrganization,
  givenPublishedTrack,
  Organization,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';
import { LTI, SimulatedPlatform } from './fixtures/lti/simulated-platform';

const REGISTER = `mutation($input: RegisterLtiPlatformInput!) {
  registerLtiPlatform(input: $input) { id issuer clientId authLoginUrl tokenUrl jwksUrl deploymentIds }
}`;
const PLATFORMS = '{ ltiPlatforms { edges { node { id issuer clientId deploymentIds } } } }';
const FORM = 'application/x-www-form-urlencoded';

interface StartedLogin {
  state: string;
  nonce: string;
  cookie: string;
  redirectUri: string;
}

interface LaunchAnswer {
  status: number;
  location: string | null;
  body: Record<string, any>;
  html: string;
}

describe('an LMS launches Tend as its LTI 1.3 tool', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;
  let canvas: SimulatedPlatform;
  let trackId: string;
  let lessonIds: string[];

  beforeAll(async () => {
    stack = await startTestStack({
      serviceEnv: { ALLOW_LOOPBACK_IDENTITY_PROVIDERS: 'true', LTI_SCORE_BACKOFF_MS: '200' },
    });
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
    canvas = await SimulatedPlatform.start('canvas');
    ({ trackId, lessonIds } = await givenPublishedTrack(acme.admin));
    await untilCohortsKnowTrack(trackId);
  }, 240_000);

  afterAll(async () => {
    await canvas?.close();
    await stack?.stop();
  });

  /** The platform starts a login, as Canvas does when a learner opens the link; the browser gets Tend's answer. */
  async function login(platform: SimulatedPlatform, method: 'GET' | 'POST' = 'POST'): Promise<StartedLogin> {
    const parameters = new URLSearchParams({
      iss: platform.issuer,
      client_id: platform.clientId,
      login_hint: 'opaque-user-hint',
      lti_message_hint: 'opaque-message-hint',
      target_link_uri: `${stack.urls.gateway}/lti/launch`,
      lti_deployment_id: platform.deploymentId,
    });
    const response =
      method === 'GET'
        ? await fetch(`${stack.urls.gateway}/lti/login?${parameters}`, { redirect: 'manual' })
        : await fetch(`${stack.urls.gateway}/lti/login`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': FORM },
            body: parameters,
          });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(`${platform.url}/auth`);
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('tend_lti_state='));
    expect(cookie).toMatch(/HttpOnly; Secure; SameSite=None/);
    const state = location.searchParams.get('state') ?? '';
    expect(cookie?.split(';')[0]).toBe(`tend_lti_state=${state}`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      login_hint: 'opaque-user-hint',
      lti_message_hint: 'opaque-message-hint',
    });
    return {
      state,
      nonce: location.searchParams.get('nonce') ?? '',
      cookie: cookie?.split(';')[0] ?? '',
      redirectUri: location.searchParams.get('redirect_uri') ?? '',
    };
  }

  /** The platform's page posts the id_token back to Tend from the same browser. */
  async function launch(started: StartedLogin, idToken: string, cookie = started.cookie): Promise<LaunchAnswer> {
    const response = await fetch(started.redirectUri, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': FORM, ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams({ id_token: idToken, state: started.state }),
    });
    return answerOf(response);
  }

  async function answerOf(response: Response): Promise<LaunchAnswer> {
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: text && json ? JSON.parse(text) : {},
      html: json ? '' : text,
    };
  }

  /** The instructor presses a track's button on the picker page. */
  async function pick(page: string, trackToLink: string): Promise<LaunchAnswer> {
    const action = /<form method="post" action="([^"]+)">/.exec(page)?.[1] ?? '';
    const selection = /name="selection" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const response = await fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': FORM },
      body: new URLSearchParams({ selection, track_id: trackToLink }),
    });
    return answerOf(response);
  }

  async function untilCohortsKnowTrack(track: string): Promise<void> {
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query('SELECT 1 FROM cohorts.published_tracks WHERE track_id = $1', [track]),
      );
      expect(rows).toHaveLength(1);
    });
  }

  function deepLinkingRequest(nonce: string, sub: string, roles: string[] = [LTI.instructor]): Record<string, unknown> {
    return {
      nonce,
      sub,
      name: 'Taylor Teacher',
      [LTI.messageType]: 'LtiDeepLinkingRequest',
      [LTI.roles]: roles,
      [LTI.context]: { id: 'course-202', title: 'Service at the front desk' },
      [LTI.deepLinkingSettings]: {
        deep_link_return_url: `${canvas.url}/deep-links/return`,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        data: 'opaque-platform-data',
      },
    };
  }

  function resourceLink(nonce: string, sub: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      nonce,
      sub,
      name: 'Robin Learner',
      email: `${sub}@school.example`,
      [LTI.messageType]: 'LtiResourceLinkRequest',
      [LTI.roles]: [LTI.learner],
      [LTI.context]: { id: 'course-101', title: 'Customer care 101' },
      [LTI.resourceLink]: { id: 'link-1' },
      [LTI.custom]: { tend_track_id: trackId },
      ...overrides,
    };
  }

  function sessionOf(answer: LaunchAnswer): string {
    const fragment = new URLSearchParams(new URL(answer.location ?? '', stack.urls.gateway).hash.slice(1));
    return fragment.get('session') ?? '';
  }

  async function peopleCount(organizationId: string): Promise<number> {
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT count(*)::int AS n FROM cohorts.people WHERE organization_id = $1', [organizationId]),
    );
    return rows[0].n as number;
  }

  it('lets an admin register a platform, lists it to their organization only, and publishes the tool key', async () => {
    const { registerLtiPlatform } = await acme.admin.ok(REGISTER, { input: canvas.registration() });
    expect(registerLtiPlatform).toMatchObject({
      issuer: canvas.issuer,
      clientId: canvas.clientId,
      deploymentIds: [canvas.deploymentId],
    });

    expect((await acme.admin.ok(PLATFORMS)).ltiPlatforms.edges.map((edge: any) => edge.node.id)).toEqual([
      registerLtiPlatform.id,
    ]);
    expect((await globex.admin.ok(PLATFORMS)).ltiPlatforms.edges).toEqual([]);
    const taken = await globex.admin.error(REGISTER, { input: canvas.registration() });
    expect(taken.code).toBe('CONFLICT');

    const jwks = (await (await fetch(`${stack.urls.gateway}/lti/jwks`)).json()) as { keys: Record<string, unknown>[] };
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT id, private_jwk_sealed FROM cohorts.lti_tool_keys WHERE organization_id = $1', [
        acme.organizationId,
      ]),
    );
    // Kept in Postgres, so a restart or another replica publishes and signs with the same key.
    expect(jwks.keys).toEqual([expect.objectContaining({ kid: rows[0].id, kty: 'RSA', alg: 'RS256', use: 'sig' })]);
    for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwks.keys[0]).not.toHaveProperty(privatePart);
    // The private half is kept sealed: a dump of the database does not hold it in the clear.
    expect(rows[0].private_jwk_sealed).toMatch(/^v1\.[^.]+\.[^.]+\.[^.]+$/);
    expect(rows[0].private_jwk_sealed).not.toContain('"d"');
  });

  it('refuses a platform whose URLs are not https, or point inside the network, with the field at fault', async () => {
    const refusals = [
      [{ jwksUrl: 'http://lms.example/jwks' }, 'input.jwksUrl', 'must be an https URL'],
      [{ tokenUrl: 'https://10.0.0.7/token' }, 'input.tokenUrl', 'must resolve to public addresses only'],
      [{ authLoginUrl: 'https://169.254.169.254/auth' }, 'input.authLoginUrl', 'must resolve to public addresses only'],
      [{ deploymentIds: [] }, 'input.deploymentIds', 'needs at least one deployment id'],
      [{ issuer: 'not a url' }, 'input.issuer', 'must be an https URL'],
    ] as const;
    for (const [change, field, message] of refusals) {
      const refused = await acme.admin.error(REGISTER, {
        input: { ...canvas.registration(), issuer: 'https://other.lms.test', ...change },
      });
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ field }) });
      expect(refused.message).toContain(message);
    }
  });

  it('signs a learner in on their first launch, enrolls them in the linked track and lands them on today in the web app', async () => {
    const before = await peopleCount(acme.organizationId);
    const started = await login(canvas);
    const answer = await launch(started, await canvas.idToken(resourceLink(started.nonce, 'robin')));
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(/^\/#session=[^&]+&expiresIn=\d+$/);

    const robin = stack.graphql.as(sessionOf(answer));
    const { me } = await robin.ok('{ me { id name email role } }');
    expect(me).toMatchObject({ name: 'Robin Learner', email: 'robin@school.example', role: 'LEARNER' });
    expect(await peopleCount(acme.organizationId)).toBe(before + 1);

    const { cohorts } = await acme.admin.ok('{ cohorts { edges { node { id name } } } }');
    const course = cohorts.edges.find(
      (edge: any) => edge.node.name === 'Customer care 101 · Service starts with leaders',
    );
    const { cohort } = await acme.admin.ok(
      'query($id: ID!) { cohort(id: $id) { members { edges { node { id } } } } }',
      {
        id: course.node.id,
      },
    );
    expect(cohort.members.edges).toEqual([{ node: { id: me.id } }]);
    const { rows: enrolled } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT track_id FROM cohorts.enrollments WHERE cohort_id = $1', [course.node.id]),
    );
    expect(enrolled).toEqual([{ track_id: trackId }]);

    // Launching again (a platform may start the login with a GET) is the same person in the same
    // cohort: nobody new, nothing enrolled twice.
    const again = await login(canvas, 'GET');
    const second = await launch(again, await canvas.idToken(resourceLink(again.nonce, 'robin')));
    expect(second.status).toBe(303);
    expect((await stack.graphql.as(sessionOf(second)).ok('{ me { id } }')).me.id).toBe(me.id);
    expect(await peopleCount(acme.organizationId)).toBe(before + 1);
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT count(*)::int AS n FROM cohorts.lti_course_cohorts WHERE organization_id = $1', [
        acme.organizationId,
      ]),
    );
    expect(rows[0].n).toBe(1);
    // The platform's keys were fetched once and kept for the second launch.
    expect(canvas.requestsTo('/jwks')).toHaveLength(1);
  });

  it('refuses a forged signature, a wrong audience, an expired token and a replayed nonce, each with its code', async () => {
    const forged = await login(canvas);
    expect(
      (await launch(forged, await canvas.idToken(resourceLink(forged.nonce, 'mallory'), { signedBy: 'impostor' })))
        .body,
    ).toMatchObject({ error: 'LTI_BAD_SIGNATURE' });

    const elsewhere = await login(canvas);
    const wrongAudience = await launch(
      elsewhere,
      await canvas.idToken(resourceLink(elsewhere.nonce, 'mallory'), { audience: 'another-tool' }),
    );
    expect(wrongAudience).toMatchObject({ status: 401, body: { error: 'LTI_WRONG_AUDIENCE' } });

    const late = await login(canvas);
    const issuedAt = new Date(Date.now() - 2 * 3600_000);
    const expired = await launch(
      late,
      await canvas.idToken(resourceLink(late.nonce, 'mallory'), {
        issuedAt,
        expiresAt: new Date(issuedAt.getTime() + 5 * 60_000),
      }),
    );
    expect(expired).toMatchObject({ status: 401, body: { error: 'LTI_TOKEN_EXPIRED' } });

    const once = await login(canvas);
    const idToken = await canvas.idToken(resourceLink(once.nonce, 'sam'));
    expect((await launch(once, idToken)).status).toBe(303);
    expect(await launch(once, idToken)).toMatchObject({ status: 401, body: { error: 'LTI_NONCE_REPLAYED' } });
    // The same token through a fresh login carries the old login's nonce.
    const fresh = await login(canvas);
    expect(await launch(fresh, idToken)).toMatchObject({ status: 401, body: { error: 'LTI_NONCE_MISMATCH' } });
    expect(await peopleCount(acme.organizationId)).toBeGreaterThan(0);
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query(`SELECT count(*)::int AS n FROM cohorts.lti_accounts WHERE subject = 'mallory'`),
    );
    expect(rows[0].n).toBe(0);
  });

  it('binds the login to the browser that started it, and takes only registered deployments', async () => {
    const started = await login(canvas);
    const idToken = await canvas.idToken(resourceLink(started.nonce, 'kim'));
    expect(await launch(started, idToken, '')).toMatchObject({ status: 401, body: { error: 'LTI_STATE_MISMATCH' } });
    expect(await launch(started, idToken, 'tend_lti_state=someone-elses')).toMatchObject({
      body: { error: 'LTI_STATE_MISMATCH' },
    });

    const other = await login(canvas);
    const undeployed = await launch(
      other,
      await canvas.idToken(resourceLink(other.nonce, 'kim', { [LTI.deploymentId]: 'not-registered' })),
    );
    expect(undeployed).toMatchObject({ status: 403, body: { error: 'LTI_UNKNOWN_DEPLOYMENT' } });

    const refused = await fetch(
      `${stack.urls.gateway}/lti/login?iss=https://unknown.lms.test&login_hint=x&target_link_uri=x`,
      {
        redirect: 'manual',
      },
    );
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: 'LTI_UNKNOWN_PLATFORM' });
  });

  it('lets an instructor link the course to a published track, whose launch then enrolls learners in it', async () => {
    const linked = await givenPublishedTrack(acme.admin, undefined, 'Colleagues are customers too');
    const elsewhere = await givenPublishedTrack(globex.admin, undefined, 'Only at Globex');
    await untilCohortsKnowTrack(linked.trackId);
    await untilCohortsKnowTrack(elsewhere.trackId);

    const started = await login(canvas);
    const picker = await launch(started, await canvas.idToken(deepLinkingRequest(started.nonce, 'taylor')));
    expect(picker.status).toBe(200);
    expect(picker.html).toContain('Colleagues are customers too');
    expect(picker.html).not.toContain('Only at Globex');
    const otherTenants = await login(canvas);
    const intoGlobex = await launch(
      otherTenants,
      await canvas.idToken(
        resourceLink(otherTenants.nonce, 'ari', { [LTI.custom]: { tend_track_id: elsewhere.trackId } }),
      ),
    );
    expect(intoGlobex).toMatchObject({ status: 404, body: { error: 'LTI_UNKNOWN_TRACK' } });
    expect(await pick(picker.html, elsewhere.trackId)).toMatchObject({
      status: 404,
      body: { error: 'LTI_UNKNOWN_TRACK' },
    });

    const returned = await pick(picker.html, linked.trackId);
    expect(returned.status).toBe(200);
    expect(/<form id="return" method="post" action="([^"]+)">/.exec(returned.html)?.[1]).toBe(
      `${canvas.url}/deep-links/return`,
    );
    const jwt = /name="JWT" value="([^"]+)"/.exec(returned.html)?.[1] ?? '';
    // The platform checks the response with the tool's keys, as it fetches them from /lti/jwks.
    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      createRemoteJWKSet(new URL(`${stack.urls.gateway}/lti/jwks`)),
      {
        issuer: canvas.clientId,
        audience: canvas.issuer,
        algorithms: ['RS256'],
      },
    );
    expect(protectedHeader.kid).toBeDefined();
    expect(payload).toMatchObject({
      [LTI.messageType]: 'LtiDeepLinkingResponse',
      [LTI.version]: '1.3.0',
      [LTI.deploymentId]: canvas.deploymentId,
      'https://purl.imsglobal.org/spec/lti-dl/claim/data': 'opaque-platform-data',
    });
    const [item] = payload[LTI.contentItems] as Record<string, any>[];
    expect(item).toMatchObject({
      type: 'ltiResourceLink',
      title: 'Colleagues are customers too',
      url: `${stack.urls.gateway}/lti/launch`,
      custom: { tend_track_id: linked.trackId },
      lineItem: { scoreMaximum: 100, resourceId: linked.trackId },
    });
    expect(await pick(picker.html, linked.trackId)).toMatchObject({
      status: 401,
      body: { error: 'LTI_NONCE_REPLAYED' },
    });

    // The course's link, launched by a learner: the custom parameters come back as the platform kept them.
    const learnerLogin = await login(canvas);
    const landed = await launch(
      learnerLogin,
      await canvas.idToken(
        resourceLink(learnerLogin.nonce, 'ari', {
          [LTI.context]: { id: 'course-202', title: 'Service at the front desk' },
          [LTI.resourceLink]: { id: 'link-2' },
          [LTI.custom]: item.custom,
        }),
      ),
    );
    expect(landed.status).toBe(303);
    expect(landed.location).toMatch(/^\/#session=/);
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query(
        `SELECT e.track_id FROM cohorts.lti_course_cohorts c JOIN cohorts.enrollments e ON e.cohort_id = c.cohort_id
         WHERE c.context_id = 'course-202'`,
      ),
    );
    expect(rows).toEqual([{ track_id: linked.trackId }]);
  });

  it('makes a new tool key when an operator removed one sealed under a retired gateway secret', async () => {
    const { rows: before } = await withClient(stack.databaseUrl, (client) =>
      client.query('DELETE FROM cohorts.lti_tool_keys WHERE organization_id = $1 RETURNING id', [acme.organizationId]),
    );
    const started = await login(canvas);
    const picker = await launch(started, await canvas.idToken(deepLinkingRequest(started.nonce, 'taylor')));
    const returned = await pick(picker.html, trackId);
    const jwt = /name="JWT" value="([^"]+)"/.exec(returned.html)?.[1] ?? '';
    const { protectedHeader } = await jwtVerify(jwt, createRemoteJWKSet(new URL(`${stack.urls.gateway}/lti/jwks`)), {
      issuer: canvas.clientId,
      audience: canvas.issuer,
    });
    expect(protectedHeader.kid).not.toBe(before[0].id);
  });

  it('shows the picker to instructors only', async () => {
    const started = await login(canvas);
    const refused = await launch(
      started,
      await canvas.idToken(deepLinkingRequest(started.nonce, 'robin', [LTI.learner])),
    );
    expect(refused).toMatchObject({ status: 403, body: { error: 'LTI_NOT_AN_INSTRUCTOR' } });
  });

  it('sends a lesson score to the line item the learner launched from, retried until the platform takes it', async () => {
    // A Wednesday 10:00 UTC days after the course's enrollment started, so the first lesson is due at once.
    const wednesday = new Date(Date.now() + 9 * 86_400_000);
    wednesday.setUTCDate(wednesday.getUTCDate() - ((wednesday.getUTCDay() + 4) % 7));
    wednesday.setUTCHours(10, 0, 0, 0);
    await stack.setClock(wednesday.toISOString());
    canvas.tokenStatus = 503;

    const started = await login(canvas);
    const claims = resourceLink(started.nonce, 'lee', {
      [LTI.gradeService]: {
        scope: [
          'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
          'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        ],
        lineitems: `${canvas.url}/lineitems`,
        lineitem: `${canvas.url}/lineitems/7`,
      },
    });
    const landed = await launch(started, await canvas.idToken(claims, { issuedAt: wednesday }));
    expect(landed.status).toBe(303);
    // Days later by the stack's clock, the earlier stories' logins, long expired, were cleared by this one.
    const { rows: logins } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT count(*)::int AS n FROM cohorts.lti_logins WHERE organization_id = $1', [
        acme.organizationId,
      ]),
    );
    expect(logins[0].n).toBe(1);
    const lee = stack.graphql.as(sessionOf(landed));
    const [lesson] = await eventually(async () => {
      await stack.runPlanner();
      const { today } = await lee.ok('{ today { items { id lesson { id } } } }');
      expect(today.items).toHaveLength(1);
      return today.items as { id: string; lesson: { id: string } }[];
    });
    expect(lesson.lesson.id).toBe(lessonIds[0]);
    await lee.ok('mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { correct total } }', {
      id: lesson.id,
    });

    // The platform's token endpoint is down at first: the score waits in the outbox and is tried again.
    await eventually(async () => expect(canvas.requestsTo('/token').length).toBeGreaterThanOrEqual(1));
    expect(canvas.requestsTo('/lineitems/7/scores')).toHaveLength(0);
    canvas.tokenStatus = 200;
    const [posted] = await eventually(async () => {
      const scores = canvas.requestsTo('/lineitems/7/scores');
      expect(scores).toHaveLength(1);
      return scores;
    });
    expect(posted.headers['content-type']).toBe('application/vnd.ims.lis.v1.score+json');
    expect(posted.headers.authorization).toMatch(/^Bearer token-\d+$/);
    const score = JSON.parse(posted.body) as Record<string, unknown>;
    expect(score).toMatchObject({
      userId: 'lee',
      scoreGiven: 100,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
    // When the lesson was completed, by the stack's clock, which runs on from the Wednesday it was set to.
    const completedAt = new Date(String(score.timestamp)).getTime() - wednesday.getTime();
    expect(completedAt).toBeGreaterThanOrEqual(0);
    expect(completedAt).toBeLessThan(5 * 60_000);

    // The grant: client credentials with a client assertion signed by a key Tend publishes (RFC 7523).
    const grant = new URLSearchParams(canvas.requestsTo('/token').at(-1)?.body);
    expect(grant.get('grant_type')).toBe('client_credentials');
    expect(grant.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(grant.get('scope')).toBe('https://purl.imsglobal.org/spec/lti-ags/scope/score');
    const { payload } = await jwtVerify(
      grant.get('client_assertion') ?? '',
      createRemoteJWKSet(new URL(`${stack.urls.gateway}/lti/jwks`)),
      {
        issuer: canvas.clientId,
        subject: canvas.clientId,
        audience: `${canvas.url}/token`,
        currentDate: new Date(String(score.timestamp)),
      },
    );
    expect(payload.jti).toBeDefined();
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query(
          'SELECT sent_at IS NOT NULL AS sent, last_error FROM scheduler.lti_scores WHERE delivery_id = $1',
          [lesson.id],
        ),
      );
      expect(rows).toEqual([{ sent: true, last_error: null }]);
    });

    // Erasing the learner forgets their account at the platform and where their scores went.
    const { me } = await lee.ok('{ me { id } }');
    await acme.admin.ok('mutation($id: ID!) { erasePerson(personId: $id) { id } }', { id: me.id });
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query(
          `SELECT (SELECT count(*)::int FROM cohorts.lti_accounts WHERE person_id = $1) AS accounts,
                  (SELECT count(*)::int FROM scheduler.lti_line_items WHERE person_id = $1) AS line_items`,
          [me.id],
        ),
      );
      expect(rows).toEqual([{ accounts: 0, line_items: 0 }]);
    });
  });

  it('never forwards a path outside /lti', async () => {
    const response = await fetch(`${stack.urls.gateway}/lti/..%2fgraphql`, { redirect: 'manual' });
    expect(response.status).toBe(404);
  });
});
