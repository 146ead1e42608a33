import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@tend/auth';
import {
  givenFirstLessonDelivered,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  startTestStack,
  TestStack,
  THREE_LESSONS,
} from '@tend/testing';

describe('what the services log', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ logLevel: 'debug' });
  });

  afterAll(() => stack?.stop());

  it('holds no token, email or reflection, even at debug level and when requests fail', async () => {
    await stack.setClock('2026-12-01T12:00:00Z');
    const acme = await givenOrganization(stack);
    const reflectionOnly = [THREE_LESSONS[2]];
    const track = await givenPublishedTrack(acme.admin, reflectionOnly);
    const email = 'private.person@acme.example';
    const learner = await givenPerson(stack, acme, {
      name: 'Priya Private',
      role: Role.LEARNER,
      timezone: 'UTC',
      email,
    });
    await givenEnrolledCohort(acme, track, [learner.id]);
    const delivery = await givenFirstLessonDelivered(learner);
    const reflection = 'My manager once covered my shift when my daughter was ill';
    await learner.client.ok(
      'mutation($id: ID!, $text: String!) { completeLesson(deliveryId: $id, input: { reflection: $text }) { total } }',
      { id: delivery.id, text: reflection },
    );
    // Failures log more than successes do.
    await acme.admin.error('mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }', {
      input: { email, name: 'Duplicate', role: 'LEARNER', timezone: 'UTC' },
    });
    await stack.graphql.as(`${learner.token}tampered`).error('{ me { id } }');
    await learner.client.error('mutation { createTrack(input: { title: "not mine to make" }) { id } }');

    const logs = readdirSync(stack.logDir)
      .map((file) => readFileSync(join(stack.logDir, file), 'utf8'))
      .join('\n');
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [acme.adminToken, learner.token, email, 'Priya Private', reflection]) {
      expect(logs).not.toContain(secret);
    }
    // A token's signature alone is as good as a token to an attacker.
    expect(logs).not.toContain(learner.token.split('.')[2]);
  });
});
