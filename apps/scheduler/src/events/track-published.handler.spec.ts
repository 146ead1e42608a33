import { randomUUID } from 'node:crypto';
import { applyEventOnce, DomainEvent, DomainEventPayloads, PublishedLesson } from '@tend/events';
import { createSchedulerTestDatabase, SchedulerTestDatabase } from '../../test/scheduler-test-database';
import { SCHEDULER_SCHEMA } from '../scheduler.data-source';
import { TrackPublishedHandler } from './track-published.handler';

describe('a published version reaches the scheduler with its lessons’ texts', () => {
  let database: SchedulerTestDatabase;
  const handler = new TrackPublishedHandler();
  const organizationId = randomUUID();

  beforeAll(async () => {
    database = await createSchedulerTestDatabase();
  });

  afterAll(() => database?.drop());

  const lesson = (texts: Partial<PublishedLesson> = {}): PublishedLesson => ({
    lessonId,
    position: 1,
    title: 'Hear them out',
    kind: 'QUIZ',
    minutes: 2,
    questions: [
      {
        questionId: randomUUID(),
        prompt: 'What first?',
        choices: ['Listen', 'Talk'],
        correctIndex: 0,
        explanation: null,
      },
    ],
    reviewCards: [],
    leaderPrompt: null,
    ...texts,
  });
  const lessonId = randomUUID();
  const trackId = randomUUID();

  async function publish(payload: DomainEventPayloads['content.track_published']): Promise<void> {
    const event: DomainEvent<'content.track_published'> = {
      id: randomUUID(),
      type: 'content.track_published',
      organizationId,
      occurredAt: new Date().toISOString(),
      payload,
    };
    await applyEventOnce(database.dataSource, SCHEDULER_SCHEMA, event, async (manager) => {
      await handler.apply(manager, event);
    });
  }
  const stored = async () =>
    (
      await database.dataSource.query(
        `SELECT title, body, translations FROM scheduler.track_lessons WHERE lesson_id = $1`,
        [lessonId],
      )
    )[0];

  const french = {
    locale: 'fr',
    title: 'Écoutez-les',
    body: 'Laissez-les finir.',
    questions: [{ prompt: 'Quoi ?', choices: ['Écouter', 'Parler'] }],
  };

  it('keeps no text from an event published before texts were carried, then the text of the same version published again', async () => {
    await publish({ trackId, version: 1, title: 'Listening', lessons: [lesson()] });
    expect(await stored()).toEqual({ title: 'Hear them out', body: null, translations: null });

    await publish({
      trackId,
      version: 1,
      title: 'Listening',
      lessons: [lesson({ body: 'Let them finish.', translations: [french] })],
    });
    expect(await stored()).toEqual({ title: 'Hear them out', body: 'Let them finish.', translations: [french] });
  });

  it('takes nothing away when the older event arrives late', async () => {
    await publish({ trackId, version: 1, title: 'Listening', lessons: [lesson()] });
    expect(await stored()).toEqual({ title: 'Hear them out', body: 'Let them finish.', translations: [french] });
  });
});
