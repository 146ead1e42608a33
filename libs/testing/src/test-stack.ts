import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import {
  issueAccessToken,
  loadOrCreateLocalSigningKey,
  LOCAL_TOKEN_AUDIENCE,
  PersonPrincipal,
  PrincipalSigner,
} from '@tend/auth';
import { GraphQLClient } from './graphql-client';
import { createTestDatabase, freePort, testRedisUrl, uniqueSuffix } from './test-infrastructure';

// Plain CommonJS shared with `npm run demo`, so the tests start the services exactly as the demo does.
const tendStack = require(resolve(__dirname, '../../../tools/local-infra/tend-stack.cjs')) as {
  ROOT: string;
  migrateAll(databaseUrl: string): Promise<void>;
  ensureServiceLogin(ownerUrl: string): Promise<string>;
  runServiceCommand(app: string, args: string[], env: Record<string, string>): Promise<string>;
  signalProcess(handle: ServiceHandle, signal: NodeJS.Signals): Promise<void>;
  restartProcess(handle: ServiceHandle, url: string): Promise<void>;
  startStack(options: Record<string, unknown>): Promise<{
    urls: Record<string, string>;
    graphqlUrl: string;
    processes: ServiceHandle[];
    stop(): Promise<void>;
    startReplica(app: string, port: number, name: string): Promise<{ handle: ServiceHandle; url: string }>;
  }>;
};

/** A service process as tend-stack.cjs tracks it: which app, and the environment it was started with. */
interface ServiceHandle {
  app: string;
  env: Record<string, string>;
}

/** A scheduler process the test can crash, stop and start again. */
export interface SchedulerProcess {
  url: string;
  /** Runs one planner pass in this process and says how many deliveries it created. */
  runPlanner(): Promise<number>;
  /** Sends the signal and resolves once the process has exited: SIGTERM is a graceful stop, SIGKILL a crash. */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again as its supervisor would (same port and settings, the stack's clock) and waits until it is ready. */
  start(): Promise<void>;
}

export interface TestStackOptions {
  /** Extra environment for every service, e.g. a lower rate limit. */
  serviceEnv?: Record<string, string>;
  /** `warn` by default; specs that read the logs ask for more. */
  logLevel?: string;
  /** A Redis of the test's own (one it restarts, say) instead of the shared one. */
  redisUrl?: string;
  /** Where the scheduler finds Postgres instead, e.g. a proxy the test cuts; the other services connect directly. */
  schedulerDatabaseAddress?: { host: string; port: number };
}

export interface TestStack {
  /** An anonymous client of the gateway; `.as(token)` signs in. */
  graphql: GraphQLClient;
  urls: Record<'gateway' | 'content' | 'cohorts' | 'scheduler', string>;
  /** The environment the gateway runs with (its secret, key file, Redis), for another router in front of the same subgraphs. */
  gatewayEnv: Record<string, string>;
  /** Where each service's log goes: `<logDir>/<service>.log`. */
  logDir: string;
  /** The database's owner, for assertions over every row; the services connect as the service login. */
  databaseUrl: string;
  /** The prefix of every Redis key the services write, for assertions over what Redis holds. */
  redisPrefix: string;
  /** The login the services connect with (a member of tend_service). */
  serviceDatabaseUrl: string;
  signer: PrincipalSigner;
  /** Moves every service's clock to this instant; time runs on from there. */
  setClock(instant: string): Promise<void>;
  /** Runs one planner pass now and says how many deliveries it created. */
  runPlanner(): Promise<number>;
  /** The scheduler's process. */
  scheduler: SchedulerProcess;
  /** Starts another scheduler process (a second replica, with its own workers and planner) on a port of its own. */
  startSchedulerReplica(): Promise<SchedulerProcess>;
  /** Stops content (SIGTERM) and starts it again as its supervisor would, as an upgrade does. */
  restartContent(): Promise<void>;
  /** Runs a service's command-line entry point (`tend` CLI) against this stack's database. */
  cli(app: string, args: string[]): Promise<string>;
  /** A token the local key signs, as `tend token` would print. */
  tokenFor(principal: Omit<PersonPrincipal, 'kind'>): string;
  stop(): Promise<void>;
}

/**
 * The four services as separate processes (their GraphQL type registries
 * would clash in one), on a database and Redis prefix of their own.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const suffix = uniqueSuffix();
  const database = await createTestDatabase();
  const keyDir = mkdtempSync(join(tmpdir(), 'tend-test-key-'));
  const keyFile = join(keyDir, 'local-signing-key.json');
  const key = loadOrCreateLocalSigningKey(keyFile);
  const secret = randomBytes(32).toString('hex');
  const signer = new PrincipalSigner(secret);
  const redisPrefix = `tend-test-${suffix}`;
  const logDir = join(tendStack.ROOT, 'tmp', 'e2e-logs', suffix);
  const [gateway, content, cohorts, scheduler] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);

  const redisUrl = options.redisUrl ?? testRedisUrl();

  const { stack, serviceDatabaseUrl } = await prepareDatabase(database.url)
    .then(async (serviceDatabaseUrl) => ({
      serviceDatabaseUrl,
      stack: await tendStack.startStack({
        databaseUrl: serviceDatabaseUrl,
        redisUrl,
        redisPrefix,
        signingSecret: secret,
        keyFile,
        ports: { gateway, content, cohorts, scheduler },
        logDir,
        clockAdjustable: true,
        logLevel: options.logLevel ?? 'warn',
        // The tests run the planner themselves (runPlanner) at the instants they choose. The gateway's
        // event-loop shedding is off: on a CI machine running many stacks at once the loop lags for
        // reasons no story is about (apps/gateway/src/load-shedding/load-shedding.spec.ts tests it).
        serviceEnv: {
          OUTBOX_RELAY_EVERY_MS: '100',
          PLANNER_EVERY_MS: String(60 * 60_000),
          LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: '0',
          ...options.serviceEnv,
        },
        appEnv: options.schedulerDatabaseAddress
          ? { scheduler: { DATABASE_URL: reroute(serviceDatabaseUrl, options.schedulerDatabaseAddress) } }
          : {},
      }),
    }))
    .catch(async (error: unknown) => {
      await database.drop();
      rmSync(keyDir, { recursive: true, force: true });
      throw error;
    });
  const urls = stack.urls as TestStack['urls'];

  const internal = async (url: string, method: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...signer.sign({ kind: 'gateway' }) },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };

  // A process started later (a restart, a replica) gets the stack's time, which ran on since it was set.
  let clockSet: { instant: number; at: number } | undefined;
  const setClockOf = (url: string, instant: Date) => internal(`${url}/internal/clock`, 'PUT', { now: instant });
  const catchUpClock = async (url: string) => {
    if (clockSet) await setClockOf(url, new Date(clockSet.instant + Date.now() - clockSet.at));
  };
  const schedulerProcess = (handle: ServiceHandle, url: string): SchedulerProcess => ({
    url,
    runPlanner: async () => Number((await internal(`${url}/internal/planner/run`, 'POST')).planned),
    stop: async (signal) => {
      runningSchedulers.delete(url);
      await tendStack.signalProcess(handle, signal);
    },
    start: async () => {
      await tendStack.restartProcess(handle, url);
      runningSchedulers.add(url);
      await catchUpClock(url);
    },
  });
  const schedulerHandle = stack.processes.find((handle) => handle.app === 'scheduler');
  if (!schedulerHandle) throw new Error('the stack started no scheduler');
  const contentHandle = stack.processes.find((handle) => handle.app === 'content');
  if (!contentHandle) throw new Error('the stack started no content');
  const gatewayHandle = stack.processes.find((handle) => handle.app === 'gateway');
  if (!gatewayHandle) throw new Error('the stack started no gateway');
  /** The scheduler processes whose clocks `setClock` moves: the ones running. */
  const runningSchedulers = new Set([urls.scheduler]);
  const firstScheduler = schedulerProcess(schedulerHandle, urls.scheduler);
  let replicas = 0;

