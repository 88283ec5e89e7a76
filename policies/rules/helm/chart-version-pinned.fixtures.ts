import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

export const helmRelease = (body: Record<string, unknown>) =>
  resource('helm_release', 'monitoring', {
    name: 'kube-prometheus-stack',
    repository: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '58.2.1',
    namespace: 'monitoring',
    atomic: true,
    cleanup_on_fail: true,
    ...body,
  });

/** A chart vendored in the repository, referenced by path (no repository, no version). */
export const vendoredRelease = (chart: string, body: Record<string, unknown> = {}) =>
  helmRelease({ repository: undefined, version: undefined, chart, ...body });

export const chartVersionPinnedFixtures: RuleFixtures = {
  ruleId: 'helm/chart-version-pinned',
  pass: [
    { name: 'exact version', terraform: helmRelease({}), message: 'chart kube-prometheus-stack pinned to 58.2.1' },
    {
      name: 'exact version with v prefix, pre-release and build metadata',
      terraform: helmRelease({ version: 'v1.4.0-rc.1+build.7' }),
      message: 'pinned to v1.4.0-rc.1+build.7',
    },
    {
      name: 'vendored chart under ./ without a version',
      terraform: vendoredRelease('./charts/his-gateway'),
      message: 'local chart ./charts/his-gateway is vendored',
    },
    {
      name: 'vendored chart under ../ without a version',
      terraform: vendoredRelease('../shared/charts/his-gateway'),
      message: 'local chart ../shared/charts/his-gateway is vendored',
    },
    {
      name: 'vendored chart at an absolute path without a version',
      terraform: vendoredRelease('/opt/charts/his-gateway'),
      message: 'local chart /opt/charts/his-gateway is vendored',
    },
  ],
  fail: [
    { name: 'no version', terraform: helmRelease({ version: undefined }), message: 'version is unset (installs the latest chart of kube-prometheus-stack)' },
    { name: 'version range', terraform: helmRelease({ version: '~58.2' }), message: '"~58.2" is not an exact version' },
    {
      name: 'version from an unresolvable variable',
      terraform: helmRelease({ version: '${var.chart_version}' }),
      message: 'version is known only after apply; failing closed',
    },
    {
      name: 'vendored chart with a version range',
      terraform: vendoredRelease('./charts/his-gateway', { version: '^1.0' }),
      message: '"^1.0" is not an exact version',
    },
    {
      name: 'chart alias that only looks like a path (charts/…)',
      terraform: helmRelease({ chart: 'charts/his-gateway', version: undefined }),
      message: 'version is unset',
    },
  ],
};
