import { spawn, spawnSync } from 'node:child_process';
import { freePort } from './free-port.mjs';

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Finds a redis-server: on PATH, or else installed from Debian's packages when
 * we are root with apt-get. Returns undefined when neither works.
 */
export function findRedisServer(log = console.log) {
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

export const NO_REDIS_MESSAGE =
  'Tend needs Redis. Set REDIS_URL to a running Redis, or put redis-server on PATH, ' +
  'or run this command as root on Debian so it can install the redis-server package with apt-get.';

/**
 * Starts a throwaway Redis on 127.0.0.1 with nothing on disk, and with
 * `noeviction`, since BullMQ loses jobs when Redis evicts keys.
 */
export async function startLocalRedis({ log = console.log } = {}) {
  const binary = findRedisServer(log);
  if (!binary) throw new Error(NO_REDIS_MESSAGE);
  const port = await freePort();
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
  const { createConnection } = await import('node:net');
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
