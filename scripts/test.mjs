// `npm test`: installs what is missing, type-checks, lints, builds, starts Postgres and Redis
// (unless TEST_DATABASE_URL / TEST_REDIS_URL name running ones) and runs every unit and
// end-to-end spec. The last line is always `tests: N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startTestInfrastructure } from './test-infrastructure.mjs';
import { build, buildWeb, ensureDependencies, ROOT, tool } from './workspace.mjs';

ensureDependencies();

function finish(passed, failed) {
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

function step(name, command, args) {
  console.log(`\n== ${name}`);
  const ok =
    spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } }).status === 0;
  if (!ok) {
    console.error(`${name} failed`);
    finish(0, 1);
  }
}

step('type check', process.execPath, [tool('typescript/bin/tsc'), '-p', 'tsconfig.json']);
step('type check (web app)', process.execPath, [tool('typescript/bin/tsc'), '-p', 'apps/web/tsconfig.json']);
// The boundaries rule reads Nx's project graph and silently skips itself without one.
step('project graph', tool('.bin/nx'), ['show', 'projects']);
step('lint (module boundaries included)', process.execPath, [tool('eslint/bin/eslint.js'), '.', '--max-warnings=0']);
console.log('\n== build');
if (!build()) finish(0, 1);
console.log('\n== build (web app)');
if (!buildWeb()) finish(0, 1);

// The web app's specs drive a real browser; without one they fail rather than skip (README "The web app").
const { ensureChromium, NO_CHROMIUM_MESSAGE } = createRequire(import.meta.url)('../tools/local-infra/chromium.cjs');
const chromium = ensureChromium();
if (!chromium) {
  console.error(NO_CHROMIUM_MESSAGE);
  finish(0, 1);
}

const { databaseUrl, redisUrl, stop: stopAll } = await startTestInfrastructure();
process.on('SIGINT', () => stopAll().then(() => process.exit(130)));

mkdirSync(join(ROOT, 'tmp'), { recursive: true });
const resultsFile = join(ROOT, 'tmp', 'jest-results.json');
rmSync(resultsFile, { force: true });
console.log('\n== unit and end-to-end specs');
spawnSync(
  process.execPath,
  [tool('jest/bin/jest.js'), '--maxWorkers=2', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: databaseUrl, TEST_REDIS_URL: redisUrl, CHROMIUM_PATH: chromium },
  },
);
await stopAll();

let results;
try {
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.error('jest wrote no results');
  finish(0, 1);
}
const brokenSuites = results.testResults.filter(
  (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
).length;
finish(results.numPassedTests, results.numFailedTests + brokenSuites);
