import { Role } from '@tend/auth';
import {
  eventually,
  givenOrganization,
  givenPerson,
  Member,
  Organization,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';

const PULSE = '{ today { pulse { week question } } }';
const ANSWER = 'mutation($input: AnswerPulseInput!) { answerPulse(input: $input) { week } }';
const RESULTS = `query($leaderId: ID, $weeks: Int) {
  pulseResults(leaderId: $leaderId, weeks: $weeks) {
    leader { id } week answers averageScore distribution comments
  }
}`;

/**
 * Once a week each person answers one question about their leader. Answers
 * are never linked to a person, and a group's results show only from five
 * answers up.
 */
describe('the weekly pulse', () => {
  let stack: TestStack;
  let acme: Organization;
  let lea: Member;
  let odo: Member;
  let leaTeam: Member[];
  let odoTeam: Member[];

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday of ISO week 2026-W49.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    lea = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    odo = await givenPerson(stack, acme, { name: 'Odo', role: Role.LEADER, timezone: 'UTC' });
    leaTeam = [];
    for (const name of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay']) {
      leaTeam.push(await givenPerson(stack, acme, { name, role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id }));
    }
    odoTeam = [];
    for (const name of ['Gus', 'Hal']) {
      odoTeam.push(await givenPerson(stack, acme, { name, role: Role.LEARNER, timezone: 'UTC', leaderId: odo.id }));
    }
    // The scheduler learns of each person (and their leader) through cohorts' events.
    await eventually(async () => {
      for (const member of [...leaTeam, ...odoTeam]) {
        expect((await member.client.ok(PULSE)).today.pulse).not.toBeNull();
      }
    });
  });

  afterAll(() => stack?.stop());

  it('a learner finds this week’s pulse in today, answers it once, and it is gone', async () => {
    const [ann] = leaTeam;
    expect((await ann.client.ok(PULSE)).today.pulse).toEqual({
      week: '2026-W49',
      question: 'This week my leader helped me serve customers better.',
    });
    expect(
      await ann.client.ok(ANSWER, { input: { score: 4, comment: 'Lea covered my break when it got busy.' } }),
    ).toEqual({ answerPulse: { week: '2026-W49' } });
    expect((await ann.client.ok(PULSE)).today.pulse).toBeNull();
    expect((await ann.client.error(ANSWER, { input: { score: 5 } })).code).toBe('CONFLICT');
    expect(await ann.client.error(ANSWER, { input: { score: 6 } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.score' },
    });
  });

  it('withholds a team’s results below five answers', async () => {
    for (const member of leaTeam.slice(1, 4)) await member.client.ok(ANSWER, { input: { score: 3 } });
    const { pulseResults } = await lea.client.ok(RESULTS);
    expect(pulseResults).toEqual([
      { leader: { id: lea.id }, week: '2026-W49', answers: 4, averageScore: null, distribution: null, comments: [] },
    ]);
  });

  it('shows the results from five answers up, comments in alphabetical order, with nobody’s name or id', async () => {
    await leaTeam[4].client.ok(ANSWER, { input: { score: 5, comment: 'Asked how the difficult call went.' } });
    await leaTeam[5].client.ok(ANSWER, { input: { score: 5 } });
    const response = await lea.client.send(RESULTS);
    expect(response.data?.pulseResults).toEqual([
      {
        leader: { id: lea.id },
        week: '2026-W49',
        answers: 6,
        averageScore: 3.83,
        distribution: [0, 0, 3, 1, 2],
        comments: ['Asked how the difficult call went.', 'Lea covered my break when it got busy.'],
      },
    ]);
    for (const member of leaTeam) expect(JSON.stringify(response)).not.toContain(member.id);

    const columns = await withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'scheduler' AND table_name = 'pulse_answers'`,
      );
      return rows.map((row) => row.column_name).sort();
    });
    expect(columns).toEqual(['comment', 'id', 'leader_id', 'organization_id', 'score', 'week']);
  });

  it('gives admins every team and the organization, small teams withheld', async () => {
    for (const member of odoTeam) await member.client.ok(ANSWER, { input: { score: 2, comment: 'Too rushed.' } });
    const { pulseResults } = await acme.admin.ok(RESULTS);
    expect(pulseResults).toEqual(
      expect.arrayContaining([
        {
          leader: null,
          week: '2026-W49',
          answers: 8,
          averageScore: 3.38,
          distribution: [0, 2, 3, 1, 2],
          comments: expect.any(Array),
        },
        expect.objectContaining({ leader: { id: lea.id }, answers: 6, averageScore: 3.83 }),
        { leader: { id: odo.id }, week: '2026-W49', answers: 2, averageScore: null, distribution: null, comments: [] },
      ]),
    );
    expect(pulseResults).toHaveLength(3);
    const odoOnly = await acme.admin.ok(RESULTS, { leaderId: odo.id });
    expect(odoOnly.pulseResults).toEqual([expect.objectContaining({ leader: { id: odo.id }, answers: 2 })]);
  });

  it('exports the results as CSV, the comments in one cell, as a spreadsheet reads them', async () => {
    const { pulseResultsCsv } = await lea.client.ok('{ pulseResultsCsv }');
    expect(pulseResultsCsv).toBe(
      [
        'leader_id,week,answers,average_score,score_1,score_2,score_3,score_4,score_5,comments',
        `${lea.id},2026-W49,6,3.83,0,0,3,1,2,"Asked how the difficult call went.\nLea covered my break when it got busy."`,
        '',
      ].join('\r\n'),
    );
    // Odo's two answers are withheld; the organization's row has no leader.
    const { pulseResultsCsv: everyone } = await acme.admin.ok('{ pulseResultsCsv }');
    const lines = everyone.split('\r\n');
    expect(lines).toContain(`${odo.id},2026-W49,2,,,,,,,`);
    expect(lines.some((line: string) => line.startsWith(',2026-W49,8,3.38,0,2,3,1,2,'))).toBe(true);
    expect((await odo.client.error('query($id: ID) { pulseResultsCsv(leaderId: $id) }', { id: lea.id })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('keeps each leader to their own team, and learners out', async () => {
    expect((await odo.client.error(RESULTS, { leaderId: lea.id })).code).toBe('FORBIDDEN');
    expect((await leaTeam[0].client.error(RESULTS)).code).toBe('FORBIDDEN');
    expect(await lea.client.error(RESULTS, { weeks: 0 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'weeks' },
    });
  });

  it('asks again the next week, and the trend shows both weeks, newest first', async () => {
    await stack.setClock('2026-12-08T14:00:00Z');
    const [ann] = leaTeam;
    expect((await ann.client.ok(PULSE)).today.pulse).toMatchObject({ week: '2026-W50' });
    for (const member of leaTeam.slice(0, 5)) await member.client.ok(ANSWER, { input: { score: 4 } });
    const { pulseResults } = await lea.client.ok(RESULTS, { weeks: 2 });
    expect(pulseResults.map((row: { week: string; averageScore: number }) => [row.week, row.averageScore])).toEqual([
      ['2026-W50', 4],
      ['2026-W49', 3.83],
    ]);
  });
});
