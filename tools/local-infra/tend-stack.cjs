// Starts Tend's four services as processes from the compiled dist/, for the demo and the
// end-to-end tests alike. CommonJS so that both Jest and the ESM scripts can load it.
const { spawn } = require('node:child_process');
const { createWriteStream, mkdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { ensureServiceLogin } = require('./service-login.cjs');

const ROOT = path.resolve(__dirname, '../..');
const SUBGRAPHS = ['content', 'cohorts', 'scheduler'];

function runtimeEnv(extra) {
  return { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.runtime.json'), ...extra };
}

/** With TEND_CPU_PROFILE_DIR set, each service writes a V8 CPU profile there when it stops (README "Benchmarks"). */
function profileArgs() {
  return process.env.TEND_CPU_PROFILE_DIR ? ['-r', path.join(__dirname, 'cpu-profile.cjs')] : [];
}

function entryArgs(app, file, args = []) {
  return ['-r', 'tsconfig-paths/register', path.join(ROOT, 'dist/apps', app, 'src', file), ...args];
}

/** Runs one service's command-line entry point and resolves with what it printed. */
function runServiceCommand(app, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, entryArgs(app, 'cli.js', args), { cwd: ROOT, env: runtimeEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${app} ${args.join(' ')} failed (exit ${code}): ${stderr.trim() || stdout.trim()}`));
    });
  });
}

/** Applies every service's migrations to its own schema, in dependency-free order. */
async function migrateAll(databaseUrl) {
  for (const app of SUBGRAPHS) await runServiceCommand(app, ['migrate'], { DATABASE_URL: databaseUrl });
}

async function waitUntilAnswers(url, child, name, logFile, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode} before it was ready:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready after ${timeoutMs / 1000}s:\n${tail(logFile)}`);
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Every service process this process started, so none outlives it (a test runner killed mid-start, say). */
const running = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function startProcess(app, env, logDir, logName = app) {
  const logFile = path.join(logDir, `${logName}.log`);
  // Appends, so a service started again after a crash keeps what it logged before.
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...profileArgs(), ...entryArgs(app, 'main.js')], {
    cwd: ROOT,
    env: runtimeEnv(env),
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { app, child, logFile, env, logDir, logName };
}

/** Sends `signal` and resolves once the process has exited. */
function signalProcess({ child }, signal) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A graceful stop, made a kill if the process has not exited within ten seconds. */
function stopProcess(handle) {
  const killer = setTimeout(() => handle.child.kill('SIGKILL'), 10_000);
  return signalProcess(handle, 'SIGTERM').finally(() => clearTimeout(killer));
}

/** Starts an exited service again, as its supervisor would: same port, same settings, same log. */
async function restartProcess(handle, url) {
  if (handle.child.exitCode === null && handle.child.signalCode === null) {
    throw new Error(`${handle.logName} is still running`);
  }
  const { child, logFile } = startProcess(handle.app, handle.env, handle.logDir, handle.logName);
  handle.child = child;
  await waitUntilAnswers(`${url}/ready`, child, handle.logName, logFile);
}

/**
 * Starts the three subgraphs, waits until each is ready (Postgres and Redis
 * reachable), then the gateway, which composes the supergraph from them.
 */
async function startStack(options) {
  const {
    databaseUrl,
    redisUrl,
    redisPrefix = 'tend',
    signingSecret,
    keyFile,
    ports,
    logDir,
    clockAdjustable = false,
    logLevel = 'info',
    serviceEnv = {},
    appEnv = {},
  } = options;
  mkdirSync(logDir, { recursive: true });
  const common = {
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    GATEWAY_SIGNING_SECRET: signingSecret,
    TEND_LOCAL_KEY_FILE: keyFile,
    CLOCK_ADJUSTABLE: String(clockAdjustable),
    LOG_LEVEL: logLevel,
    ...serviceEnv,
  };
  const urls = Object.fromEntries([...SUBGRAPHS, 'gateway'].map((app) => [app, `http://127.0.0.1:${ports[app]}`]));
  const processes = [];
  const stop = async () => {
    await Promise.all(processes.map(stopProcess));
  };
  try {
    const subgraphs = SUBGRAPHS.map((app) =>
      startProcess(app, { ...common, ...appEnv[app], PORT: String(ports[app]) }, logDir),
    );
    processes.push(...subgraphs);
    await Promise.all(subgraphs.map((p) => waitUntilAnswers(`${urls[p.app]}/ready`, p.child, p.app, p.logFile)));
    const gateway = startProcess(
      'gateway',
      {
        ...common,
        PORT: String(ports.gateway),
        CONTENT_URL: `${urls.content}/graphql`,
        COHORTS_URL: `${urls.cohorts}/graphql`,
        SCHEDULER_URL: `${urls.scheduler}/graphql`,
      },
      logDir,
    );
    processes.push(gateway);
    await waitUntilAnswers(`${urls.gateway}/health`, gateway.child, 'gateway', gateway.logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  /** One more process of a subgraph (another replica), on a port of its own; `stop()` stops it too. */
  const startReplica = async (app, port, name) => {
    const replica = startProcess(app, { ...common, ...appEnv[app], PORT: String(port) }, logDir, name);
    processes.push(replica);
    const url = `http://127.0.0.1:${port}`;
    await waitUntilAnswers(`${url}/ready`, replica.child, name, replica.logFile);
    return { handle: replica, url };
  };
  return { urls, graphqlUrl: `${urls.gateway}/graphql`, processes, stop, startReplica };
}

module.exports = {
  ROOT,
  SUBGRAPHS,
  ensureServiceLogin,
  migrateAll,
  restartProcess,
  runServiceCommand,
  signalProcess,
  startStack,
};
