/** Tests are transpiled by SWC (no type-checking per file: `npm test` runs one `tsc --noEmit` first). */
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
};
