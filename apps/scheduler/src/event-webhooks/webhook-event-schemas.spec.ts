import { SchedulerConfig } from '../scheduler.config';
import { webhookBodyProblems, WEBHOOK_EVENT_SCHEMAS } from './webhook-event-schemas';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types';
import { webhookBody } from './webhook-sender';

const ID = '0b8f7a52-2d0e-4a4e-9a51-3f5c2b7f0c11';

describe('webhook event schemas', () => {
  it('has one schema per event type, each naming its type and version 1', () => {
    expect(Object.keys(WEBHOOK_EVENT_SCHEMAS).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const [type, schema] of Object.entries(WEBHOOK_EVENT_SCHEMAS)) {
      expect(schema).toMatchObject({ title: type, properties: { type: { const: type }, version: { const: 1 } } });
    }
  });

  it('accepts a body as the sender makes it, and refuses one with a field it does not publish', () => {
    const data = {
      personId: ID,
      deliveryId: ID,
      enrollmentId: ID,
      trackId: ID,
      trackVersion: 1,
      lessonId: ID,
      lessonKind: 'QUIZ' as const,
      completedAt: '2026-03-02T09:00:00.000Z',
      score: { correct: 1, total: 2, scaled: 0.5 },
      answers: [
        { questionId: ID, choice: 0, correct: true },
        { questionId: ID, choice: 2, correct: false },
      ],
    };
    const body = JSON.parse(webhookBody('lesson.completed', new Date('2026-03-02T09:00:00Z'), data));
    expect(webhookBodyProblems(body)).toEqual([]);
    expect(webhookBodyProblems({ ...body, data: { ...data, reflection: 'I felt' } })).not.toEqual([]);
    expect(webhookBodyProblems({ ...body, type: 'lesson.deleted' })).toEqual(['no schema for type "lesson.deleted"']);
    expect(webhookBodyProblems({ ...body, data: { ...data, personId: 'someone' } })).toEqual([
      '/data/personId must match format "uuid"',
    ]);
  });
});

describe('the default retry schedule', () => {
  it('retries with growing waits for at least 24 hours', () => {
    const delays = new SchedulerConfig().webhookRetryDelaysMs;
    delays.slice(1).forEach((delay, index) => expect(delay).toBeGreaterThanOrEqual(delays[index]));
    expect(delays.reduce((sum, delay) => sum + delay, 0)).toBeGreaterThanOrEqual(24 * 60 * 60_000);
  });
});
