module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'scheduler',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
};
