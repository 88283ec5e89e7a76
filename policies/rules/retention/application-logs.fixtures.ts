import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';
import { coreDeployment, helmReleaseWith, loki, lokiSingleBinary, terraform } from '../monitoring/fixture-builders';

export const retentionApplicationLogsFixtures: RuleFixtures = {
  ruleId: 'retention/application-logs',
  pass: [
    {
      name: 'single-binary Loki on a persistent volume of the encrypted class',
      terraform: lokiSingleBinary({ enabled: true, storageClass: 'medical-encrypted', size: '2Ti' }),
      resource: 'helm_release.loki',
    },
    {
      name: 'persistence disabled but chunks in an object store',
      terraform: lokiSingleBinary({ enabled: false }, { type: 's3', bucketNames: { chunks: 'loki-chunks' } }),
      resource: 'helm_release.loki',
    },
    {
      name: '180 days, longer audit stream',
      terraform: loki({ retention_period: '4320h', retention_stream: [{ selector: '{log_type="audit"}', priority: 1, period: '87672h' }] }),
      resource: 'helm_release.loki',
      message: 'application logs kept 180 days (4320h), no stream shorter',
    },
    {
      name: 'a stream kept exactly 180 days',
      terraform: loki({ retention_period: '4320h', retention_stream: [{ selector: '{namespace="guest-services"}', priority: 1, period: '180d' }] }),
    },
    {
      name: 'retention disabled keeps everything',
      terraform: loki({ retention_period: '24h' }, { retention_enabled: false }),
      message: 'loki.compactor.retention_enabled is not true: Loki deletes no logs',
    },
    { name: 'retention_period 0 keeps logs forever', terraform: loki({ retention_period: 0 }), message: 'application logs kept unlimited' },
    { name: 'retention_period "0" keeps logs forever', terraform: loki({ retention_period: '0' }), message: 'application logs kept unlimited' },
    { name: 'retention_period "0s" keeps logs forever', terraform: loki({ retention_period: '0s' }), message: 'application logs kept unlimited' },
    {
      name: 'loki.structuredConfig overrides a short limits_config',
      terraform: helmReleaseWith('loki', 'loki', '18.11.0', {
        loki: {
          limits_config: { retention_period: '24h' },
          compactor: { retention_enabled: true },
          structuredConfig: { limits_config: { retention_period: '4320h' } },
        },
      }),
      message: 'application logs kept 180 days (4320h)',
    },
  ],
  fail: [
    {
      name: 'Loki persistence disabled: the filesystem store on an emptyDir',
      terraform: lokiSingleBinary({ enabled: false, storageClass: 'medical-encrypted' }),
      resource: 'helm_release.loki',
      message: 'singleBinary.persistence.enabled is false: Loki keeps its filesystem store on an emptyDir, deleted with the pod',
    },
    { name: '90-day default', terraform: loki({ retention_period: '2160h' }), message: 'retention_period is 90 days' },
    {
      name: 'one day short of 180 days',
      terraform: loki({ retention_period: '4296h' }),
      message: 'loki.limits_config.retention_period is 179 days (4296h); expected at least 180 days',
    },
    { name: 'retention_period unset while the compactor deletes', terraform: loki({}), message: 'loki.limits_config.retention_period is unset' },
    {
      name: 'a stream shortened to 30 days',
      terraform: loki({ retention_period: '4320h', retention_stream: [{ selector: '{namespace="guest-services"}', priority: 1, period: '720h' }] }),
      message: 'keeps 30 days',
    },
    {
      name: 'a stream period that is not a duration',
      terraform: loki({ retention_period: '4320h', retention_stream: [{ selector: '{namespace="guest-services"}', priority: 1, period: 'forever' }] }),
      message: 'retention_stream {namespace="guest-services"} keeps "forever"',
    },
    {
      name: 'loki.structuredConfig turns retention on over a disabled compactor',
      terraform: helmReleaseWith('loki', 'loki', '18.11.0', {
        loki: {
          limits_config: { retention_period: '720h' },
          compactor: { retention_enabled: false },
          structuredConfig: { compactor: { retention_enabled: true } },
        },
      }),
      message: 'retention_period is 30 days',
    },
    {
      name: 'values known only after apply fail closed',
      terraform: resource('helm_release', 'loki', { name: 'loki', chart: 'loki', version: '18.11.0', values: ['${var.loki_values}'] }),
      resource: 'helm_release.loki',
      message: 'values[0] is known only after apply; failing closed',
    },
    {
      name: 'core systems without a log store',
      terraform: terraform(coreDeployment('lis', 'lis')),
      resource: 'helm_release (loki)',
      message: 'prod runs core systems but has no Loki helm_release',
    },
  ],
};
