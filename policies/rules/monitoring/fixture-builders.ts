import { stringify } from 'yaml';
import { resource, terraform, workload } from '../fixture-builders';

type Json = Record<string, unknown>;

/** A core Deployment (label platform.hospital/tier=core) in `namespace`. */
export const coreDeployment = (name: string, namespace: string, tier = 'core'): Json =>
  workload('kubernetes_deployment_v1', name, { namespace, labels: { 'platform.hospital/tier': tier } });

/** A helm_release of `chart` whose values are the YAML of `values`. */
export const helmReleaseWith = (name: string, chart: string, version: string, values: Json): Json =>
  resource('helm_release', name, {
    name,
    chart,
    version,
    repository: 'https://charts.example.org',
    namespace: 'monitoring',
    atomic: true,
    cleanup_on_fail: true,
    values: [stringify(values)],
  });

/** kube-prometheus-stack with the given alert rules in additionalPrometheusRulesMap. */
export const prometheusStack = (rules: readonly Json[]): Json =>
  helmReleaseWith('kube-prometheus-stack', 'kube-prometheus-stack', '88.5.3', { additionalPrometheusRulesMap: { hospital: { groups: [{ name: 'availability', rules }] } } });

export const coreSystemDown = (expr: string, severity = 'P1'): Json => ({ alert: 'CoreSystemDown', expr, for: '2m', labels: { severity, system: '{{ $labels.deployment }}' } });

/** Loki with the given limits and compactor settings. */
export const loki = (limits: Json, compactor: Json = { retention_enabled: true, delete_request_store: 'filesystem' }): Json =>
  helmReleaseWith('loki', 'loki', '18.11.0', { loki: { limits_config: limits, compactor } });

export { terraform };
