/**
 * Models of the series the plan's alerts watch, as exporters publish them (node-exporter,
 * kube-state-metrics, an application's request-duration histogram, the SNMP exporter's APC modules),
 * each for one situation: "this filesystem is 85 % full", "the registration p95 is 1.2 s". The PromQL
 * model (`promql-model.ts`) evaluates an alert in that situation, so a rule proves at which value an
 * alert fires, whatever way its expression is written.
 */
import type { ModelSeries, SeriesModel } from './promql-model';

type Labels = Readonly<Record<string, string>>;

const NODES: readonly Labels[] = [
  { instance: '10.0.1.11:9100', job: 'node-exporter', node: 'node-a', namespace: 'monitoring', service: 'kube-prometheus-stack-prometheus-node-exporter' },
  { instance: '10.0.1.12:9100', job: 'node-exporter', node: 'node-b', namespace: 'monitoring', service: 'kube-prometheus-stack-prometheus-node-exporter' },
];
/** The root filesystem and the container-data filesystem of a node. */
const FILESYSTEMS: readonly Labels[] = [
  { device: '/dev/sda2', fstype: 'ext4', mountpoint: '/' },
  { device: '/dev/sdb1', fstype: 'xfs', mountpoint: '/var/lib/containerd' },
];
/** What a healthy node uses: well below any plausible threshold. */
export const HEALTHY_PERCENT = 5;

const GIB = 1024 ** 3;

/**
 * The node/filesystem pairs of the model; `hot` (an index into them) is at `percent`, the others are
 * healthy. Rules probe each pair in turn, so an alert that watches only `/boot` or one node fails.
 */
export const DISK_SUBJECTS = NODES.flatMap((node) => FILESYSTEMS.map((filesystem) => ({ ...node, ...filesystem })));

export function diskModel(percent: number, hot: number): SeriesModel {
  const size = 500 * GIB;
  const series = (read: (used: number) => number): ModelSeries[] =>
    DISK_SUBJECTS.map((labels, index) => ({ labels, value: read(((index === hot ? percent : HEALTHY_PERCENT) / 100) * size) }));
  return new Map([
    ['node_filesystem_size_bytes', series(() => size)],
    ['node_filesystem_avail_bytes', series((used) => size - used)],
    ['node_filesystem_free_bytes', series((used) => size - used)],
    ['node_filesystem_readonly', series(() => 0)],
  ]);
}

export const NODE_SUBJECTS = NODES;

/** Two CPUs per node; node `hot` busy at `percent`, the other healthy. */
export function cpuModel(percent: number, hot: number): SeriesModel {
  const busy = (index: number) => (index === hot ? percent : HEALTHY_PERCENT) / 100;
  const modes: readonly [string, (load: number) => number][] = [
    ['idle', (load) => 1 - load],
    ['user', (load) => load * 0.7],
    ['system', (load) => load * 0.3],
    ['iowait', () => 0],
    ['steal', () => 0],
  ];
  const cpuSeries: ModelSeries[] = NODES.flatMap((node, index) =>
    ['0', '1'].flatMap((cpu) => modes.map(([mode, share]) => ({ labels: { ...node, cpu, mode }, value: 1e6, rate: share(busy(index)) }))),
  );
  return new Map([
    ['node_cpu_seconds_total', cpuSeries],
    // The recording rules of kube-prometheus-stack's default node rules.
    ['instance:node_cpu_utilisation:rate5m', NODES.map((node, index) => ({ labels: node, value: busy(index) }))],
    ['instance:node_num_cpu:sum', NODES.map((node) => ({ labels: node, value: 2 }))],
  ]);
}

/** Node `hot` uses `percent` of its memory (MemAvailable = free + buffers + page cache), the other is healthy. */
export function memoryModel(percent: number, hot: number): SeriesModel {
  const total = 64 * GIB;
  const available = (index: number) => total * (1 - (index === hot ? percent : HEALTHY_PERCENT) / 100);
  const series = (read: (index: number) => number): ModelSeries[] => NODES.map((labels, index) => ({ labels, value: read(index) }));
  return new Map([
    ['node_memory_MemTotal_bytes', series(() => total)],
    ['node_memory_MemAvailable_bytes', series(available)],
    ['node_memory_MemFree_bytes', series((index) => available(index) * 0.5)],
    ['node_memory_Buffers_bytes', series((index) => available(index) * 0.2)],
    ['node_memory_Cached_bytes', series((index) => available(index) * 0.3)],
    ['instance:node_memory_utilisation:ratio', series((index) => 1 - available(index) / total)],
  ]);
}

/** Bucket bounds a client library publishes by default, plus the plan's own threshold. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SERVICE_LABELS: Labels = { job: 'kubernetes-pods', instance: '10.244.3.17:9102', namespace: 'his', pod: 'app-0' };

/**
 * A request-duration histogram (`<metric>_bucket/_count/_sum` with the plan's labels) whose 95th
 * percentile is `p95` seconds: durations exponentially distributed, so a ratio of buckets
 * (`le="1" / count < 0.95`) and `histogram_quantile(0.95, …)` agree. A quantile below the 95th reads 0:
 * it says nothing about the p95 the plan bounds, so an alert on the median never counts.
 */
