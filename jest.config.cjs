// Every project's specs in one run; `npm test` wraps this with Postgres, Redis and a build.
module.exports = {
  // End-to-end specs start four services per file, which takes well over a minute on a busy
  // two-core machine; a stuck one still fails within two.
  testTimeout: 120_000,
  projects: ['<rootDir>/libs/*/jest.config.cjs', '<rootDir>/apps/*/jest.config.cjs'],
};
