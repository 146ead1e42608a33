import { getNamedType, isLeafType } from 'graphql';
import { API_SCOPES, ApiScope, Role } from '@tend/auth';
import {
  givenFirstLessonDelivered,
  GraphQLClient,
  givenApiClient,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  publicApiSchema,
  startTestStack,
  TestStack,
  uniqueSuffix,
  WEEKDAYS_AT_NINE,
} from '@tend/testing';

type Caller = 'anonymous' | 'learner' | 'leaderOfLearner' | 'otherLeader' | 'admin' | 'otherOrgAdmin' | 'apiClient';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';
const CALLERS: Caller[] = [
  'anonymous',
  'learner',
  'leaderOfLearner',
  'otherLeader',
  'admin',
  'otherOrgAdmin',
  'apiClient',
];

interface World {
  trackId: string;
  draftTrackId: string;
  learnerId: string;
  cohortId: string;
  enrollmentId: string;
  deliveryId: string;
  /** A track with versions 1 and 2 published. */
  revisedTrackId: string;
  draftLessonId: string;
  freshDraftWithLesson(): Promise<string>;
  freshPublishedTrack(): Promise<string>;
  freshCohort(): Promise<string>;
  freshApiClient(): Promise<string>;
  freshScimToken(): Promise<string>;
  freshPerson(): Promise<string>;
  freshDeactivatedPerson(): Promise<string>;
  /** An event webhook subscription of the organization, which calls may change but not delete. */
  webhookSubscriptionId: string;
  freshWebhookSubscription(): Promise<string>;
}

interface AccessRule {
  /** The one API-client scope that opens the operation; none: closed to API clients. */
  scope?: ApiScope;
  /** Arguments for one call, made fresh for each caller when a call changes state. */
  variables(world: World, caller: Caller): Promise<Record<string, unknown>> | Record<string, unknown>;
  expect: Record<Caller, Outcome>;
}

const signedIn = (outcome: Outcome): Record<Caller, Outcome> => ({
  anonymous: 'UNAUTHENTICATED',
  learner: outcome,
  leaderOfLearner: outcome,
  otherLeader: outcome,
  admin: outcome,
  otherOrgAdmin: outcome,
  apiClient: outcome,
});
const adminsOnly = (otherOrg: Outcome): Record<Caller, Outcome> => ({
  anonymous: 'UNAUTHENTICATED',
  learner: 'FORBIDDEN',
  leaderOfLearner: 'FORBIDDEN',
  otherLeader: 'FORBIDDEN',
  admin: 'ok',
  otherOrgAdmin: otherOrg,
  apiClient: 'ok',
});
/** What only a signed-in person can do: the caller's own day, or managing API keys. */
const notForApiClients = (outcomes: Record<Caller, Outcome>): Record<Caller, Outcome> => ({
  ...outcomes,
  apiClient: 'FORBIDDEN',
});

/**
 * Who may call each operation of the public API (docs/ARCHITECTURE.md#who-calls-and-what-they-may-do), keyed by the
 * schema's own field names: "the learner" is the person under test, "the
 * leader of the learner" leads them, "another leader" leads someone else,
 * "the API client" is an LMS of the learner's organization holding every scope.
 */
