// `npm run release-schema`: records the public schema of the committed supergraph as the last release
// (apps/gateway/released-schema.graphql), when a release is cut (CHANGELOG.md says how). It runs the
// very spec that `npm test` runs to compare the two, in the mode that writes the file.
import { spawnSync } from 'node:child_process';
import { ensureDependencies, ROOT, tool } from './workspace.mjs';

ensureDependencies();
const jest = spawnSync(
  process.execPath,
  [
    tool('jest/bin/jest.js'),
    'apps/gateway/src/contract/public-contract.spec.ts',
    '--testNamePattern',
    'keeps the released contract',
  ],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, RELEASE_SCHEMA: '1' } },
);
process.exit(jest.status ?? 1);
