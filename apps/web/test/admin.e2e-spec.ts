import { Role } from '@tend/auth';
import {
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
});
