// The web app's specs are stories in a real browser against the real stack; its components have no
// unit specs of their own, since what they do is what a person sees.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
};
