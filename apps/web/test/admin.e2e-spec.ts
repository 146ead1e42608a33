import { readFile } from 'node:fs/promises';
import { Role } from '@tend/auth';
import {
  eventually,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  givenSignInLink,
  Organization,
  startTestBrowser,
  startTestStack,
  TestBrowser,
  TestStack,
} from '@tend/testing';

describe('an HR admin runs their organization from the web app', () => {
  let stack: TestStack;
  let browser: TestBrowser;
  let acme: Organization;
  const harriet = `harriet-${Date.now()}@acme.example`;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await startTestBrowser(stack.urls.gateway);
    acme = await givenOrganization(stack);
    await givenPublishedTrack(acme.admin);
    await givenPerson(stack, acme, { name: 'Harriet HR', role: Role.ADMIN, timezone: 'UTC', email: harriet });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('previews a CSV with one bad row, sees why that row would be refused, and nothing is written', async () => {
    const { page, signInWith, screenshots, seriousViolations } = await browser.open('admin-import');
    await signInWith(await givenSignInLink(stack, acme, harriet));
    await page.getByRole('heading', { name: 'Your organization' }).waitFor();
    await page.getByText('Service starts with leaders').waitFor();
    await screenshots('overview');
    expect(await seriousViolations()).toEqual([]);

    await page
      .getByLabel('CSV text')
      .fill(
        [
          'email,name,role,timezone',
          'ana@acme.example,Ana Front,LEARNER,Europe/Madrid',
          'bo@acme.example,Bo Back,LEARNER,Mars/Olympus_Mons',
          'cy@acme.example,Cy Floor,LEARNER,America/Chicago',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    const refusals = page.getByRole('table', { name: 'Rows that would be refused' });
    await refusals.waitFor();
    const rows = await refusals.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('bo@acme.example');
    expect(rows[0]).toContain('timezone');
    await page.getByText('2 new, 0 changed').waitFor();
    await screenshots('import-preview');
    expect(await seriousViolations()).toEqual([]);

    const { people } = await acme.admin.ok<{ people: { edges: unknown[] } }>(
      '{ people(search: "acme.example") { edges { node { email } } } }',
    );
    expect(JSON.stringify(people)).not.toContain('ana@acme.example');
  });

  it('downloads the analytics of every HR team as CSV', async () => {
    const dora = await givenPerson(stack, acme, {
      name: 'Dora Desk',
      role: Role.LEARNER,
      timezone: 'UTC',
      teamName: 'Desk',
    });
    const { person } = await acme.admin.ok<{ person: { team: { id: string } } }>(
      'query($id: ID!) { person(id: $id) { team { id } } }',
      { id: dora.id },
    );
    // The team is known to the analytics once the scheduler has heard of Dora.
    await eventually(async () => {
      const { learningAnalyticsCsv } = await acme.admin.ok('{ learningAnalyticsCsv(groupBy: TEAM) }');
      expect(learningAnalyticsCsv).toContain(person.team.id);
    });

    const { page, signInWith, screenshots, seriousViolations } = await browser.open('admin-analytics');
    await signInWith(await givenSignInLink(stack, acme, harriet));
    await page.getByRole('heading', { name: 'Analytics (last 4 weeks)' }).waitFor();
    await page.getByLabel('Group by').selectOption({ label: 'HR team' });
    await screenshots('analytics');
    expect(await seriousViolations()).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download analytics CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('analytics-team.csv');
    // Dora has had nothing due yet: her team is there, with nothing to show.
    expect(await readFile(await download.path(), 'utf8')).toBe(
      [
        'group_by,group_id,learners,lessons_due,lessons_completed,completion_rate,reviews_rated,recall_rate,active_days_per_week,streak_0,streak_1_2,streak_3_5,streak_6_10,streak_11_plus,median_minutes_to_complete',
        `TEAM,${person.team.id},0,0,0,,0,,0,0,0,0,0,0,`,
        '',
      ].join('\r\n'),
    );
  });
});
