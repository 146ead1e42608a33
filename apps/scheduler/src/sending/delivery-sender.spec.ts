import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { UnrecoverableError } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { AdjustableClock } from '@tend/clock';
import { createSchedulerTestDatabase, SchedulerTestDatabase } from '../../test/scheduler-test-database';
import { SchedulerConfig } from '../scheduler.config';
import { DeliverySender, SendClaimedElsewhere } from './delivery-sender';
import { EmailChannel } from './email.channel';
import { WebhookChannel } from './webhook.channel';

/** Recipients whose local part starts with these are refused, permanently or for now. */
const REFUSALS: Record<string, { code: number; message: string }> = {
  unknown: { code: 550, message: 'No such mailbox' },
  busy: { code: 451, message: 'Try again later' },
};

describe('DeliverySender (real Postgres and an SMTP server)', () => {
  const organizationId = randomUUID();
  const clock = new AdjustableClock();
  const received: { to: string; body: string }[] = [];
  let database: SchedulerTestDatabase;
  let smtp: SMTPServer;
  let email: EmailChannel;
  let sender: DeliverySender;

  /** A scheduled email delivery of a lesson titled "Listen first" to `address`. */
  async function givenScheduledEmail(address: string): Promise<string> {
    const [personId, enrollmentId, trackId, lessonId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await database.dataSource.query(
      `INSERT INTO scheduler.people (person_id, organization_id, role, timezone, email, channels)
       VALUES ($1, $2, 'LEARNER', 'UTC', $3, '{IN_APP,EMAIL}')`,
      [personId, organizationId, address],
    );
    await database.dataSource.query(
      `INSERT INTO scheduler.enrollments (enrollment_id, organization_id, cohort_id, track_id, track_version, starts_on)
       VALUES ($1, $2, $3, $4, 1, '2026-03-02')`,
      [enrollmentId, organizationId, randomUUID(), trackId],
    );
    await database.dataSource.query(
      `INSERT INTO scheduler.track_lessons (track_id, version, position, lesson_id, organization_id, title, kind, minutes)
       VALUES ($1, 1, 1, $2, $3, 'Listen first', 'READ', 4)`,
      [trackId, lessonId, organizationId],
    );
    const [{ id }] = await database.dataSource.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, lesson_id, enrollment_id, local_date, due_at, status, channel)
       VALUES ($1, $2, 'LESSON', $3, $4, '2026-03-04', '2026-03-04T09:00:00Z', 'SCHEDULED', 'EMAIL') RETURNING id`,
      [organizationId, personId, lessonId, enrollmentId],
    );
    return id;
  }

  async function deliveryRow(id: string) {
    const [row] = await database.dataSource.query(
      `SELECT status, attempts, last_error, sent_at FROM scheduler.deliveries WHERE id = $1`,
      [id],
    );
    return row;
  }

  beforeAll(async () => {
    database = await createSchedulerTestDatabase();
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const refusal = REFUSALS[address.address.split('@')[0]];
        if (!refusal) return callback();
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      },
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(',');
          received.push({ to, body });
          // A slow server, for the recipients whose local part starts with "slow".
          setTimeout(callback, to.startsWith('slow') ? 400 : 0);
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    const config = Object.assign(new SchedulerConfig(), { SMTP_URL: `smtp://127.0.0.1:${port}` });
    email = new EmailChannel(config);
    sender = new DeliverySender(database.dataSource, clock, email, new WebhookChannel(config), config);
  });

  afterAll(async () => {
    email?.onModuleDestroy();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await database?.drop();
  });

  it('emails the lesson and marks it SENT, once however often the job runs', async () => {
    clock.setNow(new Date('2026-03-04T09:00:05Z'));
    const id = await givenScheduledEmail('ana@example.com');

    expect(await sender.send({ organizationId, deliveryId: id }, false)).toBe('sent');
    expect(await sender.send({ organizationId, deliveryId: id }, false)).toBe('skipped');

    const mails = received.filter((mail) => mail.to === 'ana@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].body).toContain("Subject: Today's lesson: Listen first");
    expect(mails[0].body).toContain('It takes 4 minutes.');
    expect(mails[0].body).toContain('From: Tend <no-reply@tend.local>');
    expect(mails[0].body).toContain(`Message-ID: <${id}@tend.local>`);
    const sent = await deliveryRow(id);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, last_error: null });
    // The clock was set to 09:00:05 and keeps running from there.
    expect(sent.sent_at.getTime() - Date.parse('2026-03-04T09:00:05Z')).toBeLessThan(5000);
  });

  it("emails a reminder of an open lesson, and a leader's question of the week", async () => {
    clock.setNow(new Date('2026-03-05T09:00:05Z'));
    const lessonId = await givenScheduledEmail('ben@example.com');
    const [{ id: nudgeId }] = await database.dataSource.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, lesson_id, enrollment_id, reminder_of, local_date, due_at, status, channel)
       SELECT organization_id, person_id, 'NUDGE', lesson_id, enrollment_id, id, '2026-03-05', '2026-03-05T09:00:00Z',
              'SCHEDULED', 'EMAIL'
       FROM scheduler.deliveries WHERE id = $1 RETURNING id`,
      [lessonId],
    );
    const [{ id: promptId }] = await database.dataSource.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, enrollment_id, local_date, due_at, status, channel, prompt)
       SELECT organization_id, person_id, 'LEADER_PROMPT', enrollment_id, '2026-03-05', '2026-03-05T08:30:00Z',
              'SCHEDULED', 'EMAIL', 'Who did you greet first this week?'
       FROM scheduler.deliveries WHERE id = $1 RETURNING id`,
      [lessonId],
    );

    expect(await sender.send({ organizationId, deliveryId: nudgeId }, false)).toBe('sent');
    expect(await sender.send({ organizationId, deliveryId: promptId }, false)).toBe('sent');

    const bodies = received.filter((mail) => mail.to === 'ben@example.com').map((mail) => mail.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('Subject: Still waiting for you: Listen first');
    expect(bodies[1]).toContain("Subject: This week's conversation with your team");
    expect(bodies[1]).toContain('Who did you greet first this week?');
  });

  it('emails a leader their career conversation, naming the report by address', async () => {
    clock.setNow(new Date('2026-03-05T10:00:05Z'));
    const [leaderId, reportId] = [randomUUID(), randomUUID()];
    await database.dataSource.query(
      `INSERT INTO scheduler.people (person_id, organization_id, role, timezone, email, channels, leader_id)
       VALUES ($1, $3, 'LEADER', 'UTC', 'cleo@example.com', '{IN_APP,EMAIL}', NULL),
              ($2, $3, 'LEARNER', 'UTC', 'dev@example.com', '{IN_APP}', $1)`,
      [leaderId, reportId, organizationId],
    );
    const [{ id }] = await database.dataSource.query(
      `INSERT INTO scheduler.deliveries
         (organization_id, person_id, kind, subject_id, local_date, due_at, status, channel, prompt)
       VALUES ($1, $2, 'CAREER_CONVERSATION', $3, '2026-03-05', '2026-03-05T10:00:00Z', 'SCHEDULED', 'EMAIL',
               'Where do they want to grow next?') RETURNING id`,
      [organizationId, leaderId, reportId],
    );

    expect(await sender.send({ organizationId, deliveryId: id }, false)).toBe('sent');
    const [mail] = received.filter((each) => each.to === 'cleo@example.com');
    expect(mail.body).toContain('Subject: A career conversation is due');
    expect(mail.body).toContain('It is time for a career conversation with dev@example.com.');
    expect(mail.body).toContain('Where do they want to grow next?');
    expect(await deliveryRow(id)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('fails at once, without retries, when the server refuses the mailbox for good', async () => {
    const id = await givenScheduledEmail('unknown@example.com');

    await expect(sender.send({ organizationId, deliveryId: id }, false)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await deliveryRow(id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect((await deliveryRow(id)).last_error).toContain('No such mailbox');
  });

  it('stays scheduled after a temporary refusal, and fails after the last attempt', async () => {
    const id = await givenScheduledEmail('busy@example.com');

    const retryable = await sender.send({ organizationId, deliveryId: id }, false).catch((error: Error) => error);
    expect(retryable).toBeInstanceOf(Error);
    expect(retryable).not.toBeInstanceOf(UnrecoverableError);
    expect(await deliveryRow(id)).toMatchObject({ status: 'SCHEDULED', attempts: 1 });

    await expect(sender.send({ organizationId, deliveryId: id }, true)).rejects.toThrow(/Try again later/);
    expect(await deliveryRow(id)).toMatchObject({ status: 'FAILED', attempts: 2 });
  });

  it('two runs of one send job at the same moment send one email: the second waits for the claim of the first', async () => {
    clock.setNow(new Date('2026-03-04T09:00:05Z'));
    const id = await givenScheduledEmail('slow-sam@example.com');

    const first = sender.send({ organizationId, deliveryId: id }, false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await sender.send({ organizationId, deliveryId: id }, false).catch((error: Error) => error);
    expect(second).toBeInstanceOf(SendClaimedElsewhere);
    expect((second as SendClaimedElsewhere).waitMs).toBeGreaterThan(110_000);
    expect(await first).toBe('sent');

    expect(await sender.send({ organizationId, deliveryId: id }, false)).toBe('skipped');
    expect(received.filter((mail) => mail.to === 'slow-sam@example.com')).toHaveLength(1);
  });

  it('a claim whose send died lapses, and the next run sends', async () => {
    clock.setNow(new Date('2026-03-04T09:00:05Z'));
    const id = await givenScheduledEmail('dee@example.com');
    await database.dataSource.query(
      `UPDATE scheduler.deliveries SET send_claimed_until = '2026-03-04T09:02:05Z' WHERE id = $1`,
      [id],
    );
    await expect(sender.send({ organizationId, deliveryId: id }, false)).rejects.toBeInstanceOf(SendClaimedElsewhere);
    expect(received.filter((mail) => mail.to === 'dee@example.com')).toHaveLength(0);

    clock.setNow(new Date('2026-03-04T09:02:06Z'));
    expect(await sender.send({ organizationId, deliveryId: id }, false)).toBe('sent');
    expect(received.filter((mail) => mail.to === 'dee@example.com')).toHaveLength(1);
  });

  it('waits no longer than one claim lasts, even when the clock went back past a claim', async () => {
    clock.setNow(new Date('2026-03-04T09:00:05Z'));
    const id = await givenScheduledEmail('eve@example.com');
    await database.dataSource.query(
      `UPDATE scheduler.deliveries SET send_claimed_until = '2026-03-05T09:00:05Z' WHERE id = $1`,
      [id],
    );
    const waiting = await sender.send({ organizationId, deliveryId: id }, false).catch((error: Error) => error);
    expect((waiting as SendClaimedElsewhere).waitMs).toBe(new SchedulerConfig().SEND_CLAIM_MS);
  });

  it("does not send another organization's delivery", async () => {
    const id = await givenScheduledEmail('bo@example.com');
    expect(await sender.send({ organizationId: randomUUID(), deliveryId: id }, false)).toBe('skipped');
    expect(await deliveryRow(id)).toMatchObject({ status: 'SCHEDULED', attempts: 0 });
  });
});
