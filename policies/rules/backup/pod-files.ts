/**
 * What a container of a pod sees, read from the synthesized Terraform: its environment (literal values,
 * ConfigMap keys, `$(VAR)` references), the files its volumes hold (scripts mounted from ConfigMaps, read
 * from the ConfigMap resource) and where a path lands (a volume claim, an NFS export, a volume that dies
 * with the pod, the read-only root filesystem, the null device). The backup rules follow a backup's data
 * through these: what a step runs, what it reads, where it writes.
 */
import { perEnvironment } from '../../estate';
import { namespaceOf, objectName, podSpecOf, PVC_TYPES, STATEFUL_SET_TYPES } from '../../kubernetes';
import { isUnknown, type Estate, type Resource } from '../../model';
import { blocks, get, isObject, map, str, type Values } from '../../values';

const CONFIG_MAP_TYPES = ['kubernetes_config_map_v1', 'kubernetes_config_map'];
const SERVICE_TYPES = ['kubernetes_service_v1', 'kubernetes_service'];

/** The objects of an environment a pod's files and addresses resolve to, by `namespace/name`. */
export interface EnvironmentObjects {
  readonly configMaps: ReadonlyMap<string, Resource>;
  readonly claims: ReadonlyMap<string, Resource>;
  readonly services: ReadonlyMap<string, Resource>;
  readonly statefulSets: ReadonlyMap<string, Resource>;
}

const byNamespacedName = (estate: Estate, environment: string, types: readonly string[]): Map<string, Resource> => {
  const found = new Map<string, Resource>();
  for (const type of types) {
    for (const resource of estate.byType(type, environment)) {
      const namespace = namespaceOf(resource);
      const name = objectName(resource);
      if (typeof namespace === 'string' && name) found.set(`${namespace}/${name}`, resource);
    }
  }
  return found;
};

export const objectsOf = perEnvironment((estate: Estate, environment: string): EnvironmentObjects => ({
  configMaps: byNamespacedName(estate, environment, CONFIG_MAP_TYPES),
  claims: byNamespacedName(estate, environment, PVC_TYPES),
  services: byNamespacedName(estate, environment, SERVICE_TYPES),
  statefulSets: byNamespacedName(estate, environment, STATEFUL_SET_TYPES),
}));

/** A pod of a workload with what its containers need to resolve names. */
export interface PodView {
  readonly resource: Resource;
  readonly environment: string;
  /** The workload's namespace (`default` when unset); undefined when known only after apply. */
  readonly namespace: string | undefined;
  readonly volumes: ReadonlyMap<string, Values>;
  readonly objects: EnvironmentObjects;
}

export function podViewOf(resource: Resource, estate: Estate): PodView | undefined {
  const pod = podSpecOf(resource);
  if (!pod) return undefined;
  const volumes = new Map<string, Values>();
  for (const volume of blocks(pod.spec.volume)) {
    const name = str(volume.name);
    if (name) volumes.set(name, volume);
  }
  const namespace = namespaceOf(resource);
  return {
    resource,
    environment: resource.environment,
    namespace: typeof namespace === 'string' ? namespace : undefined,
    volumes,
    objects: objectsOf(estate, resource.environment),
  };
}

/** An environment variable's value, or why it is not known before apply. */
export type EnvValue = { readonly value: string } | { readonly unknown: string };

/**
 * A container's environment as Kubernetes builds it: `env_from` ConfigMaps first, then `env` in order
 * (a later entry wins), `$(NAME)` expanded from the variables defined before it.
 */
export function envOf(view: PodView, container: Values): ReadonlyMap<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  for (const source of blocks(container.env_from)) {
    const name = str(get(source, 'config_map_ref[0].name'));
    const data = name ? configMapData(view, name) : undefined;
    if (!data || isUnknown(data)) continue;
    const prefix = str(source.prefix) ?? '';
    for (const [key, value] of Object.entries(data)) if (typeof value === 'string') env.set(`${prefix}${key}`, { value });
  }
  for (const entry of blocks(container.env)) {
    const name = str(entry.name);
    if (!name) continue;
    env.set(name, envEntry(view, entry, env));
  }
  return env;
}

