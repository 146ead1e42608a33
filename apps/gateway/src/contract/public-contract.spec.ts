import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { contractViolations, publicSchemaOf, unreleasedBreakingEntries } from './public-contract';

const ROOT = resolve(__dirname, '../../../..');
const SUPERGRAPH = resolve(ROOT, 'apps/gateway/supergraph.graphql');
const RELEASED = resolve(ROOT, 'apps/gateway/released-schema.graphql');
const CHANGELOG = resolve(ROOT, 'CHANGELOG.md');

const RELEASED_HEADER =
  '# The public schema of the last release named in CHANGELOG.md, written by `npm run release-schema`.\n' +
  '# npm test compares the committed supergraph with it (apps/gateway/src/contract/).\n';

const CHANGELOG_WITHOUT_ENTRIES = `# Changelog

## Unreleased

### Breaking changes

## 0.1.0
`;

function withUnreleased(entries: string): string {
  return CHANGELOG_WITHOUT_ENTRIES.replace('### Breaking changes\n', `### Breaking changes\n\n${entries}\n`);
}

const RELEASED_SDL = `
type Query { track(id: ID!): Track }
type Track { id: ID! title: String! summary: String }
`;

describe('the public contract', () => {
  it('the committed supergraph keeps the released contract, or the changelog names each break with its migration path', async () => {
    const current = publicSchemaOf(readFileSync(SUPERGRAPH, 'utf8'));
    // `npm run release-schema` records the schema of a release being cut.
    if (process.env.RELEASE_SCHEMA === '1') writeFileSync(RELEASED, `${RELEASED_HEADER}${current}\n`);
    const violations = await contractViolations(
      readFileSync(RELEASED, 'utf8'),
      current,
      readFileSync(CHANGELOG, 'utf8'),
    );
    expect(violations).toEqual([]);
  });

  it('a field removed since the release fails the check until the changelog names it with a migration path', async () => {
    const current = 'type Query { track(id: ID!): Track }\ntype Track { id: ID! title: String! }';
    const [violation] = await contractViolations(RELEASED_SDL, current, CHANGELOG_WITHOUT_ENTRIES);
    expect(violation).toMatch(/Field 'summary' was removed from object type 'Track'.*`Track.summary`/);

    const named = withUnreleased('- `Track.summary`: removed.');
    expect(await contractViolations(RELEASED_SDL, current, named)).toHaveLength(1);
    const migrated = withUnreleased(
      "- `Track.summary`: removed.\n  Migration: read the first lesson's `body`, which has held the summary since 0.2.",
    );
    expect(await contractViolations(RELEASED_SDL, current, migrated)).toEqual([]);
  });

  it('an entry of a released version does not excuse a break made since', async () => {
    const current = 'type Query { track(id: ID!): Track }\ntype Track { id: ID! title: String! }';
    const changelog = `${CHANGELOG_WITHOUT_ENTRIES}\n### Breaking changes\n\n- \`Track.summary\`: removed. Migration: none.\n`;
    expect(await contractViolations(RELEASED_SDL, current, changelog)).toHaveLength(1);
  });

  it('a type changed under a field, or an argument made required, is a break too; an added field is not', async () => {
    const current = `
      type Query { track(id: ID!, locale: String!): Track }
      type Track { id: ID! title: String summary: String tags: [String!]! }`;
    const violations = await contractViolations(RELEASED_SDL, current, CHANGELOG_WITHOUT_ENTRIES);
    expect(violations.map((violation) => /\(`([^`]+)`\)/.exec(violation)?.[1]).sort()).toEqual([
      'Query.track.locale',
      'Track.title',
    ]);
  });

  it('a deprecation needs a reason that tells clients what to use instead', async () => {
    const current = `
      type Query { track(id: ID!): Track }
      type Track { id: ID! title: String! summary: String @deprecated }`;
    expect(await contractViolations(RELEASED_SDL, current, CHANGELOG_WITHOUT_ENTRIES)).toEqual([
      '`Track.summary` is deprecated without a reason: say what to use instead, @deprecated(reason: "...")',
    ]);
    const explained = current.replace('@deprecated', '@deprecated(reason: "Use the first lesson\'s body")');
    expect(await contractViolations(RELEASED_SDL, explained, CHANGELOG_WITHOUT_ENTRIES)).toEqual([]);
  });

  it('reads each breaking entry of the Unreleased section with the paths it names and its migration', () => {
    const changelog = withUnreleased(
      '- `Track.summary` and `Query.tracks.status`: removed.\n  Migration: filter by `Track.status`.\n- `Role.COACH`: gone.',
    );
    expect(unreleasedBreakingEntries(changelog)).toEqual([
      { paths: ['Track.summary', 'Query.tracks.status', 'Track.status'], migration: 'filter by `Track.status`.' },
      { paths: ['Role.COACH'], migration: '' },
    ]);
  });
});
