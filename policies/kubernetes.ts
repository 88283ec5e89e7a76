/**
 * Kubernetes-provider knowledge shared by rules: which resource types are workloads, where their pod
 * spec sits, and how to list every container (init containers included).
 */
import { LABELS, LABEL_VALUES } from './labels';
import type { Resource } from './model';
import * as model from './model';
import * as values from './values';
import type { Values } from './values';

// tsx compiles every use of an imported binding into a getter call on the exporting module, which
// costs more than the call itself in these helpers every rule runs per resource: read them once.
const { isUnknown } = model;
const { block, blocks, get, isObject, str } = values;

/** Both the unversioned (deprecated) and the versioned resource types of the kubernetes provider. */
const versions = (base: string, versioned = `${base}_v1`): string[] => [base, versioned];

export const POD_TYPES = versions('kubernetes_pod');
export const DEPLOYMENT_TYPES = versions('kubernetes_deployment');
export const STATEFUL_SET_TYPES = versions('kubernetes_stateful_set');
export const DAEMON_SET_TYPES = versions('kubernetes_daemonset', 'kubernetes_daemon_set_v1');
export const JOB_TYPES = versions('kubernetes_job');
export const CRON_JOB_TYPES = versions('kubernetes_cron_job');
export const REPLICATION_CONTROLLER_TYPES = versions('kubernetes_replication_controller');

/** Every resource type that runs containers. */
export const WORKLOAD_TYPES: readonly string[] = [
  ...POD_TYPES,
  ...DEPLOYMENT_TYPES,
  ...STATEFUL_SET_TYPES,
  ...DAEMON_SET_TYPES,
  ...JOB_TYPES,
  ...CRON_JOB_TYPES,
  ...REPLICATION_CONTROLLER_TYPES,
];
/** Workloads whose pods are expected to keep running (probes apply), i.e. not run-to-completion. */
export const LONG_RUNNING_TYPES: readonly string[] = WORKLOAD_TYPES.filter((type) => !JOB_TYPES.includes(type) && !CRON_JOB_TYPES.includes(type));
/** Workloads with a replica count an HPA can scale. */
export const SCALABLE_TYPES: readonly string[] = [...DEPLOYMENT_TYPES, ...STATEFUL_SET_TYPES, ...REPLICATION_CONTROLLER_TYPES];

export const HPA_TYPES: readonly string[] = [
  'kubernetes_horizontal_pod_autoscaler',
  'kubernetes_horizontal_pod_autoscaler_v1',
  'kubernetes_horizontal_pod_autoscaler_v2',
  'kubernetes_horizontal_pod_autoscaler_v2beta2',
];
export const PDB_TYPES = versions('kubernetes_pod_disruption_budget');
export const NAMESPACE_TYPES = versions('kubernetes_namespace');
export const PVC_TYPES = versions('kubernetes_persistent_volume_claim');
export const SECRET_TYPES = versions('kubernetes_secret');
export const ROLE_TYPES: readonly string[] = [...versions('kubernetes_role'), ...versions('kubernetes_cluster_role')];
export const BINDING_TYPES: readonly string[] = [...versions('kubernetes_role_binding'), ...versions('kubernetes_cluster_role_binding')];

/** Kind names an HPA's `scale_target_ref.kind` uses, per workload type. */
export function workloadKind(type: string): string | undefined {
  if (DEPLOYMENT_TYPES.includes(type)) return 'Deployment';
  if (STATEFUL_SET_TYPES.includes(type)) return 'StatefulSet';
  if (REPLICATION_CONTROLLER_TYPES.includes(type)) return 'ReplicationController';
  if (DAEMON_SET_TYPES.includes(type)) return 'DaemonSet';
  if (JOB_TYPES.includes(type)) return 'Job';
  if (CRON_JOB_TYPES.includes(type)) return 'CronJob';
  if (POD_TYPES.includes(type)) return 'Pod';
  return undefined;
}

/** Path of the pod template (`metadata` + `spec`) inside a workload; '' for a bare pod. */
export function podTemplatePath(type: string): string | undefined {
  if (POD_TYPES.includes(type)) return '';
  if (CRON_JOB_TYPES.includes(type)) return 'spec[0].job_template[0].spec[0].template[0]';
  if (WORKLOAD_TYPES.includes(type)) return 'spec[0].template[0]';
  return undefined;
}

/** Where the pod's labels and spec sit in a workload (undefined for other types). */
export interface PodPaths {
  /** `metadata[0].labels` of the pod template (of the pod itself for a bare pod). */
  readonly labels: string;
  /** The pod spec, e.g. `spec[0].template[0].spec[0]`. */
  readonly spec: string;
}

// Built once per type: rules read these paths for every workload, and a path built per call is
// concatenated and hashed again on each read.
const podPathsByType = new Map<string, PodPaths | null>();

