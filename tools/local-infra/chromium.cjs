// CommonJS so that both Jest (the browser specs) and the ESM scripts (`npm test`) can load it.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');

/** Where Debian's chromium package puts the browser; CHROMIUM_PATH names another. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const NO_CHROMIUM_MESSAGE =
  'The browser specs need Chromium. Set CHROMIUM_PATH to a Chromium or Chrome binary, or install ' +
  "Debian's chromium package (apt-get install chromium), or run `npm test` as root on Debian so it can install it.";

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The Chromium binary the browser specs drive, or undefined when there is none. */
function chromiumPath() {
  const path = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
  return existsSync(path) ? path : undefined;
}

/**
 * Finds Chromium, or installs Debian's package when we are root with apt-get, as `npm test` does
 * for Redis. Returns undefined when neither works.
 */
function ensureChromium(log = console.log) {
  const found = chromiumPath();
  if (found) return found;
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    log('chromium is not installed; installing it with apt-get (Debian package chromium)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  }
  return chromiumPath();
}

module.exports = { chromiumPath, ensureChromium, NO_CHROMIUM_MESSAGE };
