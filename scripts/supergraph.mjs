// `npm run supergraph`: rewrites apps/gateway/supergraph.graphql, the composed supergraph a production
// gateway (SUPERGRAPH_FILE) or another Federation 2 router serves, after a change to any subgraph's schema.
// It starts the three subgraphs from dist/ and composes their SDL with the very spec that `npm test` runs to
// fail when the committed file is out of date, so the file written is the one that spec expects.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestInfrastructure } from './test-infrastructure.mjs';
import { buildIfStale, ensureDependencies, ROOT, tool } from './workspace.mjs';

const SUPERGRAPH = join(ROOT, 'apps/gateway/supergraph.graphql');
const SPEC = 'apps/gateway/test/walking-skeleton.e2e-spec.ts';

ensureDependencies();
if (!buildIfStale()) process.exit(1);
const before = readFileSync(SUPERGRAPH, 'utf8');
const { databaseUrl, redisUrl, stop } = await startTestInfrastructure();
const jest = spawnSync(
  process.execPath,
  [tool('jest/bin/jest.js'), SPEC, '--testNamePattern', 'serves the supergraph that is committed'],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: databaseUrl, TEST_REDIS_URL: redisUrl, UPDATE_SUPERGRAPH: '1' },
  },
);
await stop();
if (jest.status !== 0) {
  console.error('composing the supergraph failed; see the output above');
  process.exit(1);
}
const changed = readFileSync(SUPERGRAPH, 'utf8') !== before;
console.log(`apps/gateway/supergraph.graphql ${changed ? 'rewritten: commit it with the schema change' : 'unchanged'}`);
