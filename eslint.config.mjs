import nx from '@nx/eslint-plugin';

export default [
  { ignores: ['dist/**', 'node_modules/**', 'tmp/**', '.tend/**', '.nx/**', '**/*.cjs', '**/*.mjs', 'apps/web/src/graphql/generated/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // Apps never import each other; a service's code is not imported by another service;
      // libs never import apps (DESIGN §5).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The web app's browser specs use the shared harness; its browser code cannot reach any lib at
            // all, since apps/web/tsconfig.json maps no @tend/* path.
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:content', onlyDependOnLibsWithTags: ['scope:shared', 'scope:content'] },
            { sourceTag: 'scope:cohorts', onlyDependOnLibsWithTags: ['scope:shared', 'scope:cohorts'] },
            { sourceTag: 'scope:scheduler', onlyDependOnLibsWithTags: ['scope:shared', 'scope:scheduler'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data', 'type:util'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:data', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Config classes annotate defaults on purpose: class-transformer converts env strings by the declared type.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
  {
    // Test code reads loosely typed GraphQL responses.
    files: ['libs/testing/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];
