// `npm run tend -- <command>`: the operator's CLI.
//   migrate                                   apply every service's migrations
//   org create --name N --admin-email E       create an organization and its first admin; prints the id and a token
//   token --org ID --email E                  print a token for an existing person
//   clock set <ISO instant>                   move a running demo's clock (demo and tests only)
// DATABASE_URL comes from the environment or, while `npm run demo` runs, from .tend/demo-env.json.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, ensureDependencies, ROOT } from './workspace.mjs';

const USAGE = `usage: npm run tend -- <command>
  migrate
  org create --name NAME --admin-email EMAIL [--admin-name NAME] [--timezone ZONE]
  token --org ORGANIZATION_ID --email EMAIL
  clock set <ISO 8601 instant>`;

ensureDependencies();
// Runs from dist/ as it is when no source changed since the last build, so a call costs no tsc run.
if (!buildIfStale()) process.exit(1);
const require = createRequire(import.meta.url);
const { migrateAll, runServiceCommand } = require('../tools/local-infra/tend-stack.cjs');

const demoEnvFile = join(ROOT, '.tend', 'demo-env.json');
const demoEnv = existsSync(demoEnvFile) ? JSON.parse(readFileSync(demoEnvFile, 'utf8')) : {};
const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? demoEnv.DATABASE_URL,
  TEND_LOCAL_KEY_FILE:
    process.env.TEND_LOCAL_KEY_FILE ?? demoEnv.TEND_LOCAL_KEY_FILE ?? join(ROOT, '.tend', 'local-signing-key.json'),
};

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'migrate') {
    requireDatabase();
    await migrateAll(env.DATABASE_URL);
    console.log('migrated: content, cohorts, scheduler');
  } else if (command === 'org' || command === 'token') {
    requireDatabase();
    process.stdout.write(await runServiceCommand('cohorts', [command, ...args], env));
  } else if (command === 'clock' && args[0] === 'set' && args[1]) {
    await setDemoClock(args[1]);
  } else {
    console.error(USAGE);
    process.exit(2);
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

function requireDatabase() {
  if (!env.DATABASE_URL) throw new Error('Set DATABASE_URL, or start `npm run demo` first.');
}

async function setDemoClock(instant) {
  if (!demoEnv.urls) throw new Error('No running demo found (.tend/demo-env.json); start `npm run demo` first.');
  const { PrincipalSigner } = require(join(ROOT, 'dist/libs/auth/src/principal-signer.js'));
  const signer = new PrincipalSigner(demoEnv.GATEWAY_SIGNING_SECRET);
  for (const app of ['content', 'cohorts', 'scheduler']) {
    const response = await fetch(`${demoEnv.urls[app]}/internal/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...signer.sign({ kind: 'gateway' }) },
      body: JSON.stringify({ now: instant }),
    });
    if (!response.ok) throw new Error(`${app}: ${response.status} ${await response.text()}`);
  }
  console.log(`clock: every service now reads ${new Date(instant).toISOString()}`);
}
