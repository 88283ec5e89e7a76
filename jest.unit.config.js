/**
 * `npm run test:unit`: the fast tier, under a minute on 2 cores — rules and their fixtures, constructs
 * built from props, the engine, adapters, the network analysis, the report renderers, schemas. Left to
 * `npm test` (the full suite CI runs): tests that synthesize the shipped environments, run `npm run
 * synth` or another CLI in a child process, or start external tools (promtool, amtool, Chromium, the
 * SARIF validator, go, ESLint), and the property tests that fuzz the loaders.
 */
const base = require('./jest.config.js');

/** Test files (relative to test/, regexes) that belong to the full suite only, by reason. */
const FULL_SUITE_ONLY = {
  'synthesize the shipped environments': [
    // Construct tests build their construct from props and stay in the unit tier; what the shipped
    // environments declare, synthesized, is tested in test/stacks/shipped-environments/.
    'stacks/',
    'environments/api-limits\\.test',
    'policies/report/contributed-sections\\.test',
    'policies/rules/backup/report-section\\.test',
    'policies/rules/backup/shipped-environments\\.test',
    'policies/rules/delivery/canary-gate\\.test',
    'policies/rules/monitoring/monitoring-stack\\.test',
    'policies/rules/network/plan-zones-synthesized-prod\\.test',
    'policies/profiles-shipped-environments\\.test',
  ],
  'run npm run synth or a CLI in a child process': [
    'main\\.test',
    'cli/',
    'pipeline/(synthesize|typescript-loader)\\.test',
    'lint/',
    'environments/distinct-environments\\.test',
    'policies/check-agrees-with-synth\\.test',
    'policies/check-cli\\.test',
    'policies/renewals\\.test',
    'policies/network/cli\\.test',
    'policies/network/graphviz\\.test',
    'policies/rules/backup/synth-gate\\.test',
    'robustness/(atomic-outputs|hostile-input-child-process|output-errors|output-lock|secrets-scan)\\.test',
    'verify/verify-command\\.test',
    'workflows/workflows\\.test',
  ],
  'fuzz inputs by the thousand (property tests) or serve a recorded Kubernetes API over HTTP': ['.*\\.property\\.test', 'verify/cluster\\.test'],
  'start external tools': [
    'constructs/monitoring/(amtool|promtool)\\.test',
    'policies/network/netpol-analyzer-agreement\\.test',
    'policies/report/html\\.test',
    'policies/report/sarif\\.test',
    'policies/rules/monitoring/alertmanager-routing\\.test',
  ],
};

module.exports = {
  ...base,
  // Jest's default is one worker per core minus one, which is a single worker on the 2-core machines this
  // tier must finish in a minute on; its files are CPU-bound and short, so use both cores.
  maxWorkers: '100%',
  testPathIgnorePatterns: [
    '/node_modules/',
    ...Object.values(FULL_SUITE_ONLY)
      .flat()
      .map((pattern) => `<rootDir>/test/${pattern}`),
  ],
};
// Not enumerable: jest warns about every unknown option key of its configuration.
Object.defineProperty(module.exports, 'FULL_SUITE_ONLY', { value: FULL_SUITE_ONLY, enumerable: false });
