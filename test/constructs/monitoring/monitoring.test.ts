/**
 * Monitoring built from props: given only the alert endpoints and the systems it watches, it installs the
 * operations plan's defaults; what props state replaces them.
 */
import { Testing, TerraformStack } from 'cdktf';
import { parse } from 'yaml';
import { StackArtifacts } from '../../../constructs/artifacts';
import { CHARTS, Monitoring, type MonitoringProps } from '../../../constructs/monitoring';
import { checkValuesKeys } from '../../../policies/helm-values/keys';
import { testingApp } from '../../support/testing-app';

type Json = Record<string, any>;

const props: MonitoringProps = {
  alertmanager: {
    pager: { url: 'https://pager.example/hook', credentials: { secret: 'alertmanager-receivers', key: 'pager-token', scheme: 'Bearer' } },
    ticket: { url: 'https://tickets.example/hook' },
    chat: { url: 'https://chat.example/hook' },
    deadMansSwitch: { url: 'https://dms.example/hook' },
  },
  systems: [
    { name: 'registration', namespace: 'his', core: true },
    { name: 'lis', namespace: 'lis', core: true },
    { name: 'guest-portal', namespace: 'guest-services', core: false },
  ],
  registrationReplicas: { min: 5, max: 10 },
  placement: { nodeSelector: { 'platform.hospital/node-pool': 'management' }, tolerations: [] },
};
const SNMP_TARGETS = [
  { name: 'ups-b1-a', address: '10.0.8.11', module: 'apcups', auth: 'public_v2' },
  { name: 'env-probe-b1', address: '10.0.8.21', module: 'apcups', auth: 'public_v2' },
];

function synth(overrides: Partial<MonitoringProps> = {}): { json: Json; artifacts: ReadonlyMap<string, string> } {
  const stack = new TerraformStack(testingApp(), 'test');
  new Monitoring(stack, 'monitoring', { ...props, ...overrides });
  const json = JSON.parse(Testing.synth(stack)) as Json;
  return { json, artifacts: StackArtifacts.of(stack).entries() };
}
const releases = (json: Json): Json[] => Object.values(json.resource.helm_release ?? {});
const release = (json: Json, chart: string): Json => {
  const matches = releases(json).filter((candidate) => candidate.chart === chart);
  expect(matches).toHaveLength(1);
  return matches[0]!;
};
const valuesOf = (helmRelease: Json): any => parse((helmRelease.values as string[])[0]!);

describe('Monitoring from props', () => {
  const { json, artifacts } = synth();
  const withRoom = synth({ machineRoom: { snmpTargets: SNMP_TARGETS }, namespace: 'observability', storageClass: 'ops-encrypted' });

  it('installs kube-prometheus-stack atomically with the plan’s defaults: monitoring namespace, encrypted storage, 30 days', () => {
    const stack = release(json, 'kube-prometheus-stack');
    expect(stack).toMatchObject({
      name: 'kube-prometheus-stack',
      version: CHARTS.kubePrometheusStack.version,
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

  it('takes the namespace and storage class from props', () => {
    const stack = release(withRoom.json, 'kube-prometheus-stack');
    expect(stack.namespace).toBe('observability');
    expect(valuesOf(stack).prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe('ops-encrypted');
    expect(release(withRoom.json, 'loki').namespace).toBe('observability');
  });

  it('carries exactly the artifact rules and routing in the Helm values', () => {
    for (const { json: synthesized, artifacts: written } of [{ json, artifacts }, withRoom]) {
      const values = valuesOf(release(synthesized, 'kube-prometheus-stack'));
      expect(values.additionalPrometheusRulesMap['hospital-platform']).toEqual(parse(written.get('prometheus-rules.yaml')!));
      expect(values.alertmanager.config).toEqual(parse(written.get('alertmanager.yaml')!));
    }
  });

  it('never uses kubernetes_manifest and puts no credential into values', () => {
    for (const synthesized of [json, withRoom.json]) {
      expect(synthesized.resource.kubernetes_manifest).toBeUndefined();
      for (const helmRelease of releases(synthesized)) {
        const text = (helmRelease.values as string[] | undefined)?.join('\n') ?? '';
        expect(text).not.toMatch(/^\s*(password|adminPassword|bearer_token|credentials|token):/m);
      }
    }
  });

  it('keeps operation and audit logs ten years and application logs 180 days in Loki on the encrypted class by default', () => {
    const loki = release(json, 'loki');
    expect(loki).toMatchObject({
      version: CHARTS.loki.version,
      repository: 'https://grafana-community.github.io/helm-charts',
      namespace: 'monitoring',
      atomic: true,
    });
    const values = valuesOf(loki);
    expect(values.loki.limits_config.retention_period).toBe('4320h');
    expect(values.loki.limits_config.retention_stream).toEqual([
      { selector: '{log_type="operation"}', priority: 2, period: '87672h' },
      { selector: '{log_type="audit"}', priority: 1, period: '87672h' },
    ]);
    expect(values.loki.compactor.retention_enabled).toBe(true);
    expect(values.singleBinary.persistence.storageClass).toBe('medical-encrypted');
  });

  it('scrapes the machine-room SNMP targets it is given, after the Prometheus stack, and installs no exporter without targets', () => {
    const snmp = release(withRoom.json, 'prometheus-snmp-exporter');
    expect(snmp.version).toBe(CHARTS.snmpExporter.version);
    const params = valuesOf(snmp).serviceMonitor.params as { name: string; target: string; module: string[] }[];
    expect(params.map((param) => [param.name, param.target, param.module])).toEqual([
      ['ups-b1-a', '10.0.8.11', ['apcups']],
      ['env-probe-b1', '10.0.8.21', ['apcups']],
    ]);
    expect(snmp.depends_on).toEqual(expect.arrayContaining([expect.stringContaining('helm_release.')]));
    expect(releases(json).filter((candidate) => candidate.chart === 'prometheus-snmp-exporter')).toEqual([]);
  });

  it('ships the dashboards as ConfigMaps the Grafana sidecar loads', () => {
    const maps = (Object.values(json.resource.kubernetes_config_map_v1 ?? {}) as Json[]).filter((map) => map.metadata?.labels?.grafana_dashboard === '1');
    expect(maps).toHaveLength(1);
    expect(maps[0]!.metadata.namespace).toBe('monitoring');
    const dashboard = JSON.parse(maps[0]!.data['hospital-core-systems.json']);
    expect(dashboard.title).toBe('Hospital core systems');
    expect(JSON.parse(artifacts.get('dashboards/hospital-core-systems.json')!)).toEqual(dashboard);
  });

  it('sets only values keys the pinned charts have', () => {
    const monitoringCharts = new Set(Object.values(CHARTS).map((chart) => chart.chart));
    const checked = releases(withRoom.json).filter((candidate) => monitoringCharts.has(candidate.chart));
    expect(checked.map((helmRelease) => helmRelease.chart).sort()).toEqual(['kube-prometheus-stack', 'loki', 'prometheus-snmp-exporter']);
    for (const helmRelease of checked) {
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
