// Every project's specs in one run; `npm test` wraps this with Postgres, Redis and a build.
module.exports = {
  // End-to-end specs start four services per file. The machine is shared by several suites at
  // once (load averages above 20 on 2 cores), where starting a stack alone can take a minute;
  // a stuck spec still fails within three.
  testTimeout: 180_000,
  projects: ['<rootDir>/libs/*/jest.config.cjs', '<rootDir>/apps/*/jest.config.cjs'],
};
