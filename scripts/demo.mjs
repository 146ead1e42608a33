// `npm run demo`: everything a newcomer needs to try Tend on one machine. Installs dependencies,
// starts Postgres (embedded, unless DATABASE_URL is set) and Redis (REDIS_URL, or a redis-server
// it starts), migrates, seeds a demo organization, starts the four services and prints the URL
// and tokens. Ctrl-C stops everything it started.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, buildWeb, ensureDependencies, ROOT } from './workspace.mjs';

const started = Date.now();
ensureDependencies();
console.log('Building...');
if (!build() || !buildWeb()) process.exit(1);

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = await import('../tools/local-infra/postgres.mjs');
const { startLocalRedis } = await import('../tools/local-infra/redis.cjs');
const { freePort } = await import('../tools/local-infra/free-port.cjs');
const {
  ensureServiceLogin,
  migrateAll,
  runServiceCommand,
  startStack,
} = require('../tools/local-infra/tend-stack.cjs');
const pg = require('pg');

const STATE_DIR = join(ROOT, '.tend');
const KEY_FILE = join(STATE_DIR, 'local-signing-key.json');
const DEMO_FILE = join(STATE_DIR, 'demo.json');
/** The four starter tracks on customer-service culture every organization can start from. */
const STARTER_LIBRARY = join(ROOT, 'apps/content/starter-library');
/** The people printWelcome names, by the address they sign in with. */
const DEMO_PEOPLE = [
  ['hr@acme.example', 'Admin (hr@acme.example)'],
  ['lee@acme.example', 'Leader (lee@acme.example, America/Chicago)'],
  ['cam@acme.example', 'Learner (cam@acme.example, America/Chicago)'],
  ['kiran@acme.example', 'Learner (kiran@acme.example, Asia/Kolkata)'],
];
mkdirSync(STATE_DIR, { recursive: true });

const stops = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Tend...');
  for (const stop of stops.reverse()) await stop().catch((error) => console.error(error.message));
  console.log('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('Starting embedded Postgres (data in .tend/postgres)...');
    const postgres = await startEmbeddedPostgres({ dataDir: join(STATE_DIR, 'postgres'), persistent: true });
    stops.push(postgres.stop);
    databaseUrl = await ensureDatabase(postgres.url, 'tend');
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    console.log('Starting Redis...');
    const redis = await startLocalRedis();
    stops.push(redis.stop);
    redisUrl = redis.url;
  }

  console.log('Migrating...');
  await migrateAll(databaseUrl);
  // The services connect as a login that row-level security always applies to.
  const serviceDatabaseUrl = await ensureServiceLogin(databaseUrl);

  const ports = {
    gateway: Number(process.env.PORT ?? 4000),
    content: await freePort(),
    cohorts: await freePort(),
    scheduler: await freePort(),
  };
  const signingSecret = randomBytes(32).toString('hex');
  console.log('Starting the services...');
  const stack = await startStack({
    databaseUrl: serviceDatabaseUrl,
    redisUrl,
    redisPrefix: 'tend-demo',
    signingSecret,
    keyFile: KEY_FILE,
    ports,
    logDir: join(STATE_DIR, 'logs'),
    clockAdjustable: true,
    // Introspection lets GraphQL IDEs explore the demo; production keeps it off (the default). The demo
    // is a development stack, so webhooks may go to a receiver on this machine (README "Event webhooks").
    serviceEnv: {
      OUTBOX_RELAY_EVERY_MS: '500',
      INTROSPECTION: 'true',
      ALLOW_LOOPBACK_WEBHOOKS: 'true',
      WEB_APP_URL: `http://127.0.0.1:${ports.gateway}/`,
    },
  });
  stops.push(stack.stop);
  // What `npm run tend` needs to reach this running demo.
  writeFileSync(
    join(STATE_DIR, 'demo-env.json'),
    JSON.stringify(
      {
        DATABASE_URL: databaseUrl,
        TEND_LOCAL_KEY_FILE: KEY_FILE,
        GATEWAY_SIGNING_SECRET: signingSecret,
        urls: stack.urls,
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );

  const demo = await seed(databaseUrl, stack.graphqlUrl);
  printWelcome(stack.graphqlUrl, demo, await signInLinks(databaseUrl, demo.organizationId, stack.graphqlUrl));
  if (process.env.QUEUE_CONSOLE_PASSWORD) {
    console.log(`Queue console:    ${stack.urls.scheduler}/operator/queues (user operator, QUEUE_CONSOLE_PASSWORD)`);
  }
  console.log(
    `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Logs are in .tend/logs. Press Ctrl-C to stop.`,
  );
} catch (error) {
  console.error(`\nThe demo could not start: ${error.message}`);
  await stopAll(1);
}

async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function graphql(url, token, query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`${body.errors[0].message} (${body.errors[0].extensions?.code})`);
  return body.data;
}

/** Imports a track file (the JSON form, apps/content/track-file.schema.json) as it is, and publishes it. */
async function seedTrack(call, file) {
  const { importTrack } = await call('mutation($input: ImportTrackInput!) { importTrack(input: $input) { id } }', {
    input: { format: 'JSON', json: readFileSync(file, 'utf8') },
  });
  await call('mutation($id: ID!) { publishTrack(id: $id) { id } }', { id: importTrack.id });
  return importTrack.id;
}

