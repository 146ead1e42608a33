import request from 'supertest';
import { Role } from '@tend/auth';
import {
  eventually,
  givenOrganization,
  givenPerson,
  Organization,
  startTestStack,
  TestStack,
  uniqueSuffix,
  withClient,
} from '@tend/testing';

const IMPORT = `mutation($input: ImportPeopleInput!) {
  importPeople(input: $input) {
    dryRun created updated deactivated reactivated unchanged refused
    rows { line action email externalId column reason }
  }
}`;
const HEADER = 'email,name,role,timezone,locale,external_id,leader';

describe('HR admins import people from an HRIS export', () => {
  let stack: TestStack;
  let acme: Organization;
  let domain: string;

  const countPeople = () =>
    withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM cohorts.people WHERE organization_id = $1', [
        acme.organizationId,
      ]);
      return rows[0].n as number;
    });

  beforeAll(async () => {
    stack = await startTestStack();
    acme = await givenOrganization(stack, 'Acme');
    domain = `${uniqueSuffix()}.acme.example`;
    // Four services start on a shared two-core machine.
  }, 120_000);

  afterAll(() => stack?.stop());

  const file = () =>
    [
      HEADER,
      `kai@${domain},Kai,LEARNER,Asia/Kolkata,en-IN,K1,lea@${domain}`,
      `lea@${domain},Lea,LEADER,Europe/Paris,fr,L1,`,
      `,No Email,LEARNER,UTC,,,`,
      `bad@${domain},Bad Zone,LEARNER,Mars/Base,,,`,
      `orphan@${domain},Orphan,LEARNER,UTC,,,nobody@${domain}`,
      `kai@${domain},Kai Again,LEARNER,UTC,,,`,
    ].join('\n');

  it('reports row by row in a dry run and writes nothing', async () => {
    const before = await countPeople();
    const { importPeople } = await acme.admin.ok(IMPORT, { input: { csv: file(), dryRun: true } });
    expect(importPeople).toMatchObject({ dryRun: true, created: 2, refused: 4 });
    expect(importPeople.rows.map((row: { line: number; action: string }) => [row.line, row.action])).toEqual([
      [2, 'CREATE'],
      [3, 'CREATE'],
      [4, 'REFUSE'],
      [5, 'REFUSE'],
      [6, 'REFUSE'],
      [7, 'REFUSE'],
    ]);
    expect(importPeople.rows[3]).toMatchObject({ column: 'timezone', reason: expect.stringContaining('Mars/Base') });
    expect(await countPeople()).toBe(before);
  });

  it('applies the valid rows at once, a leader named before their own row included, and reports the refused', async () => {
    const { importPeople } = await acme.admin.ok(IMPORT, { input: { csv: file(), dryRun: false } });
    expect(importPeople).toMatchObject({ dryRun: false, created: 2, refused: 4 });
    expect(importPeople.rows.map((row: { reason: string }) => row.reason)).toEqual([
      'email is missing',
      expect.stringContaining('not an IANA time zone'),
      expect.stringContaining('unknown leader'),
      'duplicate: line 2 has the same email',
    ]);
    const { people } = await acme.admin.ok(
      'query($s: String) { people(search: $s) { edges { node { email locale externalId leader { email } } } } }',
      {
        s: domain,
      },
    );
    const kai = people.edges
      .map((edge: { node: unknown }) => edge.node)
      .find((node: { email: string }) => node.email.startsWith('kai@'));
    expect(kai).toEqual({
      email: `kai@${domain}`,
      locale: 'en-IN',
      externalId: 'K1',
      leader: { email: `lea@${domain}` },
    });
  });

  it('updates by external id and deactivates, and the scheduler follows', async () => {
    const csv = ['email,external_id,name,status', `kai.new@${domain},K1,Kai N.,inactive`, `lea@${domain},L1,,`].join(
      '\n',
    );
    const { importPeople } = await acme.admin.ok(IMPORT, { input: { csv, dryRun: false } });
    expect(importPeople).toMatchObject({ created: 0, deactivated: 1, unchanged: 1, refused: 0 });
    await eventually(async () => {
      const { rows } = await withClient(stack.databaseUrl, (client) =>
        client.query('SELECT email, active FROM scheduler.people WHERE organization_id = $1 AND email LIKE $2', [
          acme.organizationId,
          `kai%`,
        ]),
      );
      expect(rows).toEqual([{ email: `kai.new@${domain}`, active: false }]);
    });
  });

  it('refuses a reporting cycle against people already stored, and an unusable file as a whole', async () => {
    const boss = await givenPerson(stack, acme, {
      name: 'Boss',
      role: Role.LEADER,
      timezone: 'UTC',
      email: `boss@${domain}`,
    });
    await givenPerson(stack, acme, {
      name: 'Report',
      role: Role.LEADER,
      timezone: 'UTC',
      email: `report@${domain}`,
      leaderId: boss.id,
    });
    const { importPeople } = await acme.admin.ok(IMPORT, {
      input: { csv: `email,leader\nboss@${domain},report@${domain}`, dryRun: false },
    });
    expect(importPeople.rows[0]).toMatchObject({
      action: 'REFUSE',
      reason: expect.stringContaining('reporting cycle'),
    });

    expect(
      await acme.admin.error(IMPORT, { input: { csv: 'email,shoe_size\na@b.example,42', dryRun: true } }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.csv' },
    });
  });

  it('takes a file far larger than other requests may be, and still refuses large bodies elsewhere', async () => {
    const rows = Array.from(
      { length: 4_000 },
      (_, index) => `bulk-${index}@${domain},Bulk Person ${index},LEARNER,America/Chicago,en-US,B${index},`,
    );
    const csv = [HEADER, ...rows].join('\n');
    expect(csv.length).toBeGreaterThan(256 * 1024);
    const { importPeople } = await acme.admin.ok(IMPORT, { input: { csv, dryRun: false } });
    expect(importPeople).toMatchObject({ created: 4_000, refused: 0, rows: [] });

    const padded = await request(stack.urls.gateway)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${acme.adminToken}`)
      .send({ query: '{ me { id } }', variables: { padding: 'x'.repeat(300 * 1024) } });
    expect(padded.status).toBe(413);
  });
});
