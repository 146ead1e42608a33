// Builds the web app into dist/web, which the gateway serves at / (docs/ARCHITECTURE.md, "The web app").
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The budget for what a learner's phone downloads before the first screen shows. */
const FIRST_SCREEN_BUDGET_BYTES = 150 * 1024;

/**
 * Prints the gzipped JavaScript and CSS of the learner's first screen: the entry chunk, every chunk it
 * imports statically and their CSS (lazy screens are left out, as a learner never loads them), and
 * fails the build past the budget.
 */
function firstScreenSize() {
  return {
    name: 'tend-first-screen-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      const files = new Set();
      const visit = (name) => {
        const chunk = bundle[name];
        if (!chunk || files.has(name)) return;
        files.add(name);
        if (chunk.type !== 'chunk') return;
        chunk.imports.forEach(visit);
        chunk.viteMetadata?.importedCss.forEach((css) => files.add(css));
      };
      visit(entry.fileName);
      const gzipped = [...files].reduce((sum, name) => {
        const file = bundle[name];
        return sum + gzipSync(file.type === 'chunk' ? file.code : file.source).length;
      }, 0);
      const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
      console.log(
        `learner's first screen: ${kb(gzipped)} gzipped JavaScript and CSS in ${files.size} files (budget ${kb(FIRST_SCREEN_BUDGET_BYTES)})`,
      );
      if (gzipped > FIRST_SCREEN_BUDGET_BYTES) this.error('the first screen is over its budget');
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact(), firstScreenSize()],
  build: {
    outDir: `${ROOT}dist/web`,
    emptyOutDir: true,
    // No inline scripts or styles, so the Content-Security-Policy needs no 'unsafe-inline'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
