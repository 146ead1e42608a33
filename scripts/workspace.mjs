// What `npm test`, `npm run demo` and `npm run tend` need before they can run anything:
// installed dependencies and a compiled dist/. Only Node built-ins here, since it runs before `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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

/** Compiles apps, libs and migrations into dist/ (incremental, so an unchanged tree takes a moment). */
export function build() {
  return run(process.execPath, [tool('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
}
