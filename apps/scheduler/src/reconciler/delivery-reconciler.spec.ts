import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { AdjustableClock } from '@tend/clock';
import { JobQueue, QueueName, redisOptionsFromUrl } from '@tend/queue';
import { eventually, testRedisUrl, uniqueSuffix } from '@tend/testing';
import { createSchedulerTestDatabase, SchedulerTestDatabase } from '../../test/scheduler-test-database';
import { SchedulerConfig } from '../scheduler.config';
import { deliverySendJob, SENT_NOT_RECORDED } from '../sending/delivery-send.job';
import { DeliveryReconciler } from './delivery-reconciler';

/**
 * When the database is away as a send ends, Redis knows how it ended and
 * Postgres does not: the delivery stays SCHEDULED beside a failed job, which
 * re-adding by id would leave as it is. The reconciler settles it.
 */
describe('DeliveryReconciler (real Postgres and Redis)', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const organizationId = randomUUID();
  const clock = new AdjustableClock();
  const connection = redisOptionsFromUrl(testRedisUrl());
  const prefix = `reconciler-spec-${uniqueSuffix()}`;
  const config = Object.assign(new SchedulerConfig(), { SEND_ATTEMPTS: 2, SEND_BACKOFF_MS: 10 });
  let database: SchedulerTestDatabase;
  let sendQueue: JobQueue<QueueName.DeliveriesSend>;
  let reconciler: DeliveryReconciler;

  beforeAll(async () => {
    database = await createSchedulerTestDatabase();
    sendQueue = new Queue(QueueName.DeliveriesSend, { connection, prefix });
    reconciler = new DeliveryReconciler(database.dataSource, clock, config, sendQueue);
  });

  afterAll(async () => {
    await sendQueue?.obliterate({ force: true });
    await sendQueue?.close();
    await database?.drop();
  });

  /** An email lesson due at 09:00 that is still SCHEDULED. */
  async function givenScheduledEmail(): Promise<string> {
    const [{ id }] = await database.dataSource.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel)
       VALUES ($1, $2, 'LESSON', $3, $4, '2026-03-04', '2026-03-04T09:00:00Z', 'SCHEDULED', 'EMAIL')
       RETURNING id`,
      [organizationId, randomUUID(), randomUUID(), randomUUID()],
    );
    return id;
  }

  /** Runs the delivery's send job through every attempt with a worker that fails as `failure` says. */
  async function givenItsJobFailed(deliveryId: string, failure: () => Error): Promise<void> {
    const job = deliverySendJob(
      { organizationId, deliveryId },
      { attempts: config.SEND_ATTEMPTS, backoffMs: config.SEND_BACKOFF_MS },
    );
    await sendQueue.add(job.name, job.data, job.opts);
    const worker = new Worker(
      QueueName.DeliveriesSend,
      async () => {
        throw failure();
      },
      { connection, prefix },
    );
    try {
      await eventually(async () => expect(await sendQueue.getJobState(deliveryId)).toBe('failed'));
    } finally {
      await worker.close();
    }
  }

  const statusOf = async (id: string) =>
    (await database.dataSource.query('SELECT status FROM scheduler.deliveries WHERE id = $1', [id]))[0].status;

  it('sends again a delivery whose last failure never reached the database, with its attempts renewed', async () => {
    clock.setNow(new Date('2026-03-04T09:30:00Z'));
    const deliveryId = await givenScheduledEmail();
    await givenItsJobFailed(deliveryId, () => new Error('Connection terminated unexpectedly'));

    await reconciler.reconcile();

    expect(await sendQueue.getJobState(deliveryId)).toBe('waiting');
    expect((await sendQueue.getJob(deliveryId))?.attemptsMade).toBe(0);
    expect(await statusOf(deliveryId)).toBe('SCHEDULED');
    await sendQueue.remove(deliveryId);
  });

  it('records as SENT, without sending again, a delivery whose job sent it but could not record it', async () => {
    clock.setNow(new Date('2026-03-04T09:30:00Z'));
    const deliveryId = await givenScheduledEmail();
    await givenItsJobFailed(deliveryId, () => new UnrecoverableError(`${SENT_NOT_RECORDED}: the database went away`));

    await reconciler.reconcile();

    expect(await statusOf(deliveryId)).toBe('SENT');
    expect(await sendQueue.getJobState(deliveryId)).toBe('failed');
    await reconciler.reconcile();
    expect(await sendQueue.getJobState(deliveryId)).toBe('failed');
  });
});
