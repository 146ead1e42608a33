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
  uniqueSuffix,
  withClient,
} from '@tend/testing';

const PERSON_FIELDS = 'id email name role timezone locale externalId location channels webhookBridgeId active';
const UPDATE = `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { ${PERSON_FIELDS} leader { id } team { name } } }`;

describe('HR admins keep people as the HRIS knows them', () => {
  let stack: TestStack;
  let acme: Organization;

  beforeAll(async () => {
    stack = await startTestStack();
    // Tuesday 1 December 2026, 12:00 UTC: past 09:00 in UTC.
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    // Four services start on a shared two-core machine.
  }, 120_000);

  afterAll(() => stack?.stop());

  it('records a person’s locale, location, HRIS id and channels, and changes them', async () => {
    const externalId = `E-${uniqueSuffix()}`;
    const { createPerson } = await acme.admin.ok(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { ${PERSON_FIELDS} } }`,
      {
        input: {
          email: `ana-${uniqueSuffix()}@acme.example`,
          name: 'Ana',
          role: 'LEARNER',
          timezone: 'Europe/Lisbon',
          locale: 'pt-br',
          externalId,
          location: 'Lisbon store',
          channels: ['WEBHOOK'],
          webhookBridgeId: '+351900000000',
        },
      },
    );
    expect(createPerson).toMatchObject({
      locale: 'pt-BR',
      externalId,
      location: 'Lisbon store',
      channels: ['IN_APP', 'WEBHOOK'],
      webhookBridgeId: '+351900000000',
      active: true,
    });

    const { updatePerson } = await acme.admin.ok(UPDATE, {
      id: createPerson.id,
      input: {
        locale: 'en-GB',
        teamName: 'Front desk',
        location: null,
        timezone: 'Europe/London',
        channels: ['EMAIL'],
      },
    });
    expect(updatePerson).toMatchObject({
      locale: 'en-GB',
      timezone: 'Europe/London',
      location: null,
      team: { name: 'Front desk' },
      channels: ['IN_APP', 'EMAIL'],
      externalId,
      name: 'Ana',
    });
  });

  it('refuses bad values with the field at fault, and a taken HRIS id as a conflict', async () => {
    const taken = `E-${uniqueSuffix()}`;
    await givenPerson(stack, acme, { name: 'Bo', role: Role.LEARNER, timezone: 'UTC' }).then((bo) =>
      acme.admin.ok(UPDATE, { id: bo.id, input: { externalId: taken } }),
    );
    const cy = await givenPerson(stack, acme, { name: 'Cy', role: Role.LEARNER, timezone: 'UTC' });
    const refusal = (input: Record<string, unknown>) => acme.admin.error(UPDATE, { id: cy.id, input });

    expect(await refusal({ locale: 'en_US' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.locale' },
    });
    expect(await refusal({ timezone: 'Mars/Olympus' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.timezone' },
    });
    expect(await refusal({ name: null })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.name' },
    });
    expect(await refusal({ channels: ['WEBHOOK'] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.webhookBridgeId' },
    });
    expect(await refusal({ externalId: taken })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('external id'),
    });
    const stranger = await givenOrganization(stack, 'Globex');
    expect(await stranger.admin.error(UPDATE, { id: cy.id, input: { name: 'Mine' } })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps reporting lines of any depth and refuses a change that would close a cycle', async () => {
    const top = await givenPerson(stack, acme, { name: 'Top', role: Role.LEADER, timezone: 'UTC' });
    const middle = await givenPerson(stack, acme, {
      name: 'Mid',
      role: Role.LEADER,
      timezone: 'UTC',
      leaderId: top.id,
    });
    const lower = await givenPerson(stack, acme, {
      name: 'Low',
      role: Role.LEADER,
      timezone: 'UTC',
      leaderId: middle.id,
    });
    const bottom = await givenPerson(stack, acme, {
      name: 'Bottom',
      role: Role.LEARNER,
      timezone: 'UTC',
      leaderId: lower.id,
    });

    const { person } = await top.client.ok(
      'query($id: ID!) { person(id: $id) { leader { leader { leader { id } } } } }',
      {
        id: bottom.id,
      },
    );
    expect(person.leader.leader.leader.id).toBe(top.id);

    const cycle = await acme.admin.error(UPDATE, { id: top.id, input: { leaderId: lower.id } });
    expect(cycle).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.leaderId' } });
    expect(cycle.message).toContain('reporting cycle');
    expect(await acme.admin.error(UPDATE, { id: top.id, input: { leaderId: top.id } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('own leader'),
    });
    expect(await acme.admin.error(UPDATE, { id: lower.id, input: { role: 'LEARNER' } })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('still leads 1'),
    });

    // Moving a whole branch elsewhere is fine: the lower leader now reports to the top directly.
    const { updatePerson } = await acme.admin.ok(UPDATE, { id: lower.id, input: { leaderId: top.id } });
    expect(updatePerson.leader.id).toBe(top.id);
    expect(await middle.client.error('query($id: ID!) { person(id: $id) { id } }', { id: bottom.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  describe('a person who leaves', () => {
    let learner: Member;

    beforeAll(async () => {
      const track = await givenPublishedTrack(acme.admin);
      learner = await givenPerson(stack, acme, { name: 'Lou', role: Role.LEARNER, timezone: 'UTC' });
      await givenEnrolledCohort(acme, track, [learner.id]);
      await givenFirstLessonDelivered(learner);
    });

    const deliveriesOf = async (personId: string) => {
      const { deliveries } = await acme.admin.ok(
        'query($p: ID) { deliveries(personId: $p, first: 20) { edges { node { kind } } } }',
        {
          p: personId,
        },
      );
      // Lessons only: reminders of undone ones are the scheduler's story.
      return deliveries.edges.filter((edge: { node: { kind: string } }) => edge.node.kind === 'LESSON').length;
    };

    it('gets no lesson once deactivated, and the scheduler knows within seconds', async () => {
      const { deactivatePerson } = await acme.admin.ok('mutation($id: ID!) { deactivatePerson(id: $id) { active } }', {
        id: learner.id,
      });
      expect(deactivatePerson.active).toBe(false);
      await eventually(async () => {
        const { rows } = await withClient(stack.databaseUrl, (client) =>
          client.query('SELECT active FROM scheduler.people WHERE person_id = $1', [learner.id]),
        );
        expect(rows).toEqual([{ active: false }]);
      });

      // Wednesday and Thursday at noon: lessons are due, but not for them.
      for (const instant of ['2026-12-02T12:00:00Z', '2026-12-03T12:00:00Z']) {
        await stack.setClock(instant);
        await stack.runPlanner();
      }
      expect(await deliveriesOf(learner.id)).toBe(1);
      expect(
        await acme.admin.error('mutation($id: ID!) { deactivatePerson(id: $id) { id } }', { id: learner.id }),
      ).toMatchObject({ code: 'CONFLICT' });
    });

    it('resumes with one lesson at the next slot when reactivated, not the missed ones at once', async () => {
      await acme.admin.ok('mutation($id: ID!) { reactivatePerson(id: $id) { active } }', { id: learner.id });
      await eventually(async () => {
        await stack.runPlanner();
        expect(await deliveriesOf(learner.id)).toBe(2);
      });
      await stack.runPlanner();
      expect(await deliveriesOf(learner.id)).toBe(2);
    });
  });
});
