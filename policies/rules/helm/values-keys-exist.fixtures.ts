import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const kubePrometheusStack = (values: string, extra: Record<string, unknown> = {}) =>
  resource('helm_release', 'kube-prometheus-stack', {
    name: 'kube-prometheus-stack',
    repository: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '88.5.3',
    namespace: 'monitoring',
    atomic: true,
    cleanup_on_fail: true,
    values: [values],
    ...extra,
  });

export const valuesKeysExistFixtures: RuleFixtures = {
  ruleId: 'helm/values-keys-exist',
  pass: [
    {
      name: 'retention, storage, rules map, sub-chart and alertmanager config keys',
      terraform: kubePrometheusStack(
        [
          'prometheus:',
          '  prometheusSpec:',
          '    retention: 30d',
          '    storageSpec: { volumeClaimTemplate: { spec: { storageClassName: medical-encrypted } } }',
          'additionalPrometheusRulesMap: { hospital: { groups: [] } }',
          'grafana: { admin: { existingSecret: grafana-admin } }',
          'alertmanager: { config: { route: { receiver: ops-p3 }, time_intervals: [] } }',
        ].join('\n'),
        { set: [{ name: 'prometheus.prometheusSpec.podMetadata.labels.team', value: 'platform' }] },
      ),
    },
  ],
  fail: [
    {
      name: 'typo prometheusSpec.retension',
      terraform: kubePrometheusStack('prometheus:\n  prometheusSpec:\n    retension: 30d\n'),
      message: 'prometheus.prometheusSpec.retension',
    },
    {
      name: 'typo in a set entry',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', { set: [{ name: 'grafana.admin.existingSecrett', value: 'x' }] }),
      message: 'grafana.admin.existingSecrett',
    },
    {
      name: 'chart version without a key set',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', { version: '10.0.0' }),
      message: 'no key set for chart kube-prometheus-stack 10.0.0',
    },
  ],
};
