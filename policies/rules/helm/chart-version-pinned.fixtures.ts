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

export const chartVersionPinnedFixtures: RuleFixtures = {
  ruleId: 'helm/chart-version-pinned',
  pass: [{ name: 'exact version', terraform: helmRelease({}) }],
  fail: [
    { name: 'no version', terraform: helmRelease({ version: undefined }), message: 'version is unset' },
    { name: 'version range', terraform: helmRelease({ version: '~58.2' }), message: '"~58.2" is not an exact version' },
  ],
};