export function podPaths(type: string): PodPaths | undefined {
  let paths = podPathsByType.get(type);
  if (paths === undefined) {
    const template = podTemplatePath(type);
    paths =
      template === undefined
        ? null
        : template === ''
          ? { labels: 'metadata[0].labels', spec: 'spec[0]' }
          : { labels: `${template}.metadata[0].labels`, spec: `${template}.spec[0]` };
    podPathsByType.set(type, paths);
  }
  return paths ?? undefined;
}

export interface PodSpecRef {
  readonly spec: Values;
  /** Path of the pod spec for messages, e.g. `spec[0].template[0].spec[0]`. */
  readonly path: string;
}

// Resources are immutable once an adapter built them, and a dozen rules ask for the same pod spec,
// containers and labels of each workload: compute them once per resource.
const podSpecs = new WeakMap<Resource, PodSpecRef | null>();
const containerLists = new WeakMap<Resource, readonly ContainerRef[]>();
const labelMaps = new WeakMap<Resource, Values>();

/** The pod spec of a workload, or undefined when the resource is no workload or has none. */
export function podSpecOf(resource: Resource): PodSpecRef | undefined {
  let cached = podSpecs.get(resource);
  if (cached === undefined) {
    cached = findPodSpec(resource) ?? null;
    podSpecs.set(resource, cached);
  }
  return cached ?? undefined;
}

function findPodSpec(resource: Resource): PodSpecRef | undefined {
  const path = podPaths(resource.type)?.spec;
  if (path === undefined) return undefined;
  const spec = block(resource.values, path);
  return spec ? { spec, path } : undefined;
}

export interface ContainerRef {
  readonly container: Values;
  readonly name: string;
  readonly init: boolean;
  /** Path for messages, e.g. `spec[0].template[0].spec[0].init_container[0]`. */
  readonly path: string;
}

/** Every container and init container of a workload (init containers first, as Kubernetes runs them). */
export function containersOf(resource: Resource): readonly ContainerRef[] {
  let cached = containerLists.get(resource);
  if (!cached) {
    cached = findContainers(resource);
    containerLists.set(resource, cached);
  }
  return cached;
}

function findContainers(resource: Resource): ContainerRef[] {
  const pod = podSpecOf(resource);
  if (!pod) return [];
  const refs: ContainerRef[] = [];
  for (const [key, init] of [
    ['init_container', true],
    ['container', false],
  ] as const) {
    blocks(pod.spec[key]).forEach((container, index) => {
      refs.push({ container, init, name: str(container.name) ?? `#${index}`, path: `${pod.path}.${key}[${index}]` });
    });
  }
  return refs;
}

/** Labels of the workload object and of its pod template, merged (pod template wins). */
export function workloadLabels(resource: Resource): Values {
  let cached = labelMaps.get(resource);
  if (!cached) {
    cached = mergeWorkloadLabels(resource);
    labelMaps.set(resource, cached);
  }
  return cached;
}

function mergeWorkloadLabels(resource: Resource): Values {
  const own = get(resource.values, 'metadata[0].labels');
  // A bare pod's own labels are its pod labels.
  const pod = podTemplatePath(resource.type) ? get(resource.values, podPaths(resource.type)!.labels) : undefined;
  return { ...(isObject(own) ? own : {}), ...(isObject(pod) ? pod : {}) };
}

/** Labels of the pods a workload creates (what a PDB or Service selector matches). */
export function podLabels(resource: Resource): Values {
  const labels = get(resource.values, podPaths(resource.type)?.labels ?? 'metadata[0].labels');
  return isObject(labels) ? labels : {};
}

/** `metadata.namespace`; `default` when unset, as Kubernetes does. May be an UnknownValue. */
export function namespaceOf(resource: Resource): unknown {
  const namespace = get(resource.values, 'metadata[0].namespace');
  return namespace === undefined || namespace === '' ? 'default' : namespace;
}

/** `metadata.name` (or `metadata.generate_name`) as a string, if known. */
export function objectName(resource: Resource): string | undefined {
  const name = get(resource.values, 'metadata[0].name');
  if (isUnknown(name)) return undefined;
  return str(name) ?? str(get(resource.values, 'metadata[0].generate_name'));
}

/** True when every `matchLabels` entry of a selector is among the labels (an empty selector matches nothing here). */
export function selectorMatches(matchLabels: Values, labels: Values): boolean {
  const entries = Object.entries(matchLabels);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/**
 * The canary track of a gray release (`platform.hospital/track: canary`): a slice of a clinical system
 * running a new image beside its stable Deployment, which carries the system's availability duties.
 */
export function isCanary(resource: Resource): boolean {
  return workloadLabels(resource)[LABELS.track] === LABEL_VALUES.canaryTrack;
}
