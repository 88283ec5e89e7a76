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

/** kube-prometheus-stack with the given alert rules in additionalPrometheusRulesMap and the standard routing. */
export const prometheusStack = (rules: readonly Json[]): Json => monitoringStack({ alerts: rules as unknown as FixtureAlert[] });

export const coreSystemDown = (expr: string, severity = 'P1'): Json => ({
  alert: 'CoreSystemDown',
  expr,
  for: '2m',
  labels: { severity, system: '{{ $labels.deployment }}' },
});

/** Loki with the given limits and compactor settings. */
export const loki = (limits: Json, compactor: Json = { retention_enabled: true, delete_request_store: 'filesystem' }): Json =>
  helmReleaseWith('loki', 'loki', '18.11.0', { loki: { limits_config: limits, compactor } });

/** Loki as constructs/monitoring ships it: single binary, its filesystem store on a persistent volume (or not). */
export const lokiSingleBinary = (persistence: Json, storage: Json = { type: 'filesystem' }, limits: Json = { retention_period: '4320h' }): Json =>
  helmReleaseWith('loki', 'loki', '18.11.0', {
    deploymentMode: 'Monolithic',
    loki: { storage, limits_config: limits, compactor: { retention_enabled: true, delete_request_store: 'filesystem' } },
    singleBinary: { replicas: 1, persistence },
  });

export { terraform };

/** An alert rule as additionalPrometheusRulesMap holds it. */
export interface FixtureAlert {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
}

const FS = 'fstype!~"tmpfs|overlay|squashfs|ramfs|nsfs",mountpoint!=""';

/** The platform's alert rules as constructs/monitoring writes them (the plan's numbers, compliant). */
export const STANDARD_ALERTS: readonly FixtureAlert[] = [
  {
    alert: 'CoreSystemDown',
    expr: 'max by (namespace, deployment) (kube_deployment_status_replicas_available{namespace=~"his|emr|lis",deployment=~"registration|billing|emr|lis"}) < 1',
    for: '2m',
    labels: { severity: 'P1', system: '{{ $labels.deployment }}' },
  },
  {
    alert: 'RegistrationLatencyHigh',
    expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="registration"}[5m]))) > 1',
    for: '5m',
    labels: { severity: 'P2', system: 'registration' },
  },
  {
    alert: 'LabResultQueryLatencyHigh',
    expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="lis",handler="/api/lab-results"}[5m]))) > 0.5',
    for: '5m',
    labels: { severity: 'P2', system: 'lis' },
  },
  {
    alert: 'NodeDiskUsageHigh',
    expr: `100 * (1 - node_filesystem_avail_bytes{${FS}} / node_filesystem_size_bytes{${FS}}) >= 80`,
    for: '5m',
    labels: { severity: 'P3', system: 'infrastructure' },
  },
  {
    alert: 'NodeCPUHigh',
    expr: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))) > 90',
    for: '15m',
    labels: { severity: 'P3', system: 'infrastructure' },
  },
  {
    alert: 'NodeMemoryHigh',
    expr: '100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > 90',
    for: '15m',
    labels: { severity: 'P3', system: 'infrastructure' },
  },
  { alert: 'UPSOnBattery', expr: 'upsBasicOutputStatus == 3', for: '1m', labels: { severity: 'P1', system: 'machine-room' } },
  { alert: 'UPSBatteryLow', expr: 'upsAdvBatteryCapacity < 50', for: '1m', labels: { severity: 'P1', system: 'machine-room' } },
  {
    alert: 'MachineRoomTemperatureOutOfRange',
    expr: 'abs(iemStatusProbeCurrentTemp - 22) > 2',
    for: '10m',
    labels: { severity: 'P2', system: 'machine-room' },
  },
  {
    alert: 'RegistrationCapacityLow',
    expr: 'max by (namespace, deployment) (kube_deployment_status_replicas_available{namespace="his",deployment="registration"}) < 5',
    for: '5m',
    labels: { severity: 'P2', system: 'registration' },
  },
  {
    alert: 'RegistrationAtMaxCapacity',
    expr: 'max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas{namespace="his",horizontalpodautoscaler="registration"}) >= on (namespace, horizontalpodautoscaler) max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{namespace="his",horizontalpodautoscaler="registration"})',
    for: '5m',
    labels: { severity: 'P2', system: 'registration' },
  },
];

export const PAGER_URL = 'https://pager-gateway.hospital.internal/api/v1/prod/alerts';
/** The Secret constructs/monitoring mounts into Alertmanager, and the pager token read from it. */
export const RECEIVER_SECRET = 'alertmanager-receivers';
export const PAGER_CREDENTIALS = { authorization: { type: 'Bearer', credentials_file: `/etc/alertmanager/secrets/${RECEIVER_SECRET}/pager-token` } };
export const TICKET_URL = 'https://itsm.hospital.internal/api/alertmanager/prod';
const CHAT_URL = 'https://chat-bridge.hospital.internal/hooks/ops-prod';

