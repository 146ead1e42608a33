// Every project's specs in one run; `npm test` wraps this with Postgres, Redis and a build.
module.exports = {
  // End-to-end specs start four services per file; a stuck one still fails within a minute.
  testTimeout: 60_000,
  projects: ['<rootDir>/libs/*/jest.config.cjs', '<rootDir>/apps/*/jest.config.cjs'],
};
