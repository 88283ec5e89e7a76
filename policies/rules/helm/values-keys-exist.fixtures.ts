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
      message: 'every values key exists in kube-prometheus-stack 88.5.3',
    },
    {
      name: 'set entries on a scalar key, an escaped dot, a list index and a sensitive value',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', {
        set: [
          { name: 'grafana.admin.existingSecret', value: 'grafana-admin' },
          { name: 'grafana.grafana\\.ini.log.mode', value: 'console' },
          { name: 'prometheus.prometheusSpec.containers[0].name', value: 'config-reloader' },
        ],
        set_sensitive: [{ name: 'alertmanager.config.global.slack_api_url', value: 'https://hooks.slack.example/T0' }],
      }),
    },
    {
      name: 'no values and no set entries: the chart defaults',
      terraform: kubePrometheusStack('', { values: undefined }),
      message: 'no values set; kube-prometheus-stack 88.5.3 runs with its defaults',
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
    {
      name: 'typo in a set_sensitive entry',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', { set_sensitive: [{ name: 'grafana.admin.existingSecrett', value: 'x' }] }),
      message: 'set_sensitive[0] (grafana.admin.existingSecrett): grafana.admin.existingSecrett',
    },
    {
      name: 'typo in the second values document',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', { values: ['defaultRules: { create: true }\n', 'grafana: { adminUsr: admin }\n'] }),
      message: 'keys not in kube-prometheus-stack 88.5.3: values[1]: grafana.adminUsr',
    },
    {
      name: 'chart version from an unresolvable variable',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', { version: '${var.kps_version}' }),
      message: 'chart/version is known only after apply; failing closed',
    },
    {
      name: 'chart from an unresolvable variable',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', { chart: '${var.kps_chart}' }),
      message: 'chart/version is known only after apply; failing closed',
    },
    {
      name: 'no chart version: the keys cannot be checked',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', { version: undefined }),
      message: 'chart and version must both be set',
    },
    {
      name: 'values list from an unresolvable variable',
      terraform: kubePrometheusStack('', { values: '${var.kps_values}' }),
      message: 'values is known only after apply; failing closed',
    },
    {
      name: 'second values document from an unresolvable variable',
      terraform: kubePrometheusStack('', { values: ['defaultRules: { create: true }\n', '${var.kps_extra_values}'] }),
      message: 'values[1] is known only after apply; failing closed',
    },
    {
      name: 'values document that is not YAML',
      terraform: kubePrometheusStack('prometheus: { prometheusSpec: [unclosed\n'),
      message: 'values[0] is not valid YAML',
    },
    {
      name: 'set name from an unresolvable variable',
      terraform: kubePrometheusStack('defaultRules: { create: true }\n', {
        set: [
          { name: 'grafana.admin.existingSecret', value: 'x' },
          { name: '${var.kps_key}', value: 'x' },
        ],
      }),
      message: 'set[1].name is known only after apply; failing closed',
    },
  ],
};