type Route = Record<string, unknown>;
const levelRoute = (level: string, receiver: string, groupWait: string, groupInterval: string, repeat: string): Route => ({
  receiver,
  matchers: [`severity="${level}"`],
  group_wait: groupWait,
  group_interval: groupInterval,
  repeat_interval: repeat,
});

/** Alertmanager routing by incident level as constructs/monitoring writes it (P1 pages). */
export function standardAlertmanagerConfig(): Json {
  return {
    global: { resolve_timeout: '5m' },
    route: {
      receiver: 'ops-p3',
      group_by: ['alertname', 'system'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '2h',
      routes: [
        { receiver: 'dead-mans-switch', matchers: ['alertname="Watchdog"'], group_wait: '0s', group_interval: '1m', repeat_interval: '1m' },
        levelRoute('P1', 'oncall-p1', '10s', '1m', '15m'),
        levelRoute('P2', 'ops-p2', '30s', '5m', '1h'),
        levelRoute('P3', 'ops-p3', '30s', '5m', '2h'),
      ],
    },
    inhibit_rules: [{ source_matchers: ['severity="P1"'], target_matchers: ['severity=~"P2|P3"'], equal: ['system'] }],
    receivers: [
      { name: 'oncall-p1', webhook_configs: [{ url: PAGER_URL, http_config: PAGER_CREDENTIALS }, { url: TICKET_URL }, { url: CHAT_URL }] },
      { name: 'ops-p2', webhook_configs: [{ url: TICKET_URL }, { url: CHAT_URL }] },
      { name: 'ops-p3', webhook_configs: [{ url: TICKET_URL }] },
      { name: 'dead-mans-switch', webhook_configs: [{ url: 'https://heartbeat.hospital.internal/ping/alertmanager-prod', send_resolved: false }] },
    ],
  };
}

export interface StackOptions {
  readonly alerts?: readonly FixtureAlert[];
  readonly alertmanager?: Json;
  /** Extra values merged at the top level (prometheus, alertmanager.alertmanagerSpec, …). */
  readonly values?: Json;
  readonly set?: readonly { name: string; value: string }[];
}

/** kube-prometheus-stack with the standard alerts and routing unless told otherwise. */
export function monitoringStack(options: StackOptions = {}): Json {
  const values: Json = {
    additionalPrometheusRulesMap: { 'hospital-platform': { groups: [{ name: 'hospital', rules: options.alerts ?? STANDARD_ALERTS }] } },
    ...(options.values ?? {}),
    alertmanager: {
      ...((options.values?.alertmanager as Json | undefined) ?? {}),
      alertmanagerSpec: { secrets: [RECEIVER_SECRET], ...(((options.values?.alertmanager as Json | undefined)?.alertmanagerSpec as Json | undefined) ?? {}) },
      config: options.alertmanager ?? standardAlertmanagerConfig(),
    },
  };
  const release = helmReleaseWith('kube-prometheus-stack', 'kube-prometheus-stack', '88.5.3', values);
  if (options.set) ((release.resource as Json).helm_release as Record<string, Json>)['kube-prometheus-stack']!.set = options.set;
  return release;
}

/** The standard alerts with one changed (`patch`) or removed (`null`). */
export function alertsWith(name: string, patch: Partial<FixtureAlert> | null): FixtureAlert[] {
  return STANDARD_ALERTS.flatMap((alert) =>
    alert.alert !== name ? [alert] : patch === null ? [] : [{ ...alert, ...patch, labels: { ...alert.labels, ...(patch.labels ?? {}) } }],
  );
}

/** The standard Alertmanager config with the route of one level changed. */
export function routingWith(level: string, patch: Route): Json {
  const config = standardAlertmanagerConfig();
  const route = config.route as { routes: Route[] };
  route.routes = route.routes.map((entry) => ((entry.matchers as string[])[0] === `severity="${level}"` ? { ...entry, ...patch } : entry));
  return config;
}

/** A clinical Deployment the plan names, so the environment carries clinical systems. */
export const clinicalWorkload = (): Json => workload('kubernetes_deployment_v1', 'registration', { namespace: 'his' });

/** The production machine room's devices as environments/prod.yaml lists them (two UPS, one environment probe). */
export const PROD_ROOM: readonly Json[] = [
  { name: 'ups-b1-a', target: '10.0.8.11', module: ['apcups'], auth: ['public_v2'] },
  { name: 'ups-b1-b', target: '10.0.8.12', module: ['apcups'], auth: ['public_v2'] },
  { name: 'env-probe-b1', target: '10.0.8.21', module: ['apcups'], auth: ['public_v2'] },
];

/** The SNMP exporter as constructs/monitoring configures it. */
export const snmpExporter = (params: readonly Json[] = PROD_ROOM, serviceMonitor: Json = {}): Json =>
  helmReleaseWith('snmp-exporter', 'prometheus-snmp-exporter', '9.9.0', {
    serviceMonitor: { enabled: true, selector: { release: 'kube-prometheus-stack' }, params, ...serviceMonitor },
  });
