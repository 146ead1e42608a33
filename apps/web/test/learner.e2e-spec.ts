import { Role } from '@tend/auth';
import {
  givenEnrolledCohort,
  givenFirstLessonDelivered,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  givenSignInLink,
  LessonSpec,
  Member,
  Organization,
  startTestBrowser,
  startTestStack,
  TestBrowser,
  TestStack,
} from '@tend/testing';

const SPOT_THE_MOMENT: LessonSpec = {
  title: 'Spot the moment',
  kind: 'QUIZ',
  body: 'A customer waits at the counter **while you finish a call**.\n\n<script>alert(1)</script>',
  minutes: 3,
  questions: [
    {
      prompt: 'What do you do first?',
      choices: ['Finish the call, then greet them', 'Acknowledge them with a nod and a word', 'Wait for them to speak'],
      correctIndex: 1,
      choiceFeedback: [
        { explanation: 'Until you look up, they do not know you have seen them.' },
        { explanation: 'A quick acknowledgement tells them they have been seen.' },
        { explanation: 'Waiting leaves the first move, and the worry, with them.' },
      ],
    },
    {
      prompt: 'The call ends. What now?',
      choices: ['Apologise for the wait and help', 'Start with their order number'],
      correctIndex: 0,
      choiceFeedback: [
        { explanation: 'Naming the wait shows you noticed it.' },
        { explanation: 'Straight to business skips the person.' },
      ],
    },
  ],
};