/** Seeds once per database: an organization, the demo track, a leader, two learners and their cohort. */
async function seed(databaseUrl, graphqlUrl) {
  if (existsSync(DEMO_FILE)) {
    const saved = JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
    if (saved.databaseUrl === databaseUrl) return saved;
  }
  console.log('Seeding the demo organization...');
  const env = { DATABASE_URL: databaseUrl, TEND_LOCAL_KEY_FILE: KEY_FILE };
  const created = await runServiceCommand(
    'cohorts',
    ['org', 'create', '--name', 'Acme Demo', '--admin-email', 'hr@acme.example', '--admin-name', 'Harriet HR'],
    env,
  );
  const organizationId = /^organization: (\S+)$/m.exec(created)[1];
  const admin = /^token: (\S+)$/m.exec(created)[1];
  const call = (query, variables) => graphql(graphqlUrl, admin, query, variables);

  const trackId = await seedTrack(call, join(ROOT, 'scripts/demo/service-starts-with-leaders.json'));
  for (const file of readdirSync(STARTER_LIBRARY)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    await seedTrack(call, join(STARTER_LIBRARY, file));
  }

  const person = async (input) =>
    (await call('mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }', { input })).createPerson
      .id;
  const leaderId = await person({
    email: 'lee@acme.example',
    name: 'Lee Leader',
    role: 'LEADER',
    timezone: 'America/Chicago',
    teamName: 'Front desk',
  });
  const chicagoId = await person({
    email: 'cam@acme.example',
    name: 'Cam Chicago',
    role: 'LEARNER',
    timezone: 'America/Chicago',
    leaderId,
    teamName: 'Front desk',
  });
  const kolkataId = await person({
    email: 'kiran@acme.example',
    name: 'Kiran Kolkata',
    role: 'LEARNER',
    timezone: 'Asia/Kolkata',
    leaderId,
    teamName: 'Front desk',
  });
  const { createCohort } = await call('mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }', {
    input: {
      name: 'Front desk, winter cohort',
      timezone: 'America/Chicago',
      cadence: { daysOfWeek: [1, 2, 3, 4, 5], lessonTime: '09:00', promptDay: 1, promptTime: '08:30' },
    },
  });
  await call('mutation($id: ID!, $people: [ID!]!) { addCohortMembers(cohortId: $id, personIds: $people) { id } }', {
    id: createCohort.id,
    people: [leaderId, chicagoId, kolkataId],
  });
  // Cohorts learns of the published track through content's event, a moment after publishing.
  for (let attempt = 1; ; attempt++) {
    try {
      await call('mutation($cohort: ID!, $track: ID!) { enrollCohort(cohortId: $cohort, trackId: $track) { id } }', {
        cohort: createCohort.id,
        track: trackId,
      });
      break;
    } catch (error) {
      if (attempt === 50 || !/NOT_FOUND/.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const token = async (email) =>
    /^token: (\S+)$/m.exec(
      await runServiceCommand('cohorts', ['token', '--org', organizationId, '--email', email], env),
    )[1];
  const demo = {
    databaseUrl,
    organizationId,
    tokens: {
      admin,
      leader: await token('lee@acme.example'),
      learnerChicago: await token('cam@acme.example'),
      learnerKolkata: await token('kiran@acme.example'),
    },
  };
  writeFileSync(DEMO_FILE, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}


/** A fresh one-time link to the web app per demo person, each good for 15 minutes (README "The web app"). */
async function signInLinks(databaseUrl, organizationId, graphqlUrl) {
  const env = { DATABASE_URL: databaseUrl, TEND_LOCAL_KEY_FILE: KEY_FILE, WEB_APP_URL: String(new URL('/', graphqlUrl)) };
  const links = {};
  for (const [email] of DEMO_PEOPLE) {
    const printed = await runServiceCommand('cohorts', ['sign-in-link', '--org', organizationId, '--email', email], env);
    links[email] = /^link: (\S+)$/m.exec(printed)[1];
  }
  return links;
}

function printWelcome(graphqlUrl, demo, links) {
  const line = '-'.repeat(72);
  console.log(
    `\n${line}\nTend is running.\n\nWeb app:          ${new URL('/', graphqlUrl)}\nGraphQL endpoint: ${graphqlUrl}\nOrganization:     ${demo.organizationId} (Acme Demo)\n`,
  );
  console.log('Sign in to the web app as one of the demo people (each link works once, within 15 minutes):');
  for (const [email, who] of DEMO_PEOPLE) console.log(`  ${who}:\n    ${links[email]}`);
  console.log('');
  console.log(`Admin (hr@acme.example):\n  export ADMIN_TOKEN=${demo.tokens.admin}\n`);
  console.log(`Leader (lee@acme.example, America/Chicago):\n  export LEADER_TOKEN=${demo.tokens.leader}\n`);
  console.log(`Learner (cam@acme.example, America/Chicago):\n  export LEARNER_TOKEN=${demo.tokens.learnerChicago}\n`);
  console.log(`Learner (kiran@acme.example, Asia/Kolkata):\n  export KOLKATA_TOKEN=${demo.tokens.learnerKolkata}\n`);
  console.log(
    `Try:\n  curl -s ${graphqlUrl} -H "authorization: Bearer $LEARNER_TOKEN" -H 'content-type: application/json' \\\n` +
      `    -d '{"query":"{ today { date timezone streak items { id kind status lesson { title minutes } } } }"}'\n${line}`,
  );
}
