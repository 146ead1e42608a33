import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
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

const DAY_MS = 24 * 60 * 60_000;

const TODAY = `{ today { date items { id kind status prompt dueAt
  careerConversation { report { id name } outcome note recordedAt }
} } }`;
const RECORD = `mutation($id: ID!, $input: RecordCareerConversationInput!) {
  recordCareerConversation(deliveryId: $id, input: $input) {
    id status careerConversation { report { id } outcome note recordedAt } response { done }
  }
}`;
const EXPORT = 'query($id: ID!) { personDataExport(personId: $id) { learning } }';
const SETTINGS = `mutation($input: UpdateSchedulerSettingsInput!) {
  updateSchedulerSettings(input: $input) { careerConversationEveryWeeks }
}`;

interface Conversation {
  id: string;
  leaderId: string;
  reportId: string;
  date: string;
  dueAt: Date;
  status: string;
}

/**
 * Every few weeks (the organization's setting, six by default) a leader gets a career
 * conversation with each direct report, whatever tracks they are on: spread over the weeks so
 * they do not all fall at once, on a weekday at 10:00 in the leader's zone. The leader records
 * it done or skipped; the leader report counts them.
 */
describe('career conversations on a calendar', () => {
  let stack: TestStack;
  let acme: Organization;
  let lea: Member;
  let odo: Member;
  let team: Member[];
  let omar: Member;
  let now: Date;
  let receiver: Server;
  let receiverUrl: string;
  /** What the organization's webhook endpoint heard: type, the leader and the report. */
  const received: { type: string; personId: string; subjectId: string | null }[] = [];

  const conversations = () =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT id, person_id AS "leaderId", subject_id AS "reportId", local_date::text AS date, due_at AS "dueAt", status
         FROM scheduler.deliveries WHERE organization_id = $1 AND kind = 'CAREER_CONVERSATION'
         ORDER BY due_at, subject_id`,
        [acme.organizationId],
      );
      return rows as Conversation[];
    });
  const of = (all: Conversation[], leader: Member, report: Member) =>
    all.filter((each) => each.leaderId === leader.id && each.reportId === report.id);
  const at = async (instant: Date) => {
    now = instant;
    await stack.setClock(instant.toISOString());
    return stack.runPlanner();
  };
  /** The planner runs every day at 10:00:30 UTC, just after the day's conversations, `days` times. */
  const daily = async (days: number) => {
    let first = new Date(`${now.toISOString().slice(0, 10)}T10:00:30Z`);
    if (first <= now) first = new Date(first.getTime() + DAY_MS);
    for (let day = 0; day < days; day++) await at(new Date(first.getTime() + day * DAY_MS));
  };
  /** Until the scheduler has heard of each reporting line and keeps its row. */
  const untilSchedulerKnowsPairs = (pairs: [Member, Member][]) =>
    eventually(async () => {
      const known = await withClient(stack.databaseUrl, async (client) => {
        const { rows } = await client.query(
          `SELECT s.leader_id || ' ' || s.report_id AS pair FROM scheduler.career_conversation_schedules s
           JOIN scheduler.people p ON p.person_id = s.report_id AND p.leader_id = s.leader_id
           WHERE s.organization_id = $1 AND s.next_at IS NOT NULL`,
          [acme.organizationId],
        );
        return rows.map((row) => row.pair as string);
      });
      const missing = pairs.filter(([leader, report]) => !known.includes(`${leader.id} ${report.id}`));
      if (missing.length > 0) throw new Error(`the scheduler does not know ${missing.length} reporting lines yet`);
    }, 30_000);

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const message = JSON.parse(body) as { type: string; data: { personId: string; subjectId: string | null } };
        received.push({ type: message.type, personId: message.data.personId, subjectId: message.data.subjectId });
        // Odo's receiver is down: his sends stay unsent, retried after the default backoff.
        response.writeHead(message.data.personId === odo.id ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tend`;
    stack = await startTestStack({ serviceEnv: { ALLOW_LOOPBACK_WEBHOOKS: 'true' } });
    // Tuesday 1 December 2026, 00:00 UTC.
    now = new Date('2026-12-01T00:00:00Z');
    await stack.setClock(now.toISOString());
    acme = await givenOrganization(stack);
    lea = await givenPerson(stack, acme, { name: 'Lea', role: Role.LEADER, timezone: 'UTC' });
    odo = await givenPerson(stack, acme, { name: 'Odo', role: Role.LEADER, timezone: 'UTC' });
    team = [];
    for (const name of ['Ann', 'Ben', 'Cat', 'Dan']) {
      team.push(await givenPerson(stack, acme, { name, role: Role.LEARNER, timezone: 'UTC', leaderId: lea.id }));
    }
    omar = await givenPerson(stack, acme, { name: 'Omar', role: Role.LEARNER, timezone: 'UTC', leaderId: odo.id });
    await untilSchedulerKnowsPairs([...team.map((report): [Member, Member] => [lea, report]), [odo, omar]]);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('gives a leader one conversation per report every six weeks, spread over the weeks, on weekdays at 10:00', async () => {
    // Twelve weeks from Tuesday 1 December: every pair's first slot falls within six weeks of it.
    await daily(12 * 7);
    const all = await conversations();
    for (const report of team) {
      const theirs = of(all, lea, report);
      expect(theirs).toHaveLength(2);
      expect(theirs[1].dueAt.getTime() - theirs[0].dueAt.getTime()).toBe(42 * DAY_MS);
      for (const conversation of theirs) {
        expect(conversation.dueAt.toISOString()).toMatch(/T10:00:00\.000Z$/);
        expect([1, 2, 3, 4, 5]).toContain(conversation.dueAt.getUTCDay());
        expect(conversation.status).toBe('SENT');
      }
    }
    expect(of(all, odo, omar)).toHaveLength(2);
    // Four reports on four hashed days of thirty: the same day for all four would be no spread.
    expect(new Set(team.map((report) => of(all, lea, report)[0].date)).size).toBeGreaterThan(1);

    // A pass run again at the same instant writes nothing twice.
    await at(now);
    expect(await conversations()).toHaveLength(all.length);
  }, 300_000);

  it('shows the conversation in the leader’s today, naming the report', async () => {
    const next = await withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT report_id AS "reportId", next_at AS "nextAt" FROM scheduler.career_conversation_schedules
         WHERE leader_id = $1 ORDER BY next_at LIMIT 1`,
        [lea.id],
      );
      return rows[0] as { reportId: string; nextAt: Date };
    });
    await at(new Date(next.nextAt.getTime() + 30_000));
    const { today } = await lea.client.ok<{
      today: { items: { id: string; kind: string; prompt: string; careerConversation: unknown }[] };
    }>(TODAY);
    const report = team.find((member) => member.id === next.reportId);
    const name = ['Ann', 'Ben', 'Cat', 'Dan'][team.indexOf(report as Member)];
    expect(today.items.filter((item) => item.kind === 'CAREER_CONVERSATION')).toEqual([
      expect.objectContaining({
        prompt: expect.stringContaining('career conversation'),
        careerConversation: { report: { id: next.reportId, name }, outcome: null, note: null, recordedAt: null },
      }),
    ]);
  });

  it('lets the leader record it done or skipped, again replacing it, and nobody else', async () => {
    const [first, second] = of(await conversations(), lea, team[0]);
    const elsewhere = await givenOrganization(stack, 'Elsewhere');
    const stranger = await givenPerson(stack, elsewhere, { name: 'Sol', role: Role.LEADER, timezone: 'UTC' });

    expect((await team[0].client.error(RECORD, { id: first.id, input: { outcome: 'DONE' } })).code).toBe('FORBIDDEN');
    expect((await odo.client.error(RECORD, { id: first.id, input: { outcome: 'DONE' } })).code).toBe('NOT_FOUND');
    expect((await stranger.client.error(RECORD, { id: first.id, input: { outcome: 'DONE' } })).code).toBe('NOT_FOUND');
    const [omarsConversation] = of(await conversations(), odo, omar);
    expect((await lea.client.error(RECORD, { id: omarsConversation.id, input: { outcome: 'DONE' } })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      await lea.client.error(RECORD, { id: first.id, input: { outcome: 'DONE', note: 'x'.repeat(2001) } }),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });

    const skipped = await lea.client.ok<{ recordCareerConversation: { status: string; careerConversation: object } }>(
      RECORD,
      { id: first.id, input: { outcome: 'SKIPPED' } },
    );
    expect(skipped.recordCareerConversation).toMatchObject({
      status: 'COMPLETED',
      careerConversation: { report: { id: team[0].id }, outcome: 'SKIPPED', note: null },
      // The weekly prompt's answer is the prompt's alone.
      response: null,
    });
    // They talked on Thursday after all.
    const note = 'Ann wants to train new starters; ask Odo about the spring intake.';
    const done = await lea.client.ok<{ recordCareerConversation: { careerConversation: object } }>(RECORD, {
      id: first.id,
      input: { outcome: 'DONE', note },
    });
    expect(done.recordCareerConversation.careerConversation).toMatchObject({ outcome: 'DONE', note });
    await lea.client.ok(RECORD, { id: second.id, input: { outcome: 'SKIPPED' } });
  });

  it('counts them per leader in the leader report and its CSV', async () => {
    const all = await conversations();
    const { leaderReport } = await acme.admin.ok<{
      leaderReport: { edges: { node: { leader: { id: string } } }[] };
    }>(`{ leaderReport(weeks: 26) { edges { node { leader { id }
      careerConversationsDue careerConversationsDone careerConversationsSkipped } } } }`);
    expect(leaderReport.edges.find((edge) => edge.node.leader.id === lea.id)?.node).toEqual({
      leader: { id: lea.id },
      careerConversationsDue: all.filter((each) => each.leaderId === lea.id).length,
      careerConversationsDone: 1,
      careerConversationsSkipped: 1,
    });
    const { leaderReportCsv } = await acme.admin.ok<{ leaderReportCsv: string }>('{ leaderReportCsv(weeks: 26) }');
    const [header, ...lines] = leaderReportCsv.trimEnd().split('\r\n');
    const columns = header.split(',');
    const leas = lines.find((line) => line.startsWith(lea.id))?.split(',') ?? [];
    expect(leas[columns.indexOf('career_conversations_due')]).toBe(
      String(all.filter((each) => each.leaderId === lea.id).length),
    );
    expect(leas[columns.indexOf('career_conversations_done')]).toBe('1');
    expect(leas[columns.indexOf('career_conversations_skipped')]).toBe('1');
  });

  it('brings a moved report up for the new leader, not the old, and catches up with one each after downtime', async () => {
    const before = await conversations();
    await acme.admin.ok(
      'mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }',
      {
        id: team[0].id,
        input: { leaderId: odo.id },
      },
    );
    await untilSchedulerKnowsPairs([[odo, team[0]]]);
    // Thirteen weeks without a pass: more than two cycles.
    await at(new Date(now.getTime() + 13 * 7 * DAY_MS));
    const after = (await conversations()).filter((each) => !before.some((old) => old.id === each.id));

    expect(of(after, lea, team[0])).toEqual([]);
    expect(of(after, odo, team[0])).toHaveLength(1);
    for (const report of team.slice(1)) expect(of(after, lea, report)).toHaveLength(1);
    expect(of(after, odo, omar)).toHaveLength(1);
    expect(after.every((each) => each.date === now.toISOString().slice(0, 10))).toBe(true);
  });

  it('follows the organization’s setting: two weeks brings them sooner, 0 turns them off', async () => {
    for (const refused of [1, 27, -2]) {
      expect(await acme.admin.error(SETTINGS, { input: { careerConversationEveryWeeks: refused } })).toMatchObject({
        code: 'BAD_USER_INPUT',
        extensions: { field: expect.stringContaining('careerConversationEveryWeeks') },
      });
    }
    expect((await lea.client.error(SETTINGS, { input: { careerConversationEveryWeeks: 2 } })).code).toBe('FORBIDDEN');

    const { updateSchedulerSettings } = await acme.admin.ok<{
      updateSchedulerSettings: { careerConversationEveryWeeks: number };
    }>(SETTINGS, { input: { careerConversationEveryWeeks: 2 } });
    expect(updateSchedulerSettings.careerConversationEveryWeeks).toBe(2);
    // The change starts from now: nothing piles up at once.
    const before = await conversations();
    await at(now);
    expect(await conversations()).toHaveLength(before.length);
    await daily(5 * 7);
    const everyTwoWeeks = (await conversations()).filter((each) => !before.some((old) => old.id === each.id));
    for (const report of team.slice(1)) {
      const theirs = of(everyTwoWeeks, lea, report);
      expect(theirs.length).toBeGreaterThanOrEqual(2);
      for (let turn = 1; turn < theirs.length; turn++) {
        expect(theirs[turn].dueAt.getTime() - theirs[turn - 1].dueAt.getTime()).toBe(14 * DAY_MS);
      }
    }

    await acme.admin.ok(SETTINGS, { input: { careerConversationEveryWeeks: 0 } });
    const off = await conversations();
    await daily(4 * 7);
    await at(new Date(now.getTime() + 8 * 7 * DAY_MS));
    expect(await conversations()).toHaveLength(off.length);
  }, 300_000);

  it('goes out by webhook; a deactivated report’s unsent ones are cancelled, an erased one’s notes cleared', async () => {
    await acme.admin.ok('mutation($url: String!) { registerWebhookEndpoint(input: { url: $url }) { id } }', {
      url: receiverUrl,
    });
    await acme.admin.ok(SETTINGS, { input: { careerConversationEveryWeeks: 2 } });
    const before = await conversations();
    await daily(3 * 7);
    const sent = (await conversations()).filter((each) => !before.some((old) => old.id === each.id));
    const leas = sent.filter((each) => each.leaderId === lea.id);
    expect(leas.length).toBeGreaterThanOrEqual(3);
    await eventually(async () => {
      const statuses = (await conversations()).filter((each) => leas.some((one) => one.id === each.id));
      expect(statuses.map((each) => each.status)).toEqual(leas.map(() => 'SENT'));
    });
    expect(received.filter((message) => message.personId === lea.id)).toEqual(
      leas.map(() => ({ type: 'delivery.career_conversation', personId: lea.id, subjectId: expect.any(String) })),
    );
    // Odo's are tried too, and refused.
    await eventually(async () =>
      expect(new Set(received.map((message) => message.subjectId))).toEqual(
        new Set([...team.map((report) => report.id), omar.id]),
      ),
    );
    const omars = of(sent, odo, omar);
    expect(omars.length).toBeGreaterThanOrEqual(1);

    await acme.admin.ok('mutation($id: ID!) { deactivatePerson(id: $id) { id } }', { id: omar.id });
    await eventually(async () => {
      const cancelled = of(await conversations(), odo, omar).filter((each) => omars.some((one) => one.id === each.id));
      expect(cancelled.map((each) => each.status)).toEqual(omars.map(() => 'EXPIRED'));
    });
    const omarsSoFar = of(await conversations(), odo, omar).length;
    await daily(3 * 7);
    expect(of(await conversations(), odo, omar)).toHaveLength(omarsSoFar);

    // Lea's note about Ann is Ann's data as much as Lea's: in both exports, and gone with Ann's erasure.
    const note = 'Ann wants to train new starters; ask Odo about the spring intake.';
    const asSubject = (
      await acme.admin.ok<{ personDataExport: { learning: Record<string, unknown[]> } }>(EXPORT, {
        id: team[0].id,
      })
    ).personDataExport.learning.careerConversationsAboutThem;
    expect(asSubject).toContainEqual(expect.objectContaining({ leaderId: lea.id, outcome: 'DONE', note }));
    const asLeader = (
      await acme.admin.ok<{ personDataExport: { learning: Record<string, unknown[]> } }>(EXPORT, {
        id: lea.id,
      })
    ).personDataExport.learning.deliveries;
    expect(asLeader).toContainEqual(
      expect.objectContaining({ kind: 'CAREER_CONVERSATION', subjectId: team[0].id, responseNote: note }),
    );
    await acme.admin.ok('mutation($id: ID!) { erasePerson(personId: $id) { id } }', { id: team[0].id });
    await eventually(async () => {
      const notes = await withClient(stack.databaseUrl, async (client) => {
        const { rows } = await client.query(
          `SELECT response, response_note AS note FROM scheduler.deliveries WHERE subject_id = $1 AND response IS NOT NULL`,
          [team[0].id],
        );
        return rows;
      });
      expect(notes).toHaveLength(2);
      expect(notes).toEqual(
        expect.arrayContaining([
          { response: 'DONE', note: null },
          { response: 'SKIPPED', note: null },
        ]),
      );
    });
  }, 300_000);
});
