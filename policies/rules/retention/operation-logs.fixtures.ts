import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';
import { coreDeployment, loki, lokiSingleBinary, terraform } from '../monitoring/fixture-builders';

const TEN_YEARS = '87672h';

/** Operation and audit streams kept ten years, as the shipped Loki keeps them. */
const TEN_YEAR_LIMITS = { retention_period: '4320h', retention_stream: [{ selector: '{log_type=~"operation|audit"}', priority: 1, period: TEN_YEARS }] };
const lokiStore = (persistence: Record<string, unknown>, storage: Record<string, unknown> = { type: 'filesystem' }) =>
  lokiSingleBinary(persistence, storage, TEN_YEAR_LIMITS);

export const retentionOperationLogsFixtures: RuleFixtures = {
  ruleId: 'retention/operation-logs',
  pass: [
    {
      name: 'single-binary Loki on a persistent volume of the encrypted class',
      terraform: lokiStore({ enabled: true, storageClass: 'medical-encrypted', size: '2Ti' }),
      resource: 'helm_release.loki',
    },
    {
      name: 'persistence disabled but chunks in an object store',
      terraform: lokiStore({ enabled: false }, { type: 's3', bucketNames: { chunks: 'loki-chunks' } }),
      resource: 'helm_release.loki',
    },
    {
      name: 'operation and audit streams kept ten years',
      terraform: loki({
        retention_period: '4320h',
        retention_stream: [
          { selector: '{log_type="operation"}', priority: 2, period: TEN_YEARS },
          { selector: '{log_type="audit"}', priority: 1, period: TEN_YEARS },
        ],
      }),
      resource: 'helm_release.loki',
      message:
        'operation logs: 3653 days (87672h) by retention_stream {log_type="operation"}; audit logs: 3653 days (87672h) by retention_stream {log_type="audit"}',
    },
    {
      name: 'one regex stream for both, exactly ten years',
      terraform: loki({ retention_period: '180d', retention_stream: [{ selector: '{log_type=~"operation|audit"}', priority: 1, period: '10y' }] }),
      message:
        'operation logs: 3650 days (10y) by retention_stream {log_type=~"operation|audit"}; audit logs: 3650 days (10y) by retention_stream {log_type=~"operation|audit"}',
    },
    {
      name: 'a regex group naming both kinds',
      terraform: loki({ retention_period: '180d', retention_stream: [{ selector: '{log_type=~"(audit|operation)"}', priority: 1, period: TEN_YEARS }] }),
      message: 'audit logs: 3653 days (87672h) by retention_stream {log_type=~"(audit|operation)"}',
    },
    {
      name: 'a short stream of another log type (auditd) leaves audit logs to the ten-year default',
      terraform: loki({ retention_period: '87600h', retention_stream: [{ selector: '{log_type="auditd"}', priority: 1, period: '720h' }] }),
      message: 'audit logs: 3650 days (87600h) by retention_period (no stream rule)',
    },
    {
      name: 'retention_period 0 keeps every stream forever',
      terraform: loki({ retention_period: 0 }),
      message: 'operation logs: unlimited by retention_period (no stream rule)',
    },
    {
      name: 'retention disabled keeps everything',
      terraform: loki({ retention_period: '24h' }, { retention_enabled: false }),
      message: 'Loki deletes no logs, operation and audit logs are kept indefinitely',
    },
  ],
  fail: [
    {
      name: 'Loki persistence disabled: the filesystem store on an emptyDir',
      terraform: lokiStore({ enabled: false, storageClass: 'medical-encrypted' }),
      resource: 'helm_release.loki',
      message: 'singleBinary.persistence.enabled is false: Loki keeps its filesystem store on an emptyDir, deleted with the pod',
    },
    {
      name: 'audit stream only three years',
      terraform: loki({
        retention_period: '4320h',
        retention_stream: [
          { selector: '{log_type="operation"}', priority: 2, period: TEN_YEARS },
          { selector: '{log_type="audit"}', priority: 1, period: '26280h' },
        ],
      }),
      message: 'loki.limits_config keeps audit logs: 1095 days (26280h) by retention_stream {log_type="audit"}; expected at least 10 years (3650 days)',
    },
    {
      name: 'one day short of ten years',
      terraform: loki({ retention_period: '180d', retention_stream: [{ selector: '{log_type=~"operation|audit"}', priority: 1, period: '3649d' }] }),
      message: 'operation logs: 3649 days (3649d)',
    },
    {
      name: 'no stream rule, 180-day default',
      terraform: loki({ retention_period: '4320h' }),
      message: 'operation logs: 180 days (4320h) by retention_period (no stream rule)',
    },
    {
      name: 'an audit stream period that is not a duration',
      terraform: loki({ retention_period: '87600h', retention_stream: [{ selector: '{log_type="audit"}', priority: 1, period: 'forever' }] }),
      message: 'keeps audit logs: "forever" by retention_stream {log_type="audit"}',
    },
    {
      name: 'values known only after apply fail closed',
      terraform: resource('helm_release', 'loki', { name: 'loki', chart: 'loki', version: '18.11.0', values: ['${var.loki_values}'] }),
      resource: 'helm_release.loki',
      message: 'values[0] is known only after apply; failing closed',
    },
    {
      name: 'core systems without a log store',
      terraform: terraform(coreDeployment('emr', 'emr')),
      resource: 'helm_release (loki)',
      message: 'prod runs core systems but has no Loki helm_release',
    },
  ],
};
