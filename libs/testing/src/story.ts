import { Role } from '@tend/auth';
import { eventually } from './eventually';
import { GraphQLClient } from './graphql-client';
import type { TestStack } from './test-stack';
import { uniqueSuffix, withClient } from './test-infrastructure';

export interface Organization {
  organizationId: string;
  admin: GraphQLClient;
  adminToken: string;
}

/** An organization and its first HR admin, created the way an operator does: with the `tend` CLI. */
export async function givenOrganization(stack: TestStack, name = 'Acme'): Promise<Organization> {
  const email = `hr-${uniqueSuffix()}@acme.example`;
  const output = await stack.cli('cohorts', ['org', 'create', '--name', name, '--admin-email', email]);
  const organizationId = /^organization: (\S+)$/m.exec(output)?.[1];
  const adminToken = /^token: (\S+)$/m.exec(output)?.[1];
  if (!organizationId || !adminToken) throw new Error(`unexpected output of org create: ${output}`);
  return { organizationId, adminToken, admin: stack.graphql.as(adminToken) };
}

export interface LessonSpec {
  title: string;
  kind: 'READ' | 'SCENARIO' | 'QUIZ' | 'REFLECTION';
  body?: string;
  minutes?: number;
  questions?: {
    prompt: string;
    choices: string[];
    correctIndex: number;
    explanation?: string;
    choiceFeedback?: { explanation: string; consequence?: string }[];
  }[];
  reviewCards?: { front: string; back: string }[];
  leaderPrompt?: string;
  leaderListenFor?: string;
}

export const THREE_LESSONS: LessonSpec[] = [
  {
    title: 'Service starts with how you are treated',
    kind: 'READ',
    body: 'Teams treat customers the way their leaders treat them.',
    minutes: 2,
    leaderPrompt: 'When did someone on this team go out of their way for you this week?',
  },
  {
    title: 'Spot the moment',
    kind: 'QUIZ',
    body: 'A customer waits at the counter while you finish a call.',
    minutes: 3,
    questions: [
      {
        prompt: 'What do you do first?',
        choices: [
          'Finish the call, then greet them',
          'Acknowledge them with a nod and a word',
          'Wait for them to speak',
        ],
        correctIndex: 1,
        explanation: 'A quick acknowledgement tells them they have been seen.',
        choiceFeedback: [
          { explanation: 'Until you look up, they do not know you have seen them.' },
          { explanation: 'A quick acknowledgement tells them they have been seen.' },
          { explanation: 'Waiting leaves the first move, and the worry, with them.' },
        ],
      },
    ],
    reviewCards: [{ front: 'First thing to do when a customer waits?', back: 'Acknowledge them.' }],
  },
  {
    title: 'Your own example',
    kind: 'REFLECTION',
    body: 'Think of a time someone made you feel seen at work.',
    minutes: 2,
  },
];

export interface PublishedTrack {
  trackId: string;
  lessonIds: string[];
}

export async function givenPublishedTrack(
  admin: GraphQLClient,
  lessons: LessonSpec[] = THREE_LESSONS,
  title = 'Service starts with leaders',
): Promise<PublishedTrack> {
  const { createTrack } = await admin.ok<{ createTrack: { id: string } }>(
    'mutation($input: CreateTrackInput!) { createTrack(input: $input) { id } }',
    { input: { title, tags: ['service'] } },
  );
  const lessonIds: string[] = [];
  for (const lesson of lessons) {
    const { addLesson } = await admin.ok<{ addLesson: { id: string } }>(
      'mutation($trackId: ID!, $input: AddLessonInput!) { addLesson(trackId: $trackId, input: $input) { id } }',
      { trackId: createTrack.id, input: { body: 'A short lesson.', minutes: 2, ...lesson } },
    );
    lessonIds.push(addLesson.id);
  }
  await admin.ok('mutation($id: ID!) { publishTrack(id: $id) { id } }', { id: createTrack.id });
  return { trackId: createTrack.id, lessonIds };
}

export interface PersonSpec {
  name: string;
  role: Role;
  timezone: string;
  leaderId?: string;
  teamName?: string;
  email?: string;
  /** BCP 47; cohorts' default when absent. */
  locale?: string;
}

export interface Member {
  id: string;
  token: string;
  client: GraphQLClient;
}

