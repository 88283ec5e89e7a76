/**
 * Jest configuration for the mutation run (`npm run test:mutation`): the tests that exercise the policy
 * rules, and nothing that synthesizes stacks or starts external tools, so each mutant runs in seconds.
 * Stryker picks the tests per mutant from per-test coverage; jest's own `--findRelatedTests` cannot, because
 * the rule files sit outside jest's `roots` (it then ran no test at all and every mutant "survived").
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/policies/rules/fixtures.test.ts',
    '<rootDir>/test/policies/rules/backup/schedule-gaps.test.ts',
    '<rootDir>/test/policies/rules/backup/schedule-gaps.property.test.ts',
    '<rootDir>/test/policies/rules/backup/finding-details.test.ts',
    '<rootDir>/test/policies/rules/backup/data-stores.test.ts',
    '<rootDir>/test/policies/rules/backup/runtime.test.ts',
    '<rootDir>/test/policies/rules/backup/plan-schedule.test.ts',
    '<rootDir>/test/policies/rules/dr/core-systems-present.test.ts',
    '<rootDir>/test/policies/rules/helm/set-name-to-values.test.ts',
    '<rootDir>/test/policies/rules/availability/finding-details.test.ts',
    '<rootDir>/test/policies/rules/delivery/finding-details.test.ts',
    '<rootDir>/test/policies/engine.test.ts',
    '<rootDir>/test/policies/network/rules.test.ts',
    '<rootDir>/test/policies/rules/monitoring/helm-facts.test.ts',
    '<rootDir>/test/policies/rules/retention/finding-details.test.ts',
    '<rootDir>/test/policies/rules/workload/container-check.test.ts',
    '<rootDir>/test/policies/rules/rbac/finding-details.test.ts',
    '<rootDir>/test/policies/rules/secrets/patterns.test.ts',
    '<rootDir>/test/policies/rules/namespace/pod-security-restricted.test.ts',
  ],
  reporters: ['default'],
  // Stryker runs jest once per mutant; the temp-folder guard runs with `npm test`.
  globalSetup: undefined,
  globalTeardown: undefined,
  setupFiles: ['<rootDir>/test/support/mutation-setup.ts'],
};
