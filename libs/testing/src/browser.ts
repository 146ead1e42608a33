import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

const chromiumFinder = require(resolve(__dirname, '../../../tools/local-infra/chromium.cjs')) as {
  chromiumPath(): string | undefined;
  NO_CHROMIUM_MESSAGE: string;
};

/** Where the browser specs write their screenshots (gitignored): `tmp/screenshots/<story>/<screen>-<width>.png`. */
export const SCREENSHOT_DIR = resolve(__dirname, '../../../tmp/screenshots');

/**
 * Chromium with nothing of its own on the network: no background requests, updates, sync or QUIC,
 * and every host name but localhost unresolvable, so a page reaches only the loopback stack.
 * Playwright starts it with a new, empty profile (its own temporary --user-data-dir) each launch.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

export interface SeriousViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export interface BrowserSession {
  page: Page;
  context: BrowserContext;
  /** Opens a sign-in link's fragment at the stack's gateway, as a person opening their email would. */
  signInWith(link: string): Promise<void>;
  /** Screenshots the page as it is at 360 px and 1280 px wide, then goes back to the phone's width. */
  screenshots(screen: string): Promise<void>;
  /** axe-core's serious and critical violations on the page as it is. */
  seriousViolations(): Promise<SeriousViolation[]>;
}

export interface TestBrowser {
  /** A person's own browser: storage of its own, a phone-sized window, the gateway as origin. */
  open(story: string): Promise<BrowserSession>;
  close(): Promise<void>;
}

export async function startTestBrowser(gatewayUrl: string): Promise<TestBrowser> {
  const executablePath = chromiumFinder.chromiumPath();
  if (!executablePath) throw new Error(chromiumFinder.NO_CHROMIUM_MESSAGE);
  const browser: Browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
  return {
    open: async (story) => {
      const context = await browser.newContext({ viewport: PHONE, baseURL: gatewayUrl });
      const page = await context.newPage();
      const folder = join(SCREENSHOT_DIR, story);
      mkdirSync(folder, { recursive: true });
      return {
        page,
        context,
        signInWith: async (link) => {
          const fragment = new URL(link).hash;
          await page.goto(`/${fragment}`);
        },
        screenshots: async (screen) => {
          for (const viewport of [PHONE, DESKTOP]) {
            await page.setViewportSize(viewport);
            await page.screenshot({ path: join(folder, `${screen}-${viewport.width}.png`), fullPage: true });
          }
          await page.setViewportSize(PHONE);
        },
        seriousViolations: async () => {
          const { violations } = await new AxeBuilder({ page }).analyze();
          return violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map((violation) => ({
              id: violation.id,
              impact: violation.impact ?? '',
              help: violation.help,
              targets: violation.nodes.map((node) => node.target.join(' ')),
            }));
        },
      };
    },
    close: () => browser.close(),
  };
}
