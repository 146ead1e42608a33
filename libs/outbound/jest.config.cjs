module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'outbound',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
