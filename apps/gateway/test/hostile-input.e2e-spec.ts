import {
  getNamedType,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { Role } from '@tend/auth';
import {
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Organization,
  publicApiSchema,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';

/** Seeded, so a failure can be replayed with the same inputs. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  'a',
  "'; DROP TABLE content.tracks; --",
  "' OR '1'='1",
  '%_\\',
  '\u0000',
  'nul\u0000inside',
  '😀 emoji and 中文 and עברית',
  '\u202eright-to-left override',
  '\ud800',
  '<script>alert(1)</script>',
  '{"$gt": ""}',
  'x'.repeat(5_000),
  'y'.repeat(60_000),
  '09:00',
  '25:99',
  'America/Chicago',
  'Mars/Olympus_Mons',
  'someone@acme.example',
  'not an email',
];
const HOSTILE_INTS = [0, -1, 1, 2, 5, 6, 7, 8, 11, 2_147_483_647, -2_147_483_648];
const RANDOM_UUID = '5b2c8c1e-3f3a-4c1e-9a7e-6f1b2d3c4e5f';

/**
 * Client errors a hostile input may earn; anything else (an internal error,
 * or no code at all) is a bug.
 */
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED']);

/**
 * Tables whose rows only a mutation of the API adds. Projections filled by events
 * are left out, and so is the audit log, which records refused mutations too.
 */
const WRITTEN_BY_MUTATIONS = `
  SELECT (SELECT count(*) FROM content.tracks) + (SELECT count(*) FROM content.track_versions)
       + (SELECT count(*) FROM content.lessons) + (SELECT count(*) FROM content.lesson_translations)
       + (SELECT count(*) FROM content.questions) + (SELECT count(*) FROM content.review_cards)
       + (SELECT count(*) FROM cohorts.people) + (SELECT count(*) FROM cohorts.teams)
       + (SELECT count(*) FROM cohorts.cohorts) + (SELECT count(*) FROM cohorts.cohort_members)
       + (SELECT count(*) FROM cohorts.enrollments) + (SELECT count(*) FROM cohorts.api_clients)
       + (SELECT count(*) FROM scheduler.coaching_moments) + (SELECT count(*) FROM scheduler.pulse_answers) AS rows,
         (SELECT count(*) FROM content.outbox) + (SELECT count(*) FROM cohorts.outbox) AS events`;

describe('hostile input to every mutation', () => {
  let stack: TestStack;
  let acme: Organization;
  let schema: GraphQLSchema;
  let knownIds: string[];

  beforeAll(async () => {
    stack = await startTestStack();
    acme = await givenOrganization(stack);
    const track = await givenPublishedTrack(acme.admin);
    const learner = await givenPerson(stack, acme, { name: 'Lee', role: Role.LEARNER, timezone: 'UTC' });
    const { cohortId } = await givenEnrolledCohort(acme, track, [learner.id]);
    const { createTrack } = await acme.admin.ok('mutation { createTrack(input: { title: "Draft" }) { id } }');
    knownIds = [track.trackId, createTrack.id, learner.id, cohortId, ...track.lessonIds];
    schema = await publicApiSchema(stack);
  });

  afterAll(() => stack?.stop());

  it('answers each with success or a client error, and a refused one writes nothing', async () => {
    const random = randomSource(20261123);
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.length).toBeGreaterThan(5);
    const failures: string[] = [];

    const valueOf = (type: GraphQLInputType, depth: number): unknown => {
      if (isNonNullType(type)) return valueOf((type as GraphQLNonNull<GraphQLInputType>).ofType, depth);
      if (random.next() < 0.1) return null;
      if (isListType(type)) {
        // Long lists only at the top: 1,001 lists of 1,001 items would not fit in one request body.
        const length = random.pick(depth > 1 ? [0, 1, 2, 3, 7] : [0, 1, 2, 3, 7, 1_001]);
        const item = (type as GraphQLList<GraphQLInputType>).ofType;
        return Array.from({ length }, () => valueOf(item, depth + 1));
      }
      if (isEnumType(type)) return random.pick([...type.getValues().map((value) => value.name), 'NOT_A_VALUE']);
      if (isInputObjectType(type)) {
        const fields = (type as GraphQLInputObjectType).getFields();
        return Object.fromEntries(
          Object.values(fields)
            .filter((field) => isNonNullType(field.type) || random.next() < 0.7)
            .map((field) => [field.name, depth > 4 ? null : valueOf(field.type, depth + 1)]),
        );
      }
      if (isScalarType(type)) {
        switch (type.name) {
          case 'ID':
            return random.pick([...knownIds, RANDOM_UUID, ...HOSTILE_STRINGS.slice(0, 8)]);
          case 'Int':
            return random.pick(HOSTILE_INTS);
          case 'Boolean':
            return random.next() < 0.5;
          case 'Float':
            return random.pick([0, -1, 0.5, 0.9, 0.95, 1, 1.0001, 1e308, -1e308, 0.123456789]);
          case 'Date':
            return random.pick(['2026-12-01', '2026-02-30', '20261201', 'tomorrow', '']);
          default:
            return random.pick(HOSTILE_STRINGS);
        }
      }
      return null;
    };

    for (const mutation of mutations) {
      for (let round = 0; round < 25; round++) {
        const variables = Object.fromEntries(mutation.args.map((arg) => [arg.name, valueOf(arg.type, 0)]));
        // The gateway refuses bodies over 256 KB before reading them; that refusal is not what this probes.
        if (JSON.stringify(variables).length > 200_000) continue;
        const declarations = mutation.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
        const passing = mutation.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
        const selection = isLeafType(getNamedType(mutation.type)) ? '' : '{ __typename }';
        const query = `mutation Fuzz${declarations ? `(${declarations})` : ''} { ${mutation.name}${passing ? `(${passing})` : ''} ${selection} }`;

        const before = await withClient(stack.databaseUrl, (client) => client.query(WRITTEN_BY_MUTATIONS));
        const response = await acme.admin.send(query, variables);
        const codes = (response.errors ?? []).map((error) => error.extensions?.code);
        if (codes.some((code) => !code || !CLIENT_CODES.has(code))) {
          failures.push(
            `${mutation.name} ${JSON.stringify(variables).slice(0, 300)} -> ${JSON.stringify(response.errors)}`,
          );
        }
        if (response.errors?.length) {
          const after = await withClient(stack.databaseUrl, (client) => client.query(WRITTEN_BY_MUTATIONS));
          if (after.rows[0].rows !== before.rows[0].rows || after.rows[0].events !== before.rows[0].events) {
            failures.push(`${mutation.name} was refused but wrote rows: ${JSON.stringify(variables).slice(0, 300)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Every mutation 25 times, each with two counts of the written rows; event webhooks added six mutations.
  }, 240_000);
});
