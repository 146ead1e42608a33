import { randomUUID } from 'node:crypto';
import { AdjustableClock } from '@tend/clock';
import { applyEventOnce, DomainEventPayloads } from '@tend/events';
import { createSchedulerTestDatabase, SchedulerTestDatabase } from '../../test/scheduler-test-database';
import { EnrollmentSchedules } from '../events/enrollment-schedules';
import { PersonUpsertedHandler } from '../events/person-upserted.handler';
import { LeaderPromptSchedules } from '../leader-prompts/leader-prompt-schedules';
import { LearnerEnrollments } from '../projections/learner-enrollments';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';
import { CareerConversationSchedules } from '../career-conversations/career-conversation-schedules';
import { PersonErasedHandler } from './person-erased.handler';

describe('the scheduler’s copy of an erased person', () => {
  let database: SchedulerTestDatabase;
  const organizationId = randomUUID();
  const clock = new AdjustableClock();
  const careerConversations = new CareerConversationSchedules(clock);
  const upserted = new PersonUpsertedHandler(
    new EnrollmentSchedules(new LearnerEnrollments(clock), new LeaderPromptSchedules(clock)),
    careerConversations,
  );
  const erased = new PersonErasedHandler(careerConversations);

  beforeAll(async () => {
    database = await createSchedulerTestDatabase();
  });

  afterAll(() => database?.drop());

  const upsert = (payload: DomainEventPayloads['cohorts.person_upserted']) => {
    const event = {
      id: randomUUID(),
      type: 'cohorts.person_upserted' as const,
      organizationId,
      occurredAt: '',
      payload,
    };
    return applyEventOnce(database.dataSource, SCHEDULER_SCHEMA, event, async (manager) => {
      await upserted.apply(manager, event);
    });
  };
  const erase = (personId: string) => {
    const event = {
      id: randomUUID(),
      type: 'cohorts.person_erased' as const,
      organizationId,
      occurredAt: '',
      payload: { personId },
    };
    return applyEventOnce(database.dataSource, SCHEDULER_SCHEMA, event, async (manager) => {
      await erased.apply(manager, event);
    });
  };
  const stored = (personId: string) =>
    database.dataSource.query(
      `SELECT role, leader_id, email, webhook_bridge_id, channels, timezone, locale, active, erased
       FROM scheduler.people WHERE person_id = $1`,
      [personId],
    );
  const facts = (personId: string, leaderId: string | null = null): DomainEventPayloads['cohorts.person_upserted'] => ({
    personId,
    role: 'LEADER',
    timezone: 'Europe/Dublin',
    leaderId,
    email: 'zed@acme.example',
    channels: ['IN_APP', 'EMAIL', 'WEBHOOK'],
    locale: 'ga-IE',
    webhookBridgeId: '+15550104711',
    active: true,
  });
  const placeholder = {
    email: '',
    webhook_bridge_id: null,
    channels: ['IN_APP'],
    timezone: 'UTC',
    locale: 'en-US',
    active: false,
    erased: true,
  };

  it('keeps no address when an upsert written before the erasure arrives after it', async () => {
    const personId = randomUUID();
    const leaderId = randomUUID();
    await upsert(facts(personId));
    await erase(personId);
    await upsert(facts(personId, leaderId));
    expect(await stored(personId)).toEqual([{ role: 'LEADER', leader_id: leaderId, ...placeholder }]);
  });

  it('takes the text of their reflection out of a statement still waiting for the LRS', async () => {
    const personId = randomUUID();
    const other = randomUUID();
    await upsert(facts(personId));
    for (const [id, who] of [
      [randomUUID(), personId],
      [randomUUID(), other],
    ]) {
      await database.dataSource.query(
        `INSERT INTO scheduler.xapi_statements (id, organization_id, event_id, event_type, role, occurred_at, payload, reflection)
         VALUES ($1, $2, $3, 'lesson.completed', 'completed', now(), $4, 'I froze at the desk')`,
        [id, organizationId, randomUUID(), JSON.stringify({ personId: who })],
      );
    }
    await erase(personId);
    const reflectionOf = async (who: string) =>
      (
        await database.dataSource.query(
          `SELECT reflection FROM scheduler.xapi_statements WHERE organization_id = $1 AND payload->>'personId' = $2`,
          [organizationId, who],
        )
      )[0].reflection;
    expect(await reflectionOf(personId)).toBeNull();
    expect(await reflectionOf(other)).toBe('I froze at the desk');
  });

  it('waits as a placeholder when the erasure overtakes the person’s first upsert', async () => {
    const personId = randomUUID();
    await erase(personId);
    await upsert(facts(personId));
    expect(await stored(personId)).toEqual([{ role: 'LEADER', leader_id: null, ...placeholder }]);
  });
});