function envEntry(view: PodView, entry: Values, earlier: ReadonlyMap<string, EnvValue>): EnvValue {
  if (isUnknown(entry.value)) return { unknown: 'its value is known only after apply' };
  const literal = str(entry.value);
  if (literal !== undefined) return { value: expandReferences(literal, earlier) };
  const from = get(entry, 'value_from[0]');
  const configMapKey = get(from, 'config_map_key_ref[0]');
  if (isObject(configMapKey)) {
    const name = str(configMapKey.name);
    const key = str(configMapKey.key);
    const data = name ? configMapData(view, name) : undefined;
    if (!data) return { unknown: `it comes from ConfigMap ${name ?? '(unnamed)'}, which is not in the input` };
    if (isUnknown(data) || isUnknown(data[key ?? ''])) return { unknown: `ConfigMap ${name} is known only after apply` };
    const value = str(data[key ?? '']);
    return value === undefined ? { unknown: `ConfigMap ${name} has no key ${key}` } : { value };
  }
  if (isObject(get(from, 'secret_key_ref[0]'))) return { unknown: `it comes from Secret ${str(get(from, 'secret_key_ref[0].name')) ?? '(unnamed)'}` };
  if (isObject(get(from, 'field_ref[0]'))) return { unknown: `it is the pod field ${str(get(from, 'field_ref[0].field_path')) ?? '?'}` };
  return { unknown: 'it has no literal value' };
}

/** `$(NAME)` → the earlier variable's value; `$$(NAME)` stays literal; unknown names stay as written. */
function expandReferences(value: string, earlier: ReadonlyMap<string, EnvValue>): string {
  if (!value.includes('$(')) return value;
  return value.replace(/\$(\$?)\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, escaped: string, name: string) => {
    if (escaped) return whole.slice(1);
    const found = earlier.get(name);
    return found && 'value' in found ? found.value : whole;
  });
}

/** The `data` of a ConfigMap in the pod's namespace: undefined when not in the input. */
function configMapData(view: PodView, name: string): Values | ReturnType<typeof map> | undefined {
  const configMap = view.objects.configMaps.get(`${view.namespace}/${name}`);
  return configMap ? map(configMap.values, 'data') : undefined;
}

/** Where a path of a container lands. */
export type Place =
  | {
      readonly kind: 'volume';
      /** One storage medium: `pvc://<namespace>/<claim>` or `nfs://<server><path>`. */
      readonly medium: string;
      /** The claim's storage class, when the claim is in the input and names one. */
      readonly storageClass?: string;
      /** The path inside the volume, without a leading slash ('' for its root). */
      readonly path: string;
      readonly readOnly: boolean;
    }
  | { readonly kind: 'transient'; readonly description: string }
  | { readonly kind: 'unknown'; readonly why: string };

/** `a/b/../c/` → `a/c`; leading and trailing slashes dropped. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

interface Mounted {
  readonly volumeName: string;
  /** The path inside the volume. */
  readonly inner: string;
  readonly readOnly: boolean;
}

/** The volume mount holding a path (the longest mount path that contains it), or undefined. */
function mountOf(container: Values, path: string): Mounted | 'unknown' | undefined {
  const target = normalizePath(path);
  let best: { mount: Values; at: string } | undefined;
  for (const mount of blocks(container.volume_mount)) {
    if (isUnknown(mount.mount_path)) return 'unknown';
    const at = normalizePath(str(mount.mount_path) ?? '');
    if (!(target === at || at === '' || target.startsWith(`${at}/`))) continue;
    if (!best || at.length > best.at.length) best = { mount, at };
  }
  if (!best) return undefined;
  const rest = best.at === '' ? target : target.slice(best.at.length);
  const subPath = str(best.mount.sub_path) ?? '';
  return {
    volumeName: str(best.mount.name) ?? '',
    inner: normalizePath(`${subPath}/${rest}`),
    readOnly: best.mount.read_only === true,
  };
}