  return {
    graphql: new GraphQLClient(urls.gateway),
    urls,
    gatewayEnv: { ...gatewayHandle.env },
    logDir,
    databaseUrl: database.url,
    redisPrefix,
    serviceDatabaseUrl,
    signer,
    setClock: async (instant) => {
      clockSet = { instant: new Date(instant).getTime(), at: Date.now() };
      for (const url of [urls.content, urls.cohorts, ...runningSchedulers]) {
        await setClockOf(url, new Date(instant));
      }
    },
    runPlanner: () => firstScheduler.runPlanner(),
    scheduler: firstScheduler,
    startSchedulerReplica: async () => {
      replicas += 1;
      const { handle, url } = await stack.startReplica('scheduler', await freePort(), `scheduler-replica-${replicas}`);
      runningSchedulers.add(url);
      await catchUpClock(url);
      return schedulerProcess(handle, url);
    },
    restartContent: async () => {
      await tendStack.signalProcess(contentHandle, 'SIGTERM');
      await tendStack.restartProcess(contentHandle, urls.content);
      await catchUpClock(urls.content);
    },
    cli: (app, args) =>
      tendStack.runServiceCommand(app, args, { DATABASE_URL: database.url, TEND_LOCAL_KEY_FILE: keyFile }),
    tokenFor: (principal) =>
      issueAccessToken(key.privateKeyPem, principal, { ...LOCAL_TOKEN_AUDIENCE, expiresInSeconds: 3600 }),
    stop: async () => {
      await stack.stop();
      await database.drop();
      await deleteKeys(redisUrl, redisPrefix);
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** Migrates as the database's owner; the services connect with the service login, as in production. */
async function prepareDatabase(ownerUrl: string): Promise<string> {
  await tendStack.migrateAll(ownerUrl);
  return tendStack.ensureServiceLogin(ownerUrl);
}

/** Where a service finds Postgres through another address (a proxy), with the same login and database. */
function reroute(databaseUrl: string, address: { host: string; port: number }): string {
  const url = new URL(databaseUrl);
  url.hostname = address.host;
  url.port = String(address.port);
  return url.toString();
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