const RULES: Record<string, AccessRule> = {
  me: { variables: () => ({}), expect: notForApiClients(signedIn('ok')) },
  today: { variables: () => ({}), expect: notForApiClients(signedIn('ok')) },
  track: {
    scope: 'content:read',
    variables: (w) => ({ id: w.trackId }),
    expect: { ...signedIn('ok'), otherOrgAdmin: 'NOT_FOUND' },
  },
  tracks: { scope: 'content:read', variables: () => ({}), expect: signedIn('ok') },
  person: {
    scope: 'people:read',
    variables: (w) => ({ id: w.learnerId }),
    expect: { ...signedIn('ok'), otherLeader: 'NOT_FOUND', otherOrgAdmin: 'NOT_FOUND' },
  },
  people: { scope: 'people:read', variables: () => ({}), expect: signedIn('ok') },
  cohort: {
    scope: 'people:read',
    variables: (w) => ({ id: w.cohortId }),
    expect: { ...signedIn('ok'), otherOrgAdmin: 'NOT_FOUND' },
  },
  cohorts: { scope: 'people:read', variables: () => ({}), expect: signedIn('ok') },
  deliveries: {
    scope: 'progress:read',
    variables: (w) => ({ personId: w.learnerId }),
    // Another organization's admin sees an empty list: the id tells them nothing.
    expect: { ...signedIn('ok'), otherLeader: 'FORBIDDEN' },
  },
  createTrack: {
    scope: 'content:write',
    variables: () => ({ input: { title: `Track ${uniqueSuffix()}` } }),
    expect: adminsOnly('ok'),
  },
  addLesson: {
    scope: 'content:write',
    variables: (w) => ({
      trackId: w.draftTrackId,
      input: { title: 'A lesson', kind: 'READ', body: 'Read this.', minutes: 2 },
    }),
    expect: adminsOnly('NOT_FOUND'),
  },
  publishTrack: {
    scope: 'content:write',
    variables: async (w) => ({ id: await w.freshDraftWithLesson() }),
    expect: adminsOnly('NOT_FOUND'),
  },
  reviseTrack: {
    scope: 'content:write',
    variables: async (w) => ({ id: await w.freshPublishedTrack() }),
    expect: adminsOnly('NOT_FOUND'),
  },
  archiveTrack: {
    scope: 'content:write',
    variables: async (w) => ({ id: await w.freshPublishedTrack() }),
    expect: adminsOnly('NOT_FOUND'),
  },
  migrateEnrollments: {
    scope: 'content:write',
    variables: (w) => ({ input: { trackId: w.revisedTrackId, fromVersion: 1, toVersion: 2 } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  moveLesson: {
    scope: 'content:write',
    variables: (w) => ({ input: { lessonId: w.draftLessonId, position: 1 } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  duplicateTrack: {
    scope: 'content:write',
    variables: (w) => ({ input: { trackId: w.trackId } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  translateLesson: {
    scope: 'content:write',
    variables: (w) => ({ input: { lessonId: w.draftLessonId, locale: 'fr', title: 'Leçon', body: 'Lisez ceci.' } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  importTrack: {
    scope: 'content:write',
    variables: () => ({
      input: {
        format: 'JSON',
        json: JSON.stringify({ title: 'Imported', lessons: [{ title: 'L', kind: 'READ', minutes: 1, body: 'B' }] }),
      },
    }),
    expect: adminsOnly('ok'),
  },
  exportTrack: {
    scope: 'content:read',
    variables: (w) => ({ id: w.trackId, format: 'JSON' }),
    expect: adminsOnly('NOT_FOUND'),
  },
  createPerson: {
    scope: 'people:write',
    variables: () => ({
      input: { email: `p-${uniqueSuffix()}@acme.example`, name: 'New Person', role: 'LEARNER', timezone: 'UTC' },
    }),
    expect: adminsOnly('ok'),
  },
  updatePerson: {
    scope: 'people:write',
    variables: async (w) => ({ id: await w.freshPerson(), input: { name: 'Renamed' } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  deactivatePerson: {
    scope: 'people:write',
    variables: async (w) => ({ id: await w.freshPerson() }),
    expect: adminsOnly('NOT_FOUND'),
  },
  reactivatePerson: {
    scope: 'people:write',
    variables: async (w) => ({ id: await w.freshDeactivatedPerson() }),
    expect: adminsOnly('NOT_FOUND'),
  },
  erasePerson: {
    variables: async (w) => ({ personId: await w.freshPerson() }),
    expect: notForApiClients(adminsOnly('NOT_FOUND')),
  },
  personDataExport: {
    variables: (w) => ({ personId: w.learnerId }),
    // The person themself or an admin; leading someone does not open their whole file.
    expect: {
      anonymous: 'UNAUTHENTICATED',
      learner: 'ok',
      leaderOfLearner: 'FORBIDDEN',
      otherLeader: 'FORBIDDEN',
      admin: 'ok',
      otherOrgAdmin: 'NOT_FOUND',
      apiClient: 'FORBIDDEN',
    },
  },
  myTeam: {
    variables: () => ({}),
    // Each leader their own subtree; an admin their own, or any leader's they name.
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  myTeamCsv: {
    variables: () => ({}),
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  importPeople: {
    scope: 'people:write',
    variables: () => ({
      input: { csv: `email,name,timezone\np-${uniqueSuffix()}@acme.example,Imported,UTC`, dryRun: false },
    }),
    expect: adminsOnly('ok'),
  },
  createCohort: {
    scope: 'enrollments:write',
    variables: () => ({ input: { name: `Cohort ${uniqueSuffix()}`, timezone: 'UTC', cadence: WEEKDAYS_AT_NINE } }),
    expect: adminsOnly('ok'),
  },
  setCohortPriority: {
    scope: 'enrollments:write',
    variables: (w) => ({ cohortId: w.cohortId, priority: 0 }),
    expect: adminsOnly('NOT_FOUND'),
  },
  updateCohortCadence: {
    scope: 'enrollments:write',
    // The cadence it already has: nothing moves for the other rules.
    variables: (w) => ({ cohortId: w.cohortId, input: WEEKDAYS_AT_NINE }),
    expect: adminsOnly('NOT_FOUND'),
  },
  addCohortMembers: {
    scope: 'enrollments:write',
    variables: (w) => ({ cohortId: w.cohortId, personIds: [w.learnerId] }),
    expect: adminsOnly('NOT_FOUND'),
  },
  setParticipation: {
    scope: 'enrollments:write',
    // The admin pauses the learner; the API client, which comes after, resumes them.
    variables: (w, caller) => ({
      enrollmentId: w.enrollmentId,
      personId: w.learnerId,
      status: caller === 'apiClient' ? 'ACTIVE' : 'PAUSED',
    }),
    expect: adminsOnly('NOT_FOUND'),
  },
  setCohortRule: {
    scope: 'enrollments:write',
    variables: async (w) => ({ cohortId: await w.freshCohort(), rule: { roles: ['LEARNER'] } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  enrollCohort: {
    scope: 'enrollments:write',
    variables: async (w) => ({ cohortId: await w.freshCohort(), trackId: w.trackId }),
    expect: adminsOnly('NOT_FOUND'),
  },
  createApiClient: {
    variables: () => ({ input: { name: `LMS ${uniqueSuffix()}`, scopes: ['content:read'] } }),
    expect: notForApiClients(adminsOnly('ok')),
  },
  revokeApiClient: {
    variables: async (w) => ({ id: await w.freshApiClient() }),
    expect: notForApiClients(adminsOnly('NOT_FOUND')),
  },
  setApiClientOperations: {
    variables: async (w) => ({ input: { apiClientId: await w.freshApiClient(), operations: null } }),
    expect: notForApiClients(adminsOnly('NOT_FOUND')),
  },
  apiClients: { variables: () => ({}), expect: notForApiClients(adminsOnly('ok')) },
  createScimToken: {
    variables: () => ({ input: { name: `IdP ${uniqueSuffix()}` } }),
    expect: notForApiClients(adminsOnly('ok')),
  },
  revokeScimToken: {
    variables: async (w) => ({ id: await w.freshScimToken() }),
    expect: notForApiClients(adminsOnly('NOT_FOUND')),
  },
  scimTokens: { variables: () => ({}), expect: notForApiClients(adminsOnly('ok')) },
  configureIdentityProvider: {
    variables: () => ({
      input: {
        issuer: `https://idp-${uniqueSuffix()}.example/`,
        // A public address literal: accepted without a DNS lookup, and never fetched here.
        jwksUrl: 'https://203.0.114.7/jwks',
        audience: 'tend',
      },
    }),
    expect: notForApiClients(adminsOnly('ok')),
  },
  identityProvider: { variables: () => ({}), expect: notForApiClients(adminsOnly('ok')) },
  registerLtiPlatform: {
    variables: () => ({
      input: {
        issuer: `https://lms-${uniqueSuffix()}.example`,
        clientId: 'tend',
        // Public address literals: accepted without a DNS lookup, and never fetched here.
        authLoginUrl: 'https://203.0.114.7/auth',
        tokenUrl: 'https://203.0.114.7/token',
        jwksUrl: 'https://203.0.114.7/jwks',
        deploymentIds: ['1'],
      },
    }),
    expect: notForApiClients(adminsOnly('ok')),
  },
  ltiPlatforms: { variables: () => ({}), expect: notForApiClients(adminsOnly('ok')) },
  auditLog: { variables: () => ({}), expect: notForApiClients(adminsOnly('ok')) },
  logCoachingMoment: {
    variables: (w) => ({ input: { personId: w.learnerId, kind: 'RECOGNITION', whatHappened: 'Well handled.' } }),
    // A leader coaches their own subtree only; admins anyone in their organization.
    expect: {
      anonymous: 'UNAUTHENTICATED',
      learner: 'FORBIDDEN',
      leaderOfLearner: 'ok',
      otherLeader: 'FORBIDDEN',
      admin: 'ok',
      otherOrgAdmin: 'NOT_FOUND',
      apiClient: 'FORBIDDEN',
    },
  },
  teamMisconceptions: {
    variables: () => ({}),
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  teamMisconceptionsCsv: {
    variables: () => ({}),
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  teamRecallForecast: {
    variables: () => ({}),
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  teamRecallForecastCsv: {
    variables: () => ({}),
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  coachingMoments: {
    variables: () => ({}),
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  answerPulse: {
    variables: () => ({ input: { score: 4 } }),
    expect: notForApiClients(signedIn('ok')),
  },
  pulseResults: {
    variables: () => ({}),
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  pulseResultsCsv: {
    variables: () => ({}),
    expect: { ...notForApiClients(signedIn('ok')), learner: 'FORBIDDEN' },
  },
  leaderReport: { variables: () => ({}), expect: notForApiClients(adminsOnly('ok')) },
  leaderReportCsv: { variables: () => ({}), expect: notForApiClients(adminsOnly('ok')) },
  learningAnalytics: {
    scope: 'progress:read',
    variables: () => ({ groupBy: 'LEADER_SUBTREE' }),
    // A leader their own subtree, an admin or an API client every leader's; other groupings are for admins.
    expect: { ...signedIn('ok'), learner: 'FORBIDDEN' },
  },
  learningAnalyticsCsv: {
    scope: 'progress:read',
    variables: () => ({ groupBy: 'LEADER_SUBTREE' }),
    expect: { ...signedIn('ok'), learner: 'FORBIDDEN' },
  },
  completeLesson: {
    variables: (w) => ({ deliveryId: w.deliveryId, input: {} }),
    // Only the learner's own delivery: to anyone else it does not exist.
    expect: {
      anonymous: 'UNAUTHENTICATED',
      learner: 'ok',
      leaderOfLearner: 'NOT_FOUND',
      otherLeader: 'NOT_FOUND',
      admin: 'NOT_FOUND',
      otherOrgAdmin: 'NOT_FOUND',
      apiClient: 'FORBIDDEN',
    },
  },
  reviewCard: {
    variables: (w) => ({ deliveryId: w.deliveryId, rating: 'GOOD' }),
    // The learner's own delivery is a lesson, so the learner gets past every check but the last.
    expect: {
      anonymous: 'UNAUTHENTICATED',
      learner: 'CONFLICT',
      leaderOfLearner: 'NOT_FOUND',
      otherLeader: 'NOT_FOUND',
      admin: 'NOT_FOUND',
      otherOrgAdmin: 'NOT_FOUND',
      apiClient: 'FORBIDDEN',
    },
  },
  answerReview: {
    variables: (w) => ({ deliveryId: w.deliveryId, choice: 0 }),
    // As reviewCard: the learner's own delivery is a lesson, not a question review.
    expect: {
      anonymous: 'UNAUTHENTICATED',
      learner: 'CONFLICT',
      leaderOfLearner: 'NOT_FOUND',
      otherLeader: 'NOT_FOUND',
      admin: 'NOT_FOUND',
      otherOrgAdmin: 'NOT_FOUND',
      apiClient: 'FORBIDDEN',
    },
  },
  respondToPrompt: {
    variables: (w) => ({ deliveryId: w.deliveryId, input: { done: true } }),
    // Leaders and admins answer their own prompts; the learner's lesson is nobody else's to answer.
    expect: {
      anonymous: 'UNAUTHENTICATED',
      learner: 'FORBIDDEN',
      leaderOfLearner: 'NOT_FOUND',
      otherLeader: 'NOT_FOUND',
      admin: 'NOT_FOUND',
      otherOrgAdmin: 'NOT_FOUND',
      apiClient: 'FORBIDDEN',
    },
  },
  recordCareerConversation: {
    variables: (w) => ({ deliveryId: w.deliveryId, input: { outcome: 'DONE' } }),
    // As respondToPrompt: only the leader it was sent to records it; the learner's lesson is nobody's to record.
    expect: {
      anonymous: 'UNAUTHENTICATED',
      learner: 'FORBIDDEN',
      leaderOfLearner: 'NOT_FOUND',
      otherLeader: 'NOT_FOUND',
      admin: 'NOT_FOUND',
      otherOrgAdmin: 'NOT_FOUND',
      apiClient: 'FORBIDDEN',
    },
  },
  webhookEndpoint: { scope: 'webhooks:write', variables: () => ({}), expect: adminsOnly('ok') },
  registerWebhookEndpoint: {
    scope: 'webhooks:write',
    // Loopback, which this stack allows; nothing listens on the discard port, so a send fails and stays local.
    variables: () => ({ input: { url: 'http://127.0.0.1:9/tend' } }),
    expect: adminsOnly('ok'),
  },
  webhookSubscriptions: { scope: 'webhooks:write', variables: () => ({}), expect: adminsOnly('ok') },
  webhookDeliveries: {
    scope: 'webhooks:write',
    variables: (w) => ({ subscriptionId: w.webhookSubscriptionId }),
    expect: adminsOnly('NOT_FOUND'),
  },
  createWebhookSubscription: {
    scope: 'webhooks:write',
    // Loopback, which this stack allows; nothing listens on the discard port, so a send fails and stays local.
    variables: () => ({ input: { url: 'http://127.0.0.1:9/events', events: ['PERSON_ERASED'] } }),
    expect: adminsOnly('ok'),
  },
  updateWebhookSubscription: {
    scope: 'webhooks:write',
    variables: (w) => ({ input: { id: w.webhookSubscriptionId, events: ['PERSON_ERASED'] } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  deleteWebhookSubscription: {
    scope: 'webhooks:write',
    variables: async (w) => ({ input: { id: await w.freshWebhookSubscription() } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  rotateWebhookSecret: {
    scope: 'webhooks:write',
    variables: (w) => ({ input: { id: w.webhookSubscriptionId } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  replayWebhookEvents: {
    scope: 'webhooks:write',
    variables: (w) => ({ input: { subscriptionId: w.webhookSubscriptionId, eventIds: [w.webhookSubscriptionId] } }),
    expect: adminsOnly('NOT_FOUND'),
  },
  lrsStatus: { scope: 'webhooks:write', variables: () => ({}), expect: adminsOnly('ok') },
  configureLrs: {
    scope: 'webhooks:write',
    // Loopback, which this stack allows; nothing listens on the discard port, so a send fails and stays local.
    variables: () => ({
      input: { endpoint: 'http://127.0.0.1:9/xapi', username: 'k', password: 'p', homePage: 'https://acme.example' },
    }),
    expect: adminsOnly('ok'),
  },
  disableLrs: { scope: 'webhooks:write', variables: () => ({}), expect: adminsOnly('ok') },
  schedulerSettings: { variables: () => ({}), expect: notForApiClients(adminsOnly('ok')) },
  updateSchedulerSettings: {
    variables: () => ({ input: { reviewsPerDay: 3 } }),
    expect: notForApiClients(adminsOnly('ok')),
  },
};

describe('who may call what: every operation of the schema × every kind of caller', () => {
  let stack: TestStack;
  let clients: Record<Caller, GraphQLClient>;
  let world: World;
  /** For each operation, an API client holding every scope but the one it needs. */
  let clientWithout: (scope: ApiScope | undefined) => GraphQLClient;

  beforeAll(async () => {
    stack = await startTestStack({ serviceEnv: { ALLOW_LOOPBACK_WEBHOOKS: 'true' } });
    await stack.setClock('2026-12-01T12:00:00Z');
    const acme = await givenOrganization(stack, 'Acme');
    const globex = await givenOrganization(stack, 'Globex');
    const track = await givenPublishedTrack(acme.admin, [{ title: 'Read me', kind: 'READ' }]);
    const leader = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    const otherLeader = await givenPerson(stack, acme, { name: 'Odo', role: Role.LEADER, timezone: 'UTC' });
    const learner = await givenPerson(stack, acme, {
      name: 'Lin',
      role: Role.LEARNER,
      timezone: 'UTC',
      leaderId: leader.id,
    });
    const { cohortId, enrollmentId } = await givenEnrolledCohort(acme, track, [learner.id, leader.id, otherLeader.id]);
    const delivery = await givenFirstLessonDelivered(learner);
    const { createTrack } = await acme.admin.ok('mutation { createTrack(input: { title: "Draft" }) { id } }');
    clients = {
      anonymous: stack.graphql,
      learner: learner.client,
      leaderOfLearner: leader.client,
      otherLeader: otherLeader.client,
      admin: acme.admin,
      otherOrgAdmin: globex.admin,
      apiClient: (await givenApiClient(stack, acme, [...API_SCOPES])).client,
    };
    const lacking = new Map<ApiScope | undefined, GraphQLClient>();
    for (const missing of [undefined, ...API_SCOPES]) {
      const held = API_SCOPES.filter((scope) => scope !== missing);
      lacking.set(missing, (await givenApiClient(stack, acme, held)).client);
    }
    clientWithout = (scope) => {
      const client = lacking.get(scope);
      if (!client) throw new Error(`no API client lacks ${scope}`);
      return client;
    };
    const revised = await givenPublishedTrack(acme.admin, [{ title: 'Read me', kind: 'READ' }], 'Revised');
    await acme.admin.ok('mutation($id: ID!) { reviseTrack(id: $id) { id } }', { id: revised.trackId });
    await acme.admin.ok('mutation($id: ID!) { publishTrack(id: $id) { id } }', { id: revised.trackId });
    const { addLesson: draftLesson } = await acme.admin.ok(
      'mutation($id: ID!) { addLesson(trackId: $id, input: { title: "L", kind: READ, body: "B", minutes: 1 }) { id } }',
      { id: createTrack.id },
    );
    const freshWebhookSubscription = async () => {
      const { createWebhookSubscription } = await acme.admin.ok(
        'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { subscription { id } } }',
        { input: { url: 'http://127.0.0.1:9/events', events: ['PERSON_ERASED'] } },
      );
      return createWebhookSubscription.subscription.id as string;
    };
    world = {
      trackId: track.trackId,
      draftLessonId: draftLesson.id,
      revisedTrackId: revised.trackId,
      draftTrackId: createTrack.id,
      learnerId: learner.id,
      cohortId,
      enrollmentId,
      deliveryId: delivery.id,
      freshDraftWithLesson: async () => {
        const { createTrack: draft } = await acme.admin.ok(
          'mutation { createTrack(input: { title: "To publish" }) { id } }',
        );
        await acme.admin.ok(
          'mutation($id: ID!) { addLesson(trackId: $id, input: { title: "L", kind: READ, body: "B", minutes: 1 }) { id } }',
          { id: draft.id },
        );
        return draft.id;
      },
      freshPublishedTrack: async () => {
        const id = await world.freshDraftWithLesson();
        await acme.admin.ok('mutation($id: ID!) { publishTrack(id: $id) { id } }', { id });
        return id;
      },
      freshCohort: async () => {
        const { createCohort } = await acme.admin.ok(
          'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
          { input: { name: `Fresh ${uniqueSuffix()}`, timezone: 'UTC', cadence: WEEKDAYS_AT_NINE } },
        );
        return createCohort.id;
      },
      freshApiClient: async () => (await givenApiClient(stack, acme, ['content:read'])).id,
      freshScimToken: async () =>
        (await acme.admin.ok('mutation { createScimToken(input: { name: "Okta" }) { scimToken { id } } }'))
          .createScimToken.scimToken.id,
      freshPerson: async () =>
        (await givenPerson(stack, acme, { name: 'Fay', role: Role.LEARNER, timezone: 'UTC' })).id,
      freshDeactivatedPerson: async () => {
        const { id } = await givenPerson(stack, acme, { name: 'Dee', role: Role.LEARNER, timezone: 'UTC' });
        await acme.admin.ok('mutation($id: ID!) { deactivatePerson(id: $id) { id } }', { id });
        return id;
      },
      webhookSubscriptionId: await freshWebhookSubscription(),
      freshWebhookSubscription,
    };
    // An API client per scope, each created through the gateway: slow on a busy machine.
  }, 180_000);

  afterAll(() => stack?.stop());

  it('has a rule for every operation, and no rule for an operation that is gone', async () => {
    const schema = await publicApiSchema(stack);
    const operations = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    expect(operations.filter((name) => !(name in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((name) => !operations.includes(name))).toEqual([]);
  });

  it('allows or refuses each call with the right code', async () => {
    const schema = await publicApiSchema(stack);
    const differences: string[] = [];
    for (const [kind, type] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        const rule = RULES[field.name];
        if (!rule) continue;
        const declarations = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
        const passing = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
        const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
        const query = `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${passing ? `(${passing})` : ''} ${selection} }`;
        for (const caller of CALLERS) {
          const response = await clients[caller].send(query, await rule.variables(world, caller));
          const outcome = response.errors?.length ? response.errors[0].extensions?.code : 'ok';
          if (outcome !== rule.expect[caller]) {
            differences.push(`${field.name} as ${caller}: expected ${rule.expect[caller]}, got ${outcome}`);
          }
        }
        const withoutScope = await clientWithout(rule.scope).send(query, await rule.variables(world, 'apiClient'));
        const outcome = withoutScope.errors?.length ? withoutScope.errors[0].extensions?.code : 'ok';
        if (outcome !== 'FORBIDDEN') {
          differences.push(
            `${field.name} as an API client without ${rule.scope ?? 'any opening scope'}: expected FORBIDDEN, got ${outcome}`,
          );
        }
      }
    }
    expect(differences).toEqual([]);
    // Eight calls for each of a hundred operations, one after another: seconds on an idle machine, more on a shared one.
  }, 120_000);
});
