import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventPayloads, DomainEventType } from '@tend/events';
import { webhookEventsOf } from './domain-event-webhooks';

const ORG = '6c1f0c52-9d7e-4c43-9f0a-1b2c3d4e5f60';
const PERSON = '0b8f7a52-2d0e-4a4e-9a51-3f5c2b7f0c11';

function event<T extends DomainEventType>(type: T, payload: DomainEventPayloads[T]): DomainEvent<T> {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    type,
    organizationId: ORG,
    occurredAt: '2026-03-02T08:00:00.000Z',
    payload,
  };
}

/** A manager whose every query answers `rows`. */
const answering = (rows: unknown[]) => ({ query: jest.fn().mockResolvedValue(rows) }) as unknown as EntityManager;

const upserted = event('cohorts.person_upserted', {
  personId: PERSON,
  role: 'LEARNER',
  timezone: 'UTC',
  leaderId: null,
  email: 'dana@acme.example',
  channels: ['IN_APP'],
  locale: 'en',
  webhookBridgeId: null,
  active: true,
});

describe('the webhook events a domain event becomes', () => {
  it('a person upserted is person.created the first time and person.updated after, with the event id and no address', async () => {
    const [created] = await webhookEventsOf(answering([]), upserted, { personKnown: false });
    const [updated] = await webhookEventsOf(answering([]), upserted, { personKnown: true });
    expect([created.type, updated.type]).toEqual(['person.created', 'person.updated']);
    expect(created).toMatchObject({ id: upserted.id, subjectId: PERSON, occurredAt: new Date(upserted.occurredAt) });
    expect(created.data).toEqual({
      personId: PERSON,
      role: 'LEARNER',
      timezone: 'UTC',
      locale: 'en',
      leaderId: null,
      active: true,
    });
    expect(JSON.stringify(created.data)).not.toContain('@');
  });

  it('a person restated by a re-publish tells subscribers nothing, unless the scheduler did not know them', async () => {
    const restated = { ...upserted, payload: { ...upserted.payload, teamId: PERSON, restated: true } };
    expect(await webhookEventsOf(answering([]), restated, { personKnown: true })).toEqual([]);
    const [created] = await webhookEventsOf(answering([]), restated, { personKnown: false });
    expect(created.type).toBe('person.created');
  });

  it('an erasure carries nothing but the id', async () => {
    const [erased] = await webhookEventsOf(answering([]), event('cohorts.person_erased', { personId: PERSON }), {
      personKnown: true,
    });
    expect(erased).toMatchObject({ type: 'person.erased', data: { personId: PERSON } });
  });

  it('only a participation marked COMPLETED is enrollment.completed, with the track from the projection', async () => {
    const change = (status: 'ACTIVE' | 'COMPLETED') =>
      event('cohorts.participation_changed', { enrollmentId: PERSON, personId: PERSON, status, restart: false });
    const projection = answering([{ trackId: PERSON, trackVersion: 2 }]);
    expect(await webhookEventsOf(projection, change('ACTIVE'), { personKnown: true })).toEqual([]);
    const [completed] = await webhookEventsOf(projection, change('COMPLETED'), { personKnown: true });
    expect(completed).toMatchObject({
      type: 'enrollment.completed',
      data: { trackVersion: 2, reason: 'MARKED_COMPLETED' },
    });
  });

  it('events that tell third parties nothing become no webhook event', async () => {
    const members = event('cohorts.cohort_members_added', { cohortId: PERSON, personIds: [PERSON] });
    expect(await webhookEventsOf(answering([]), members, { personKnown: false })).toEqual([]);
  });
});
