import { Role } from '@tend/auth';
import {
  givenEnrolledCohort,
  givenFirstLessonDelivered,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  givenSignInLink,
  Member,
  Organization,
  startTestBrowser,
  startTestStack,
  TestBrowser,
  TestStack,
  untilSchedulerKnowsEnrollment,
  withClient,
} from '@tend/testing';

describe('a leader opens their week on one screen', () => {
  let stack: TestStack;
  let browser: TestBrowser;
  let acme: Organization;
  let lee: Member;
  let kai: Member;
  const leeEmail = `lee-${Date.now()}@acme.example`;
  const kaiEmail = `kai-${Date.now()}@acme.example`;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await startTestBrowser(stack.urls.gateway);
    // Tuesday 1 December 2026; the team's prompt comes on Monday the 7th at 08:30.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    const track = await givenPublishedTrack(acme.admin);
    lee = await givenPerson(stack, acme, { name: 'Lee Leader', role: Role.LEADER, timezone: 'UTC', email: leeEmail });
    kai = await givenPerson(stack, acme, {
      name: 'Kai Learner',
      role: Role.LEARNER,
      timezone: 'UTC',
      email: kaiEmail,
      leaderId: lee.id,
    });
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [lee.id, kai.id]);
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 2);
    await givenFirstLessonDelivered(kai);
    await stack.setClock('2026-12-07T08:30:30Z');
    await stack.runPlanner();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('responds to the weekly prompt with a note, after reading its themes and who is behind', async () => {
    const { page, signInWith, screenshots, seriousViolations } = await browser.open('leader-prompt');
    await signInWith(await givenSignInLink(stack, acme, leeEmail));
    await page.getByRole('link', { name: 'My team' }).click();
    await page.getByRole('heading', { name: 'Ask your team' }).waitFor();
    await page
      .locator('.question-big', { hasText: 'When did someone on this team go out of their way for you' })
      .waitFor();
    await page.getByRole('heading', { name: 'What they learned' }).waitFor();
    await screenshots('week');
    expect(await seriousViolations()).toEqual([]);

    await page.getByLabel('A note for next week (optional)').fill('Kai told the story of the lost order.');
    await page.getByRole('button', { name: 'We talked' }).click();
    await page.getByText('Done: you had the conversation.').waitFor();

    const { today } = await lee.client.ok<{
      today: { items: { kind: string; response: { done: boolean; note: string } | null }[] };
    }>('{ today { items { kind response { done note } } } }');
    expect(today.items.find((item) => item.kind === 'LEADER_PROMPT')?.response).toEqual({
      done: true,
      note: 'Kai told the story of the lost order.',
    });
  });

  it('logs a recognition in under a minute, and the learner sees it on their next visit', async () => {
    const leader = await browser.open('leader-recognition');
    await leader.signInWith(await givenSignInLink(stack, acme, leeEmail));
    await leader.page.getByRole('link', { name: 'My team' }).click();
    await leader.page.getByLabel('Who').selectOption({ label: 'Kai Learner' });
    await leader.page.getByLabel('Recognition: they did it well').check();
    await leader.page.getByLabel('What happened').fill('You greeted the family at the door before finishing the call.');
    await leader.page.getByRole('button', { name: 'Log it' }).click();
    await leader.page.getByText('Logged for Kai Learner.').waitFor();
    await leader.screenshots('moment-logged');
    expect(await leader.seriousViolations()).toEqual([]);

    const learner = await browser.open('learner-recognition');
    await learner.signInWith(await givenSignInLink(stack, acme, kaiEmail));
    await learner.page.getByRole('heading', { name: 'From your leader' }).waitFor();
    await learner.page.getByText('You greeted the family at the door before finishing the call.').waitFor();
    await learner.page.getByText('Lee Leader noticed').waitFor();
    await learner.screenshots('today-with-recognition');
    expect(await learner.seriousViolations()).toEqual([]);
  });

  it('records the career conversation with a report from the same screen', async () => {
    const { page, signInWith, screenshots, seriousViolations } = await browser.open('leader-career-conversation');
    // Signed in before the clock moves on: the link is made on the machine's own time.
    await signInWith(await givenSignInLink(stack, acme, leeEmail));
    // Kai's turn comes on the day the calendar gives him within six weeks; the planner plans it then.
    const nextAt = await withClient(stack.databaseUrl, async (client) => {
      const { rows } = await client.query(
        'SELECT next_at FROM scheduler.career_conversation_schedules WHERE leader_id = $1 AND report_id = $2',
        [lee.id, kai.id],
      );
      return rows[0].next_at as Date;
    });
    await stack.setClock(new Date(nextAt.getTime() + 30_000).toISOString());
    await stack.runPlanner();

    await page.getByRole('link', { name: 'My team' }).click();
    await page.getByRole('heading', { name: 'Career conversation with Kai Learner' }).waitFor();
    await screenshots('career-conversation');
    expect(await seriousViolations()).toEqual([]);

    await page.getByLabel('What you agreed (optional)').fill('Kai wants to train the new starters in spring.');
    await page.getByRole('button', { name: 'We had it' }).click();
    await page.getByText('Done: you talked with Kai Learner.').waitFor();

    const { today } = await lee.client.ok<{
      today: { items: { kind: string; careerConversation: { outcome: string; note: string } | null }[] };
    }>('{ today { items { kind careerConversation { outcome note } } } }');
    expect(today.items.find((item) => item.kind === 'CAREER_CONVERSATION')?.careerConversation).toEqual({
      outcome: 'DONE',
      note: 'Kai wants to train the new starters in spring.',
    });
  });
});
