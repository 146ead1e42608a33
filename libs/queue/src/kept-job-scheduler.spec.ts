import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { eventually, testRedisUrl, uniqueSuffix } from '@tend/testing';
import { KeptJobScheduler } from './kept-job-scheduler';
import { JobQueue } from './queue-jobs';
import { QueueName } from './queue-name';
import { redisOptionsFromUrl } from './redis-connection';

describe('KeptJobScheduler (real Redis)', () => {
  beforeAll(() => Logger.overrideLogger(false));

  let queue: JobQueue<QueueName.ContentOutbox>;
  let schedule: KeptJobScheduler<QueueName.ContentOutbox> | undefined;

  beforeEach(() => {
    queue = new Queue(QueueName.ContentOutbox, {
      connection: redisOptionsFromUrl(testRedisUrl()),
      prefix: `kept-job-spec-${uniqueSuffix()}`,
    });
  });

  afterEach(async () => {
    schedule?.stop();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('registers the repeatable job at start, and again after Redis has lost it', async () => {
    schedule = new KeptJobScheduler(queue, 'outbox.relay', 200, { name: 'outbox.relay' });
    await schedule.start();
    expect(await queue.getJobScheduler('outbox.relay')).toMatchObject({ name: 'outbox.relay', every: 200 });

    // What a FLUSHALL or a restart without persistence does to it.
    await queue.removeJobScheduler('outbox.relay');
    expect(await queue.getJobScheduler('outbox.relay')).toBeUndefined();

    await eventually(async () =>
      expect(await queue.getJobScheduler('outbox.relay')).toMatchObject({ name: 'outbox.relay', every: 200 }),
    );
  });

  it('registers nothing once stopped', async () => {
    schedule = new KeptJobScheduler(queue, 'outbox.relay', 100, { name: 'outbox.relay' });
    await schedule.start();
    schedule.stop();
    await queue.removeJobScheduler('outbox.relay');

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await queue.getJobScheduler('outbox.relay')).toBeUndefined();
  });
});
