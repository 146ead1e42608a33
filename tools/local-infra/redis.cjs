// CommonJS so that both Jest (a test that restarts its own Redis) and the ESM scripts can load it.
const { spawn, spawnSync } = require('node:child_process');
const { createConnection } = require('node:net');
const { freePort } = require('./free-port.cjs');

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Finds a redis-server: on PATH, or else installed from Debian's packages when
 * we are root with apt-get. Returns undefined when neither works.
 */
function findRedisServer(log = console.log) {
  if (onPath('redis-server')) return 'redis-server';
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    log('redis-server is not installed; installing it with apt-get (Debian package redis-server)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
    if (install.status === 0 && onPath('redis-server')) return 'redis-server';
  }
  return undefined;
}

const NO_REDIS_MESSAGE =
  'Tend needs Redis. Set REDIS_URL to a running Redis, or put redis-server on PATH, ' +
  'or run this command as root on Debian so it can install the redis-server package with apt-get.';

/**
 * Starts a throwaway Redis on 127.0.0.1 with nothing on disk, and with
 * `noeviction`, since BullMQ loses jobs when Redis evicts keys. `port` lets a
 * test start it again where its clients expect it, as a restarted Redis would be.
 */
async function startLocalRedis({ log = console.log, port: wanted } = {}) {
  const binary = findRedisServer(log);
  if (!binary) throw new Error(NO_REDIS_MESSAGE);
  const port = wanted ?? (await freePort());
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForRedis(port, child);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitForRedis(port, child) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const answered = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('redis-server did not answer within 5 seconds');
}

module.exports = { findRedisServer, NO_REDIS_MESSAGE, startLocalRedis };
