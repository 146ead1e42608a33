import { Role } from '@tend/auth';
import {
  givenFirstLessonDelivered,
  givenApiClient,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Organization,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';

const AUDIT_LOG = `query($after: String) { auditLog(first: 2, after: $after) {
  edges { node { actorKind actorId actorRole operations targetIds outcome clientAddress occurredAt } }
  pageInfo { hasNextPage endCursor } } }`;

interface Entry {
  actorKind: string;
  actorId: string;
  actorRole: string | null;
  operations: string[];
  targetIds: string[];
  outcome: string;
  clientAddress: string | null;
  occurredAt: string;
}

async function everyEntry(organization: Organization): Promise<Entry[]> {
  const entries: Entry[] = [];
  let after: string | null = null;
  do {
    const { auditLog }: any = await organization.admin.ok(AUDIT_LOG, { after });
    entries.push(...auditLog.edges.map((edge: { node: Entry }) => edge.node));
    after = auditLog.pageInfo.hasNextPage ? auditLog.pageInfo.endCursor : null;
  } while (after);
  return entries;
}

describe('the audit log', () => {
  let stack: TestStack;
  let acme: Organization;
  let globex: Organization;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.setClock('2026-12-01T12:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    globex = await givenOrganization(stack, 'Globex');
  });

  afterAll(() => stack?.stop());

  it('records who changed what, when and from where, newest first, for admins and API clients', async () => {
    const adminId = (await acme.admin.ok('{ me { id } }')).me.id;
    const track = await givenPublishedTrack(acme.admin, [{ title: 'Read me', kind: 'READ' }]);
    await acme.admin.error('mutation { createTrack(input: { title: "" }) { id } }');
    const lms = await givenApiClient(stack, acme, ['content:write']);
    const { createTrack } = await lms.client.ok('mutation { createTrack(input: { title: "From the LMS" }) { id } }');

    const entries = await everyEntry(acme);
    expect(entries.map((entry) => [entry.actorKind, entry.operations[0], entry.outcome])).toEqual([
      ['api-client', 'createTrack', 'ok'],
      ['person', 'createApiClient', 'ok'],
      ['person', 'createTrack', 'BAD_USER_INPUT'],
      ['person', 'publishTrack', 'ok'],
      ['person', 'addLesson', 'ok'],
      ['person', 'createTrack', 'ok'],
    ]);
    expect(entries[0]).toMatchObject({ actorId: lms.id, actorRole: null, targetIds: [] });
    expect(entries[3]).toMatchObject({ actorId: adminId, actorRole: 'ADMIN', targetIds: [track.trackId] });
    expect(entries.every((entry) => entry.clientAddress === '127.0.0.1')).toBe(true);
    const times = entries.map((entry) => Date.parse(entry.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(createTrack.id).toBeDefined();
  });

  it('leaves out what learners do with their own lessons, and shows nothing to another organization', async () => {
    const before = (await everyEntry(acme)).length;
    const track = await givenPublishedTrack(acme.admin, [{ title: 'Read me too', kind: 'READ' }]);
    const learner = await givenPerson(stack, acme, { name: 'Lu', role: Role.LEARNER, timezone: 'UTC' });
    await givenEnrolledCohort(acme, track, [learner.id]);
    const delivery = await givenFirstLessonDelivered(learner);
    await learner.client.ok('mutation($id: ID!) { completeLesson(deliveryId: $id, input: {}) { total } }', {
      id: delivery.id,
    });

    const after = await everyEntry(acme);
    expect(after.filter((entry) => entry.actorId === learner.id)).toEqual([]);
    // createTrack, addLesson, publishTrack, createPerson, createCohort, addCohortMembers, enrollCohort
    expect(after.length - before).toBe(7);
    expect(await everyEntry(globex)).toEqual([]);
  });

  it('keeps what an erased admin did, but no longer where they did it from', async () => {
    const formerAdmin = await givenPerson(stack, acme, { name: 'Eda', role: Role.ADMIN, timezone: 'UTC' });
    await formerAdmin.client.ok('mutation { createTrack(input: { title: "Before I go" }) { id } }');
    const byFormerAdmin = async () => (await everyEntry(acme)).filter((entry) => entry.actorId === formerAdmin.id);
    expect(await byFormerAdmin()).toMatchObject([{ operations: ['createTrack'], clientAddress: '127.0.0.1' }]);

    await acme.admin.ok('mutation($id: ID!) { erasePerson(personId: $id) { id } }', { id: formerAdmin.id });

    expect(await byFormerAdmin()).toMatchObject([
      { operations: ['createTrack'], outcome: 'ok', actorRole: 'ADMIN', clientAddress: null },
    ]);
    const [erasure] = await everyEntry(acme);
    expect(erasure).toMatchObject({
      operations: ['erasePerson'],
      targetIds: [formerAdmin.id],
      clientAddress: '127.0.0.1',
    });
  });

  it('cannot be rewritten or erased, even with SQL', async () => {
    await withClient(stack.databaseUrl, async (client) => {
      await expect(client.query(`UPDATE cohorts.audit_log SET outcome = 'ok'`)).rejects.toThrow(/append-only/);
      // Only an address may go, and only to nothing: not rewritten, and not along with anything else.
      await expect(client.query(`UPDATE cohorts.audit_log SET client_address = '192.0.2.1'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query(`UPDATE cohorts.audit_log SET client_address = NULL, outcome = 'ok'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query('DELETE FROM cohorts.audit_log')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE cohorts.audit_log')).rejects.toThrow(/append-only/);
    });
    expect((await everyEntry(acme)).length).toBeGreaterThan(0);
  });
});
