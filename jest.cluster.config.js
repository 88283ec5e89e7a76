/** `npm run test:cluster`: the real-cluster tests only (test/cluster/*.cluster.ts), one at a time. */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.cluster.ts'],
  testTimeout: 300000,
  // The control plane's build cache and logs outlive a run by design; the temp-folder guard is for `npm test`.
  globalSetup: undefined,
  globalTeardown: undefined,
};
