import type { RuleFixtures } from '../fixtures';
import { helmRelease, vendoredRelease } from './chart-version-pinned.fixtures';

export const repositoryHttpsOrOciFixtures: RuleFixtures = {
  ruleId: 'helm/repository-https-or-oci',
  pass: [
    { name: 'https repository', terraform: helmRelease({}), message: 'repository https://prometheus-community.github.io/helm-charts' },
    {
      name: 'OCI chart URL',
      terraform: helmRelease({ repository: undefined, chart: 'oci://registry.hospital.example/charts/falco' }),
      message: 'chart URL oci://registry.hospital.example/charts/falco',
    },
    { name: 'vendored chart referenced by path', terraform: vendoredRelease('./charts/his-gateway'), message: 'local chart ./charts/his-gateway is vendored' },
  ],
  fail: [
    { name: 'plain http repository', terraform: helmRelease({ repository: 'http://charts.internal' }), message: 'neither https:// nor oci://' },
    { name: 'repository alias', terraform: helmRelease({ repository: undefined, chart: 'bitnami/postgresql' }), message: 'has no repository' },
    {
      name: 'repository from an unresolvable variable',
      terraform: helmRelease({ repository: '${var.chart_repository}' }),
      message: 'repository is known only after apply; failing closed',
    },
    {
      name: 'no repository and the chart from an unresolvable variable',
      terraform: helmRelease({ repository: undefined, chart: '${var.chart}' }),
      message: 'chart is known only after apply; failing closed',
    },
  ],
};
