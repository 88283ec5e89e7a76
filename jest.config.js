/**
 * `npm test`: the whole suite, what CI runs. `npm run test:unit` (jest.unit.config.js) is the fast tier.
 * Tests are transpiled by SWC (no type-checking per file: `npm test` runs one `tsc --noEmit` first).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // ESM-only dependencies are transpiled to CommonJS for jest's module runtime.
  transformIgnorePatterns: ['/node_modules/(?!(@hpcc-js|@kubernetes/client-node|openid-client|oauth4webapi|jose|@secretlint)/)'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  // The run gets its own temp folder and fails when a test leaves anything in it (test/support/temp-guard.js);
  // folders from test/support/temp-dir.ts are removed after each test file.
  globalSetup: '<rootDir>/test/support/temp-guard-setup.js',
  globalTeardown: '<rootDir>/test/support/temp-guard-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/test/support/temp-cleanup.ts'],
};
