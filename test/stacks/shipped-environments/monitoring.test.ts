/** Monitoring as the shipped environments declare it (the construct from props: test/constructs/monitoring/monitoring.test.ts). */
import { parse } from 'yaml';
import { StackArtifacts } from '../../../constructs/artifacts';
import { CHARTS } from '../../../constructs/monitoring';
import { checkValuesKeys } from '../../../policies/helm-values/keys';
import { resourcesOfType, shippedEnvironment, synthEnvironment, type TerraformJson } from '../../support/synth';

const synthesized = new Map<string, { json: TerraformJson; artifacts: ReadonlyMap<string, string> }>();
function environment(name: string) {
  if (!synthesized.has(name)) {
    const { stack, json } = synthEnvironment(shippedEnvironment(name));
    synthesized.set(name, { json, artifacts: StackArtifacts.of(stack).entries() });
  }
  return synthesized.get(name)!;
}
const release = (json: TerraformJson, chart: string) => {
  const matches = Object.values(resourcesOfType(json, 'helm_release')).filter((candidate) => candidate.chart === chart);
  expect(matches).toHaveLength(1);
  return matches[0]!;
};
const valuesOf = (helmRelease: Record<string, any>): any => parse((helmRelease.values as string[])[0]!);

// Each environment is synthesized once per file; on a loaded machine that alone can take a minute.
jest.setTimeout(240_000);

describe('Monitoring in the shipped environments', () => {
  it('installs kube-prometheus-stack 88.5.3 atomically in the monitoring namespace with encrypted storage', () => {
    const { json } = environment('prod');
    const stack = release(json, 'kube-prometheus-stack');
    expect(stack).toMatchObject({
      name: 'kube-prometheus-stack',
      version: '88.5.3',
      repository: 'https://prometheus-community.github.io/helm-charts',
      namespace: 'monitoring',
      atomic: true,
      cleanup_on_fail: true,
    });
    const values = valuesOf(stack);
    expect(values.prometheus.prometheusSpec.retention).toBe('30d');
    expect(values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe('medical-encrypted');
    expect(values.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName).toBe('medical-encrypted');
    expect(values.grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(values.defaultRules.create).toBe(true);
    expect(values.alertmanager.alertmanagerSpec.secrets).toEqual(['alertmanager-receivers']);
    expect(values.prometheus.prometheusSpec.nodeSelector).toEqual({ 'platform.hospital/node-pool': 'management' });
  });

  it('carries exactly the artifact rules and routing in the Helm values', () => {
    for (const name of ['dev', 'prod']) {
      const { json, artifacts } = environment(name);
      const values = valuesOf(release(json, 'kube-prometheus-stack'));
      expect(values.additionalPrometheusRulesMap['hospital-platform']).toEqual(parse(artifacts.get('prometheus-rules.yaml')!));
      expect(values.alertmanager.config).toEqual(parse(artifacts.get('alertmanager.yaml')!));
    }
  });

  it('never uses kubernetes_manifest and puts no credential into values', () => {
    for (const name of ['dev', 'staging', 'prod', 'dr']) {
      const { json } = environment(name);
      expect(json.resource.kubernetes_manifest).toBeUndefined();
      for (const helmRelease of Object.values(resourcesOfType(json, 'helm_release'))) {
        const text = (helmRelease.values as string[] | undefined)?.join('\n') ?? '';
        expect(text).not.toMatch(/^\s*(password|adminPassword|bearer_token|credentials|token):/m);
      }
    }
  });

  it('keeps operation and audit logs ten years and application logs 180 days in Loki on the encrypted class', () => {
    const { json } = environment('prod');
    const loki = release(json, 'loki');
    expect(loki).toMatchObject({ version: '18.11.0', repository: 'https://grafana-community.github.io/helm-charts', namespace: 'monitoring', atomic: true });
    const values = valuesOf(loki);
    expect(values.loki.limits_config.retention_period).toBe('4320h');
    expect(values.loki.limits_config.retention_stream).toEqual([
      { selector: '{log_type="operation"}', priority: 2, period: '87672h' },
      { selector: '{log_type="audit"}', priority: 1, period: '87672h' },
    ]);
    expect(values.loki.compactor.retention_enabled).toBe(true);
    expect(values.singleBinary.persistence.storageClass).toBe('medical-encrypted');
  });

  it('scrapes the machine-room SNMP targets of the environment file (prod) and none where there are none (dev)', () => {
    const snmp = release(environment('prod').json, 'prometheus-snmp-exporter');
    expect(snmp.version).toBe('9.9.0');
    const params = valuesOf(snmp).serviceMonitor.params as { name: string; target: string; module: string[] }[];
    expect(params.map((param) => [param.name, param.target, param.module])).toEqual([
      ['ups-b1-a', '10.0.8.11', ['apcups']],
      ['ups-b1-b', '10.0.8.12', ['apcups']],
      ['env-probe-b1', '10.0.8.21', ['apcups']],
    ]);
    expect(snmp.depends_on).toEqual(expect.arrayContaining([expect.stringContaining('helm_release.')]));
    expect(Object.values(resourcesOfType(environment('dev').json, 'helm_release')).filter((r) => r.chart === 'prometheus-snmp-exporter')).toEqual([]);
  });

  it('ships the dashboards as ConfigMaps the Grafana sidecar loads', () => {
    const { json, artifacts } = environment('prod');
    const maps = Object.values(resourcesOfType(json, 'kubernetes_config_map_v1')).filter((map) => map.metadata?.labels?.grafana_dashboard === '1');
    expect(maps).toHaveLength(1);
    expect(maps[0]!.metadata.namespace).toBe('monitoring');
    const dashboard = JSON.parse(maps[0]!.data['hospital-core-systems.json']);
    expect(dashboard.title).toBe('Hospital core systems');
    expect(JSON.parse(artifacts.get('dashboards/hospital-core-systems.json')!)).toEqual(dashboard);
  });

  it.each(['dev', 'staging', 'prod', 'dr'])('%s: every values key of the monitoring Helm releases exists in the pinned chart', (name) => {
    const { json } = environment(name);
    const monitoringCharts = new Set(Object.values(CHARTS).map((chart) => chart.chart));
    const releases = Object.values(resourcesOfType(json, 'helm_release')).filter((candidate) => monitoringCharts.has(candidate.chart));
    expect(releases.length).toBeGreaterThan(0);
    for (const helmRelease of releases) {
      for (const text of (helmRelease.values as string[] | undefined) ?? []) {
        const check = checkValuesKeys(helmRelease.chart, helmRelease.version, parse(text));
        expect({ chart: `${helmRelease.chart}@${helmRelease.version}`, check }).toEqual({
          chart: `${helmRelease.chart}@${helmRelease.version}`,
          check: { known: true, unknown: [] },
        });
      }
    }
  });
});