describe('a learner on a shop floor opens Tend on their phone', () => {
  let stack: TestStack;
  let browser: TestBrowser;
  let acme: Organization;
  let noorMember: Member;
  const kai = `kai-${Date.now()}@acme.example`;
  const noor = `noor-${Date.now()}@acme.example`;
  const lucia = `lucia-${Date.now()}@acme.example`;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await startTestBrowser(stack.urls.gateway);
    // A Tuesday afternoon in the cohort's zone: the first lesson arrives at once on enrollment.
    await stack.setClock('2026-12-01T14:00:00Z');
    acme = await givenOrganization(stack);
    const track = await givenPublishedTrack(acme.admin, [SPOT_THE_MOMENT, { title: 'Name the feeling', kind: 'READ' }]);
    noorMember = await givenPerson(stack, acme, {
      name: 'Noor Learner',
      role: Role.LEARNER,
      timezone: 'UTC',
      email: noor,
    });
    const learners = [
      await givenPerson(stack, acme, { name: 'Kai Learner', role: Role.LEARNER, timezone: 'UTC', email: kai }),
      noorMember,
      await givenPerson(stack, acme, {
        name: 'Lucía Learner',
        role: Role.LEARNER,
        timezone: 'Europe/Madrid',
        email: lucia,
        locale: 'es-ES',
      }),
    ];
    await givenEnrolledCohort(
      acme,
      track,
      learners.map((learner) => learner.id),
    );
    for (const learner of learners) await givenFirstLessonDelivered(learner);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('completes today’s quiz in one tap from the link and sees each chosen answer’s feedback', async () => {
    const { page, signInWith, screenshots, seriousViolations } = await browser.open('learner-quiz');
    await page.goto('/');
    await page.getByLabel('Work email').fill(kai);
    await screenshots('sign-in');
    expect(await seriousViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText(`If ${kai} belongs to someone at your workplace`).waitFor();

    await signInWith(await givenSignInLink(stack, acme, kai));
    await page.getByRole('heading', { name: 'Hello, Kai' }).waitFor();
    // The link's secret is gone from the address bar before anything else happens.
    expect(new URL(page.url()).hash).toBe('');
    await screenshots('today');
    expect(await seriousViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Start: Spot the moment' }).click();
    await page.getByRole('heading', { name: 'Spot the moment' }).waitFor();
    // The author's Markdown is rendered, and the HTML in it shown as text, never run.
    expect(await page.locator('.markdown strong').textContent()).toBe('while you finish a call');
    expect(await page.locator('.markdown script').count()).toBe(0);
    await page.getByLabel('Finish the call, then greet them').check();
    await page.getByLabel('Apologise for the wait and help').check();
    await screenshots('quiz');
    expect(await seriousViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByText('1 of 2 right').waitFor();
    const feedback = await page.locator('.feedback').allTextContents();
    expect(feedback).toHaveLength(2);
    expect(feedback[0]).toContain('Until you look up, they do not know you have seen them.');
    expect(feedback[1]).toContain('Naming the wait shows you noticed it.');
    await screenshots('quiz-feedback');
    expect(await seriousViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Back to today' }).click();
    await page.getByText('Done').first().waitFor();
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.getByText('Spot the moment').waitFor();
    await screenshots('history');
    expect(await seriousViolations()).toEqual([]);
  });

  it('reads today’s lesson and answers it with the connection down; the completion is sent once when it returns', async () => {
    const { page, context, signInWith, screenshots } = await browser.open('learner-offline');
    await signInWith(await givenSignInLink(stack, acme, noor));
    await page.getByRole('button', { name: 'Start: Spot the moment' }).waitFor();
    // The app's files are on the device once its service worker is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // What reached the gateway: a request made offline never does.
    let completionsAnswered = 0;
    page.on('response', (response) => {
      if (/CompleteLesson/.test(response.request().postData() ?? '')) completionsAnswered += 1;
    });

    await context.setOffline(true);
    await page.reload();
    await page.getByText('You are offline.').waitFor();
    await page.getByRole('button', { name: 'Start: Spot the moment' }).click();
    await page.getByText('A customer waits at the counter').waitFor();
    await page.getByLabel('Acknowledge them with a nod and a word').check();
    await page.getByLabel('Apologise for the wait and help').check();
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByText('Saved on this device').waitFor();
    await page.getByRole('button', { name: 'Back to today' }).click();
    await screenshots('today-offline');

    await context.setOffline(false);
    await page.getByText('Done').first().waitFor();
    // Opened again later: nothing is left to send, so nothing is sent again.
    await page.reload();
    await page.getByText('Done').first().waitFor();
    const { today } = await noorMember.client.ok<{ today: { items: { status: string }[] } }>(
      '{ today { items { status } } }',
    );
    expect(today.items.map((item) => item.status)).toEqual(['COMPLETED']);
    expect(completionsAnswered).toBe(1);
  });

  it('arrives from their company’s LMS signed in, on today, with the session gone from the address bar', async () => {
    const { page } = await browser.open('learner-lti-landing');
    // What the gateway's redirect after an LTI launch carries (README "LTI 1.3 Advantage").
    await page.goto(`/#session=${encodeURIComponent(noorMember.token)}&expiresIn=28800`);
    await page.getByRole('heading', { name: 'Hello, Noor' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
  });

  it('reads the app in their own language when it is Spanish', async () => {
    const { page, signInWith, screenshots, seriousViolations } = await browser.open('learner-spanish');
    await signInWith(await givenSignInLink(stack, acme, lucia));
    await page.getByRole('heading', { name: 'Hola, Lucía' }).waitFor();
    await page.getByRole('button', { name: 'Empezar: Spot the moment' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await screenshots('today');
    expect(await seriousViolations()).toEqual([]);
  });

  it('meets the question they missed again the next morning, and answers it', async () => {
    // Wednesday: Kai's bundle brings back the question Kai got wrong in Tuesday's quiz.
    await stack.setClock('2026-12-02T09:00:30Z');
    await stack.runPlanner();
    const { page, signInWith, screenshots, seriousViolations } = await browser.open('learner-question-review');
    await signInWith(await givenSignInLink(stack, acme, kai));
    await page.getByText('You missed this one before. Try it again.').waitFor();
    await page.getByLabel('Acknowledge them with a nod and a word').check();
    await screenshots('question-review');
    expect(await seriousViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await page.getByText('Correct. A quick acknowledgement tells them they have been seen.').waitFor();
    await screenshots('question-review-answered');
    expect(await seriousViolations()).toEqual([]);
  });
});