export async function givenPerson(stack: TestStack, organization: Organization, person: PersonSpec): Promise<Member> {
  const email = person.email ?? `${person.name.toLowerCase().replace(/\W+/g, '.')}-${uniqueSuffix()}@acme.example`;
  const { createPerson } = await organization.admin.ok<{ createPerson: { id: string } }>(
    'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
    { input: { ...person, email } },
  );
  const token = stack.tokenFor({
    organizationId: organization.organizationId,
    personId: createPerson.id,
    role: person.role,
  });
  return { id: createPerson.id, token, client: stack.graphql.as(token) };
}

/** Monday to Friday, lessons at 09:00, leader prompts Monday 08:30: the cadence of the walking-skeleton story. */
export const WEEKDAYS_AT_NINE = { daysOfWeek: [1, 2, 3, 4, 5], lessonTime: '09:00', promptDay: 1, promptTime: '08:30' };

export async function givenEnrolledCohort(
  organization: Organization,
  track: PublishedTrack,
  memberIds: string[],
  options: { timezone?: string; startsOn?: string } = {},
): Promise<{ cohortId: string; enrollmentId: string }> {
  const { createCohort } = await organization.admin.ok<{ createCohort: { id: string } }>(
    'mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }',
    { input: { name: `Front desk ${uniqueSuffix()}`, timezone: options.timezone ?? 'UTC', cadence: WEEKDAYS_AT_NINE } },
  );
  await organization.admin.ok(
    'mutation($id: ID!, $people: [ID!]!) { addCohortMembers(cohortId: $id, personIds: $people) { id } }',
    {
      id: createCohort.id,
      people: memberIds,
    },
  );
  // Cohorts learns of a published track through content's event, a moment after publishing.
  const { enrollCohort } = await eventually(() =>
    organization.admin.ok<{ enrollCohort: { id: string } }>(
      'mutation($cohortId: ID!, $trackId: ID!, $startsOn: Date) { enrollCohort(cohortId: $cohortId, trackId: $trackId, startsOn: $startsOn) { id } }',
      { cohortId: createCohort.id, trackId: track.trackId, startsOn: options.startsOn },
    ),
  );
  return { cohortId: createCohort.id, enrollmentId: enrollCohort.id };
}

export interface ApiClientKey {
  id: string;
  key: string;
  /** The gateway, called with the key as a third-party LMS would. */
  client: GraphQLClient;
}

/** An API client the organization's admin created, and the key it was shown once. */
export async function givenApiClient(
  stack: TestStack,
  organization: Organization,
  scopes: string[],
  name = `LMS ${uniqueSuffix()}`,
): Promise<ApiClientKey> {
  const { createApiClient } = await organization.admin.ok<{ createApiClient: { id: string; key: string } }>(
    'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id key } }',
    { input: { name, scopes } },
  );
  return { ...createApiClient, client: stack.graphql.as(createApiClient.key) };
}

/**
 * Waits until the learner's day holds exactly one item, their first lesson
 * (it arrives through the event relay and the planner), and returns it.
 */
export async function givenFirstLessonDelivered(learner: Member): Promise<{ id: string; status: string }> {
  const [delivery] = await eventually(async () => {
    const { today } = await learner.client.ok<{ today: { items: { id: string; status: string }[] } }>(
      '{ today { items { id status } } }',
    );
    expect(today.items).toHaveLength(1);
    return today.items;
  });
  return delivery;
}

/**
 * Waits until the scheduler holds an enrollment for each of its members: it
 * hears of enrollments through the outbox relay, a moment after `enrollCohort`,
 * and a planner pass run before then plans nothing for them.
 */
export async function untilSchedulerKnowsEnrollment(
  stack: TestStack,
  enrollmentId: string,
  members: number,
): Promise<void> {
  // A cohort of hundreds is hundreds of events, applied one at a time per organization: on a busy
  // machine the scheduler takes longer than the usual wait to catch up.
  await eventually(async () => {
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query('SELECT count(*)::int AS n FROM scheduler.learner_enrollments WHERE enrollment_id = $1', [
        enrollmentId,
      ]),
    );
    expect(rows[0].n).toBe(members);
  }, 60_000);
}

/** A one-time sign-in link for the person, as `npm run demo` prints them (README "The web app"). */
export async function givenSignInLink(stack: TestStack, organization: Organization, email: string): Promise<string> {
  const output = await stack.cli('cohorts', ['sign-in-link', '--org', organization.organizationId, '--email', email]);
  const link = /^link: (\S+)$/m.exec(output)?.[1];
  if (!link) throw new Error(`unexpected output of sign-in-link: ${output}`);
  return link;
}
