import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, TestStack } from '@tend/testing';

const BUILT_APP = join(__dirname, '../../../dist/web/index.html');

describe('someone opening Tend in a browser gets the web app from the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    if (!existsSync(BUILT_APP)) throw new Error('dist/web is not built: run `npm run build:web` first');
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it('serves the page at / under a Content-Security-Policy that allows no inline script', async () => {
    const page = await fetch(`${stack.urls.gateway}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body.trim()).toBe('');
    }
  });

  it('serves the scripts the page names, cached for good since their names change with their content', async () => {
    const html = await (await fetch(`${stack.urls.gateway}/`)).text();
    const script = /<script[^>]*src="([^"]+)"/.exec(html)?.[1];
    const asset = await fetch(`${stack.urls.gateway}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps the API where it was, and a path the app does not have is still not found', async () => {
    const anonymous = await stack.graphql.send('{ me { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${stack.urls.gateway}/health`)).status).toBe(200);
    expect((await fetch(`${stack.urls.gateway}/no-such-page`)).status).toBe(404);
  });
});
