import Redis from 'ioredis';
import { Role } from '@tend/auth';
import {
  eventually,
  givenEnrolledCohort,
  givenFirstLessonDelivered,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  startTestStack,
  TestStack,
  testRedisUrl,
  uniqueSuffix,
  withClient,
} from '@tend/testing';

const ERASE = 'mutation($id: ID!) { erasePerson(personId: $id) { id name email externalId location active erasedAt } }';
const LOG_MOMENT = `mutation($input: LogCoachingMomentInput!) { logCoachingMoment(input: $input) { id } }`;
const ANSWER_PULSE = 'mutation($input: AnswerPulseInput!) { answerPulse(input: $input) { week } }';

/** Every column of the three service schemas that can hold text, found in the catalog rather than listed by hand. */
async function textColumns(stack: TestStack): Promise<{ schema: string; table: string; column: string }[]> {
  const { rows } = await withClient(stack.databaseUrl, (client) =>
    client.query(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema IN ('content', 'cohorts', 'scheduler') AND t.table_type = 'BASE TABLE'
         AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
              OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_jsonb')))
       ORDER BY 1, 2, 3`,
    ),
  );
  return rows;
}

/** Where in the database any of the needles still appears, case-insensitively, as `schema.table.column: needle`. */
async function whereStored(stack: TestStack, needles: string[]): Promise<string[]> {
  const columns = await textColumns(stack);
  const found: string[] = [];
  await withClient(stack.databaseUrl, async (client) => {
    for (const { schema, table, column } of columns) {
      const { rows } = await client.query(
        `SELECT needle FROM unnest($1::text[]) needle
         WHERE EXISTS (SELECT 1 FROM "${schema}"."${table}" WHERE strpos(lower("${column}"::text), lower(needle)) > 0)`,
        [needles],
      );
      for (const row of rows) found.push(`${schema}.${table}.${column}: ${row.needle}`);
    }
  });
  return found;
}

/** The scheduler's event jobs BullMQ keeps in Redis (their payloads) that mention the needle. */
async function queuedEventsMentioning(stack: TestStack, needle: string): Promise<string[]> {
  const redis = new Redis(testRedisUrl());
  try {
    const keys = await redis.keys(`${stack.redisPrefix}:scheduler-events:*`);
    const found: string[] = [];
    for (const key of keys) {
      if ((await redis.type(key)) !== 'hash') continue;
      const data = await redis.hget(key, 'data');
      if (data?.toLowerCase().includes(needle.toLowerCase())) found.push(key);
    }
    return found;
  } finally {
    redis.disconnect();
  }
}

/**
 * An HR admin erases a person who asked to be forgotten: every service forgets
 * who they were and what they wrote, while the counts the organization reports
 * on (lessons delivered and done, coaching moments, team sizes) still add up.
 */
describe('erasing a person’s personal data', () => {
  let stack: TestStack;
  let acme: Organization;
  let lea: Member;
  let zed: Member;
  let rae: Member;
  const suffix = uniqueSuffix();
  const zedEmail = `zephyrine.quillfeather-${suffix}@acme.example`;
  const secrets = {
    name: 'Zephyrine Quillfeather',
    email: zedEmail,
    externalId: `HRIS-ZQ-${suffix}`,
    location: 'Quillbrook Depot',
    webhookBridgeId: '+15550104711',
    reflection: 'I felt seen when the night shift covered my daughter’s recital',
    momentAbout: 'Calmed the queue at the tills during the outage',
    momentBy: 'Walked a new starter through the refund steps twice',
    promptNote: 'Rae froze at the refund desk again, talk to HR about her anxiety',
    teamPulseAboutZed: 'Our lead listens before deciding',
  };

  beforeAll(async () => {
    stack = await startTestStack();
    // A Tuesday after 09:00 UTC: enrollment delivers the first lesson at once.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    const track = await givenPublishedTrack(acme.admin, [
      { title: 'Your own example', kind: 'REFLECTION', body: 'Think of a time someone made you feel seen.' },
      ...['Two', 'Three', 'Four', 'Five'].map((title) => ({
        title,
        kind: 'READ' as const,
        leaderPrompt: `What did the team make of lesson ${title}?`,
      })),
    ]);
    lea = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    const { createPerson } = await acme.admin.ok(
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
      {
        input: {
          email: zedEmail,
          name: secrets.name,
          role: 'LEADER',
          timezone: 'Europe/Dublin',
          locale: 'ga-IE',
          externalId: secrets.externalId,
          location: secrets.location,
          webhookBridgeId: secrets.webhookBridgeId,
          leaderId: lea.id,
          teamName: 'Night shift',
        },
      },
    );
    const zedToken = stack.tokenFor({
      organizationId: acme.organizationId,
      personId: createPerson.id,
      role: Role.LEADER,
    });
    zed = { id: createPerson.id, token: zedToken, client: stack.graphql.as(zedToken) };
    rae = await givenPerson(stack, acme, { name: 'Rae', role: Role.LEARNER, timezone: 'UTC', leaderId: zed.id });
    await givenEnrolledCohort(acme, track, [zed.id, rae.id]);

    const lesson = await givenFirstLessonDelivered(zed);
    await zed.client.ok(
      'mutation($id: ID!, $input: CompleteLessonInput!) { completeLesson(deliveryId: $id, input: $input) { total } }',
      {
        id: lesson.id,
        input: { reflection: secrets.reflection },
      },
    );
    await lea.client.ok(LOG_MOMENT, {
      input: { personId: zed.id, kind: 'RECOGNITION', whatHappened: secrets.momentAbout },
    });
    await zed.client.ok(LOG_MOMENT, {
      input: { personId: rae.id, kind: 'RECOGNITION', whatHappened: secrets.momentBy },
    });
    await rae.client.ok(ANSWER_PULSE, { input: { score: 5, comment: secrets.teamPulseAboutZed } });
    // Zed's own pulse answer was never linked to them: it stays, as anonymous as it always was.
    await zed.client.ok(ANSWER_PULSE, { input: { score: 4, comment: 'More cover on Fridays please' } });
    // Monday's prompt time: Zed, who leads Rae, gets a prompt about their week and answers it with a note.
    await stack.setClock('2026-12-07T08:30:30Z');
    await stack.runPlanner();
    const { today } = await zed.client.ok('{ today { items { id kind } } }');
    const prompt = today.items.find((item: { kind: string }) => item.kind === 'LEADER_PROMPT');
    await zed.client.ok(
      'mutation($id: ID!, $input: PromptResponseInput!) { respondToPrompt(deliveryId: $id, input: $input) { id } }',
      {
        id: prompt.id,
        input: { done: true, note: secrets.promptNote },
      },
    );
    await eventually(async () =>
      expect(await whereStored(stack, [zedEmail])).toContain(`scheduler.people.email: ${zedEmail}`),
    );
  }, 120_000);

  afterAll(() => stack?.stop());

  const countsOf = (personId: string) =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT (SELECT count(*)::int FROM scheduler.deliveries WHERE person_id = $1) AS deliveries,
                (SELECT count(*)::int FROM scheduler.deliveries WHERE person_id = $1 AND status = 'COMPLETED') AS completed,
                (SELECT count(*)::int FROM scheduler.coaching_moments WHERE person_id = $1 OR leader_id = $1) AS moments,
                (SELECT count(*)::int FROM scheduler.pulse_answers) AS pulse_answers,
                (SELECT count(*)::int FROM cohorts.people WHERE leader_id = $1) AS reports`,
        [personId],
      );
      return rows[0];
    });

  it('before erasure, the person’s data is stored where the test looks for it', async () => {
    const stored = await whereStored(stack, Object.values(secrets));
    expect(stored).toEqual(
      expect.arrayContaining([
        'cohorts.people.name: Zephyrine Quillfeather',
        `cohorts.outbox.payload: ${zedEmail}`,
        `scheduler.deliveries.reflection: ${secrets.reflection}`,
        `scheduler.coaching_moments.what_happened: ${secrets.momentAbout}`,
        `scheduler.coaching_moments.what_happened: ${secrets.momentBy}`,
        `scheduler.pulse_answers.comment: ${secrets.teamPulseAboutZed}`,
        `scheduler.deliveries.response_note: ${secrets.promptNote}`,
      ]),
    );
    expect(await queuedEventsMentioning(stack, zedEmail)).not.toEqual([]);
  });

  it('leaves no name, address, identifier or free text of theirs in any schema, and keeps the counts', async () => {
    const before = await countsOf(zed.id);

    const { erasePerson } = await acme.admin.ok(ERASE, { id: zed.id });
    expect(erasePerson).toMatchObject({
      id: zed.id,
      name: 'Erased person',
      externalId: null,
      location: null,
      active: false,
      erasedAt: expect.any(String),
    });
    expect(erasePerson.email).not.toContain('quillfeather');

    // The scheduler hears of it through the outbox a moment later.
    await eventually(async () => expect(await whereStored(stack, Object.values(secrets))).toEqual([]));
    expect(await countsOf(zed.id)).toEqual(before);
    // Nor in the finished event jobs the scheduler's queue keeps in Redis.
    await eventually(async () => expect(await queuedEventsMentioning(stack, zedEmail)).toEqual([]));
    // Their own pulse answer is still counted, with nothing that leads to them.
    expect(await whereStored(stack, ['More cover on Fridays please'])).toEqual([
      'scheduler.pulse_answers.comment: More cover on Fridays please',
    ]);

    // The audit log keeps only ids, so what happened stays on record without who they were.
    const { auditLog } = await acme.admin.ok('{ auditLog(first: 50) { edges { node { operations targetIds } } } }');
    expect(auditLog.edges.map((edge: { node: unknown }) => edge.node)).toEqual(
      expect.arrayContaining([{ operations: ['erasePerson'], targetIds: [zed.id] }]),
    );
  });

  it('stops their deliveries: nothing more is planned for them', async () => {
    await stack.setClock('2026-12-08T09:05:00Z');
    await stack.runPlanner();
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query(
        `SELECT count(*)::int AS n FROM scheduler.deliveries WHERE person_id = $1 AND local_date = '2026-12-08'`,
        [zed.id],
      ),
    );
    expect(rows[0].n).toBe(0);
    // Rae, on the same enrollment, still gets her lesson.
    const raeToday = await rae.client.ok('{ today { date items { kind } } }');
    expect(raeToday.today).toMatchObject({ date: '2026-12-08', items: expect.arrayContaining([{ kind: 'LESSON' }]) });
    // The token Zed held before the erasure no longer signs anyone in.
    expect((await zed.client.error('{ today { items { kind } } }')).code).toBe('UNAUTHENTICATED');
  });

  it('is final: the placeholder cannot be erased again, edited or brought back', async () => {
    expect((await acme.admin.error(ERASE, { id: zed.id })).code).toBe('CONFLICT');
    expect(
      (
        await acme.admin.error('mutation($id: ID!) { updatePerson(id: $id, input: { name: "Zed" }) { id } }', {
          id: zed.id,
        })
      ).code,
    ).toBe('CONFLICT');
    expect(
      (await acme.admin.error('mutation($id: ID!) { reactivatePerson(id: $id) { id } }', { id: zed.id })).code,
    ).toBe('CONFLICT');
    // Their report keeps a leader, so reporting lines and the team's counts still hold.
    const { person } = await acme.admin.ok('query($id: ID!) { person(id: $id) { leader { id name } } }', {
      id: rae.id,
    });
    expect(person.leader).toEqual({ id: zed.id, name: 'Erased person' });
  });

  it('only an admin of the person’s own organization may erase them', async () => {
    expect((await lea.client.error(ERASE, { id: rae.id })).code).toBe('FORBIDDEN');
    const globex = await givenOrganization(stack, 'Globex');
    expect((await globex.admin.error(ERASE, { id: rae.id })).code).toBe('NOT_FOUND');
    const { person } = await acme.admin.ok('query($id: ID!) { person(id: $id) { name active } }', { id: rae.id });
    expect(person).toEqual({ name: 'Rae', active: true });
  });
});
