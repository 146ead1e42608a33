// Every project's specs in one run; `npm test` wraps this with Postgres, Redis and a build.
module.exports = {
  projects: ['<rootDir>/libs/*/jest.config.cjs', '<rootDir>/apps/*/jest.config.cjs'],
};
