import type { RuleFixtures } from '../fixtures';
import { coreDeployment, loki, terraform } from '../monitoring/fixture-builders';

export const retentionApplicationLogsFixtures: RuleFixtures = {
  ruleId: 'retention/application-logs',
  pass: [
    { name: '180 days, longer audit stream', terraform: loki({ retention_period: '4320h', retention_stream: [{ selector: '{log_type="audit"}', priority: 1, period: '87672h' }] }) },
    { name: 'retention disabled keeps everything', terraform: loki({ retention_period: '24h' }, { retention_enabled: false }) },
  ],
  fail: [
    { name: '90-day default', terraform: loki({ retention_period: '2160h' }), message: 'retention_period is 90 days' },
    { name: 'a stream shortened to 30 days', terraform: loki({ retention_period: '4320h', retention_stream: [{ selector: '{namespace="guest-services"}', priority: 1, period: '720h' }] }), message: 'keeps 30 days' },
    { name: 'core systems without a log store', terraform: terraform(coreDeployment('lis', 'lis')), message: 'no Loki helm_release' },
  ],
};