/** Where an absolute path of a container lands. */
export function placeOfPath(view: PodView, container: Values, path: string): Place {
  if (!path.startsWith('/')) return { kind: 'unknown', why: `"${path}" is not an absolute path` };
  if (normalizePath(path) === 'dev/null') return { kind: 'transient', description: 'the null device /dev/null' };
  const mounted = mountOf(container, path);
  if (mounted === 'unknown') return { kind: 'unknown', why: 'a volume_mount.mount_path is known only after apply' };
  if (!mounted) return { kind: 'transient', description: `the container's own filesystem (${path} is on no volume)` };
  const volume = view.volumes.get(mounted.volumeName);
  if (!volume) return { kind: 'unknown', why: `volume_mount "${mounted.volumeName}" names no volume of the pod` };
  const claim = get(volume, 'persistent_volume_claim[0].claim_name');
  if (claim !== undefined) {
    if (isUnknown(claim) || typeof claim !== 'string') return { kind: 'unknown', why: `the claim of volume "${mounted.volumeName}" is known only after apply` };
    const resource = view.objects.claims.get(`${view.namespace}/${claim}`);
    const storageClass = resource ? str(get(resource.values, 'spec[0].storage_class_name')) : undefined;
    return {
      kind: 'volume',
      medium: `pvc://${view.namespace}/${claim}`,
      ...(storageClass ? { storageClass } : {}),
      path: mounted.inner,
      readOnly: mounted.readOnly || get(volume, 'persistent_volume_claim[0].read_only') === true,
    };
  }
  const nfs = get(volume, 'nfs[0]');
  if (isObject(nfs)) {
    return {
      kind: 'volume',
      medium: `nfs://${str(nfs.server) ?? '?'}/${normalizePath(str(nfs.path) ?? '')}`,
      path: mounted.inner,
      readOnly: mounted.readOnly || nfs.read_only === true,
    };
  }
  for (const [key, description] of TRANSIENT_VOLUMES) {
    if (volume[key] !== undefined) return { kind: 'transient', description: `${description} (volume "${mounted.volumeName}")` };
  }
  return { kind: 'unknown', why: `volume "${mounted.volumeName}" is of a kind the backup rules do not follow` };
}

const TRANSIENT_VOLUMES: readonly (readonly [string, string])[] = [
  ['empty_dir', 'an emptyDir, deleted with the pod'],
  ['ephemeral', 'an ephemeral volume, deleted with the pod'],
  ['host_path', 'a host path on whichever node runs the pod'],
  ['config_map', 'a read-only ConfigMap volume'],
  ['secret', 'a read-only Secret volume'],
  ['projected', 'a read-only projected volume'],
  ['downward_api', 'a read-only downward API volume'],
];

/** The text of a file a container reads from a ConfigMap volume, or why it cannot be read. */
export function fileText(view: PodView, container: Values, path: string): { readonly text: string } | { readonly problem: string } {
  const mounted = mountOf(container, path);
  if (mounted === 'unknown') return { problem: 'a volume_mount.mount_path is known only after apply' };
  if (!mounted) return { problem: `${path} is on no volume: a file of the image, which the Terraform does not show` };
  const volume = view.volumes.get(mounted.volumeName);
  const source = get(volume, 'config_map[0]');
  if (!isObject(source)) return { problem: `${path} is not on a ConfigMap volume: its content is not in the Terraform` };
  const name = str(source.name);
  if (!name) return { problem: `the ConfigMap of volume "${mounted.volumeName}" is known only after apply` };
  const items = blocks(source.items);
  const key = items.length > 0 ? str(items.find((item) => normalizePath(str(item.path) ?? '') === mounted.inner)?.key) : mounted.inner;
  if (!key) return { problem: `ConfigMap ${name} mounted at volume "${mounted.volumeName}" projects no ${mounted.inner}` };
  const data = configMapData(view, name);
  if (!data) return { problem: `ConfigMap ${view.namespace}/${name} is not in the input` };
  const text = isUnknown(data) ? data : data[key];
  if (isUnknown(text)) return { problem: `ConfigMap ${name} key ${key} is known only after apply; failing closed` };
  if (typeof text !== 'string') return { problem: `ConfigMap ${name} has no key ${key}` };
  return { text };
}
