// What `npm test`, `npm run demo` and `npm run tend` need before they can run anything:
// installed dependencies and a compiled dist/. Only Node built-ins here, since it runs before `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  return result.status === 0;
}

/** Installs dependencies when node_modules is missing or older than the lockfile (`npm ci` fails on these machines; `npm install` honours the lockfile). */
export function ensureDependencies() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lockfile = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs) return;
  console.log('Installing dependencies (npm install)...');
  if (!run('npm', ['install', '--no-audit', '--no-fund'])) {
    console.error('npm install failed; see the output above.');
    process.exit(1);
  }
}

export function tool(relativePath) {
  return join(ROOT, 'node_modules', relativePath);
}

// Written after each successful build, with the time the build started: an edit made while tsc ran is newer, so
// the next call builds again. tsc's own .tsbuildinfo cannot serve, since a build that emits nothing leaves it as it was.
const BUILD_STAMP = join(ROOT, 'dist', '.built-from-sources-at');
// What tsconfig.build.json compiles, and what changes how it compiles.
const SOURCE_ROOTS = ['apps', 'libs', 'migrations', 'bench'];
const BUILD_INPUTS = ['tsconfig.base.json', 'tsconfig.build.json', 'package-lock.json'];

/** Compiles apps, libs and migrations into dist/ (incremental, yet seconds even when nothing changed: tsc still parses the whole program). */
export function build() {
  const startedAt = new Date();
  if (!run(process.execPath, [tool('typescript/bin/tsc'), '-p', 'tsconfig.build.json'])) return false;
  writeFileSync(BUILD_STAMP, '');
  utimesSync(BUILD_STAMP, startedAt, startedAt);
  return true;
}

/**
 * Builds the web app into dist/web, which the gateway serves at `/`: GraphQL Code Generator first
 * checks that the committed typed client matches the schema and the documents, then Vite bundles
 * and prints the learner's first screen's gzipped size.
 */
export function buildWeb() {
  return (
    run(tool('.bin/graphql-codegen'), ['--check', '--config', 'apps/web/codegen.yml'], { stdio: 'pipe' }) ||
    (console.error('apps/web/src/graphql/generated is stale: run `npm run codegen` and commit it.'), false)
  ) && run(tool('.bin/vite'), ['build', '--config', 'apps/web/vite.config.mjs', '--logLevel', 'warn']);
}

/** Builds only when a source, a directory of them or a build setting changed after the last build started. */
export function buildIfStale() {
  const builtAt = existsSync(BUILD_STAMP) ? statSync(BUILD_STAMP).mtimeMs : 0;
  const newest = Math.max(
    ...BUILD_INPUTS.map((file) => statSync(join(ROOT, file)).mtimeMs),
    ...SOURCE_ROOTS.map((dir) => newestMtime(join(ROOT, dir))),
  );
  return newest < builtAt || build();
}

// Directories count too: removing or renaming a file changes only its directory's mtime.
function newestMtime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test' && path !== join(ROOT, 'libs', 'testing')) {
        newest = Math.max(newest, newestMtime(path));
      }
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}
