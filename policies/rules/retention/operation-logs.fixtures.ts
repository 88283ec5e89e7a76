import type { RuleFixtures } from '../fixtures';
import { coreDeployment, loki, terraform } from '../monitoring/fixture-builders';

const TEN_YEARS = '87672h';

export const retentionOperationLogsFixtures: RuleFixtures = {
  ruleId: 'retention/operation-logs',
  pass: [
    {
      name: 'operation and audit streams kept ten years',
      terraform: loki({
        retention_period: '4320h',
        retention_stream: [
          { selector: '{log_type="operation"}', priority: 2, period: TEN_YEARS },
          { selector: '{log_type="audit"}', priority: 1, period: TEN_YEARS },
        ],
      }),
    },
    { name: 'one regex stream for both, in years', terraform: loki({ retention_period: '180d', retention_stream: [{ selector: '{log_type=~"operation|audit"}', priority: 1, period: '10y' }] }) },
  ],
  fail: [
    {
      name: 'audit stream only three years',
      terraform: loki({
        retention_period: '4320h',
        retention_stream: [
          { selector: '{log_type="operation"}', priority: 2, period: TEN_YEARS },
          { selector: '{log_type="audit"}', priority: 1, period: '26280h' },
        ],
      }),
      message: 'audit logs: 1095 days',
    },
    { name: 'no stream rule, 180-day default', terraform: loki({ retention_period: '4320h' }), message: 'operation logs: 180 days' },
    { name: 'core systems without a log store', terraform: terraform(coreDeployment('emr', 'emr')), message: 'no Loki helm_release' },
  ],
};