export function latencyModel(metric: string, labels: Labels, p95: number, threshold: number): SeriesModel {
  const lambda = Math.log(20) / p95;
  const cdf = (x: number) => (x === Infinity ? 1 : 1 - Math.exp(-lambda * x));
  const requestsPerSecond = 50;
  const base = { ...SERVICE_LABELS, ...labels };
  const quantile = (phi: number) => (phi >= 0.95 ? p95 : 0);
  const bounds = [...new Set([...BUCKETS, threshold])].sort((a, b) => a - b);
  const buckets: ModelSeries[] = [...bounds, Infinity].map((le) => ({
    labels: { ...base, le: le === Infinity ? '+Inf' : String(le) },
    value: 1e6 * cdf(le),
    rate: requestsPerSecond * cdf(le),
    quantile,
  }));
  return new Map([
    [`${metric}_bucket`, buckets],
    [`${metric}_count`, [{ labels: base, value: 1e6, rate: requestsPerSecond }]],
    [`${metric}_sum`, [{ labels: base, value: 1e6 / lambda, rate: requestsPerSecond / lambda }]],
  ]);
}

/** A workload kube-state-metrics reports on: a Deployment or a StatefulSet. */
export interface WatchedWorkload {
  readonly kind: 'deployment' | 'statefulset';
  readonly namespace: string;
  readonly name: string;
}

/**
 * kube-state-metrics' series of the workloads, each with two desired replicas; workload `down` has
 * `available` of them.
 */
export function workloadModel(workloads: readonly WatchedWorkload[], down: number, available: number): SeriesModel {
  const up = (index: number) => (index === down ? available : 2);
  const series = (kind: WatchedWorkload['kind'], read: (index: number) => number): ModelSeries[] =>
    workloads.flatMap((workload, index) =>
      workload.kind === kind
        ? [{ labels: { namespace: workload.namespace, [kind]: workload.name, job: 'kube-state-metrics', instance: '10.244.1.5:8080' }, value: read(index) }]
        : [],
    );
  return new Map([
    ['kube_deployment_status_replicas_available', series('deployment', up)],
    ['kube_deployment_status_replicas_ready', series('deployment', up)],
    ['kube_deployment_status_replicas_unavailable', series('deployment', (index) => 2 - up(index))],
    ['kube_deployment_status_replicas', series('deployment', () => 2)],
    ['kube_deployment_spec_replicas', series('deployment', () => 2)],
    ['kube_statefulset_status_replicas_ready', series('statefulset', up)],
    ['kube_statefulset_status_replicas_available', series('statefulset', up)],
    ['kube_statefulset_status_replicas', series('statefulset', () => 2)],
    ['kube_statefulset_replicas', series('statefulset', () => 2)],
  ]);
}

/**
 * The SNMP exporter's `apcups` module (APC PowerNet-MIB) for one UPS with an environmental probe:
 * `upsBasicOutputStatus` (2 = onLine, 3 = onBattery), `upsAdvBatteryCapacity` (percent),
 * `iemStatusProbeCurrentTemp` (°C).
 */
export const UPS_ONLINE = 2;
export const UPS_ON_BATTERY = 3;
export function machineRoomModel(reading: { readonly outputStatus?: number; readonly batteryPercent?: number; readonly temperature?: number }): SeriesModel {
  const labels = { instance: '10.0.8.11', job: 'snmp-exporter', device: 'ups-a', module: 'apcups' };
  return new Map([
    ['upsBasicOutputStatus', [{ labels, value: reading.outputStatus ?? UPS_ONLINE }]],
    ['upsAdvBatteryCapacity', [{ labels, value: reading.batteryPercent ?? 100 }]],
    ['upsAdvBatteryRunTimeRemaining', [{ labels, value: 360_000 }]],
    ['iemStatusProbeCurrentTemp', [{ labels: { ...labels, iemStatusProbeIndex: '1' }, value: reading.temperature ?? 22 }]],
  ]);
}

/** The registration Deployment and its HPA as kube-state-metrics publishes them. */
export interface RegistrationState {
  readonly namespace: string;
  readonly deployment: string;
  readonly hpa: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Pods the HPA asks for (and the Deployment's spec.replicas). */
  readonly current: number;
  /** Of those, available. */
  readonly available: number;
}

export function registrationModel(state: RegistrationState): SeriesModel {
  const ksm = { job: 'kube-state-metrics', instance: '10.244.1.5:8080', namespace: state.namespace };
  const deployment = [{ ...ksm, deployment: state.deployment }];
  const hpa = [{ ...ksm, horizontalpodautoscaler: state.hpa }];
  const series = (labels: readonly Labels[], value: number): ModelSeries[] => labels.map((entry) => ({ labels: entry, value }));
  return new Map([
    ['kube_deployment_status_replicas_available', series(deployment, state.available)],
    ['kube_deployment_status_replicas_ready', series(deployment, state.available)],
    ['kube_deployment_status_replicas_unavailable', series(deployment, state.current - state.available)],
    ['kube_deployment_status_replicas', series(deployment, state.current)],
    ['kube_deployment_spec_replicas', series(deployment, state.current)],
    ['kube_horizontalpodautoscaler_status_current_replicas', series(hpa, state.current)],
    ['kube_horizontalpodautoscaler_status_desired_replicas', series(hpa, state.current)],
    ['kube_horizontalpodautoscaler_spec_max_replicas', series(hpa, state.maxReplicas)],
    ['kube_horizontalpodautoscaler_spec_min_replicas', series(hpa, state.minReplicas)],
  ]);
}
