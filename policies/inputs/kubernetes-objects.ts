/**
 * Kubernetes objects (what the API server, `kubectl`, `helm template`, kustomize and GitOps folders
 * hold) → resources of the kubernetes provider in the normalized model, so every rule written for the
 * provider's resources reads them unchanged. Used for plain YAML input and for the `manifest` of a
 * `kubernetes_manifest` resource.
 *
 * The provider's attribute tree (`provider-schema/kubernetes.json`) decides every name and shape:
 * a field goes to the provider attribute whose name matches it without case and underscores
 * (`hostPID` → `host_pid`, `nonResourceURLs` → `non_resource_urls`, `cephfs` → `ceph_fs`), or to the
 * singular the provider uses for a repeated block (`containers` → `container`, `volumeMounts` →
 * `volume_mount`, `paths` → `path`); nested objects become one-element block lists, maps stay objects
 * of strings, scalars take the provider's type (`targetPort: 8080` → `"8080"`, `defaultMode: 420` →
 * `"0644"`). The few fields the provider places elsewhere are listed in `RENAMED_FIELDS` and
 * `reshape`. Fields the provider does not have are kept, snake-cased, so nothing silently disappears.
 */
import { isUnknown, type UnknownValue } from '../model';
import { KNOWN_MAP_ATTRIBUTES } from './normalize';
import { isBlock, resourceSchema, type BlockSchema, type SchemaNode } from './provider-schema/schema';

/** The resource type a kind of a built-in API group maps to; kinds not listed stay `kubernetes_manifest`. */
const KIND_TYPES: Readonly<Record<string, string>> = {
  'core/Pod': 'kubernetes_pod_v1',
  'core/ReplicationController': 'kubernetes_replication_controller_v1',
  'core/Service': 'kubernetes_service_v1',
  'core/ServiceAccount': 'kubernetes_service_account_v1',
  'core/ConfigMap': 'kubernetes_config_map_v1',
  'core/Secret': 'kubernetes_secret_v1',
  'core/Namespace': 'kubernetes_namespace_v1',
  'core/PersistentVolume': 'kubernetes_persistent_volume_v1',
  'core/PersistentVolumeClaim': 'kubernetes_persistent_volume_claim_v1',
  'core/LimitRange': 'kubernetes_limit_range_v1',
  'core/ResourceQuota': 'kubernetes_resource_quota_v1',
  'core/Endpoints': 'kubernetes_endpoints_v1',
  'apps/Deployment': 'kubernetes_deployment_v1',
  'apps/StatefulSet': 'kubernetes_stateful_set_v1',
  'apps/DaemonSet': 'kubernetes_daemon_set_v1',
  'batch/Job': 'kubernetes_job_v1',
  'batch/CronJob': 'kubernetes_cron_job_v1',
  'networking.k8s.io/NetworkPolicy': 'kubernetes_network_policy_v1',
  'networking.k8s.io/Ingress': 'kubernetes_ingress_v1',
  'networking.k8s.io/IngressClass': 'kubernetes_ingress_class_v1',
  'rbac.authorization.k8s.io/Role': 'kubernetes_role_v1',
  'rbac.authorization.k8s.io/ClusterRole': 'kubernetes_cluster_role_v1',
  'rbac.authorization.k8s.io/RoleBinding': 'kubernetes_role_binding_v1',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'kubernetes_cluster_role_binding_v1',
  'storage.k8s.io/StorageClass': 'kubernetes_storage_class_v1',
  'storage.k8s.io/CSIDriver': 'kubernetes_csi_driver_v1',
  'policy/PodDisruptionBudget': 'kubernetes_pod_disruption_budget_v1',
  'autoscaling/HorizontalPodAutoscaler': 'kubernetes_horizontal_pod_autoscaler_v2',
  'scheduling.k8s.io/PriorityClass': 'kubernetes_priority_class_v1',
  'node.k8s.io/RuntimeClass': 'kubernetes_runtime_class_v1',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': 'kubernetes_validating_webhook_configuration_v1',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': 'kubernetes_mutating_webhook_configuration_v1',
  'apiregistration.k8s.io/APIService': 'kubernetes_api_service_v1',
  'certificates.k8s.io/CertificateSigningRequest': 'kubernetes_certificate_signing_request_v1',
  'discovery.k8s.io/EndpointSlice': 'kubernetes_endpoint_slice_v1',
};

/** API groups whose old versions served the same kinds before they moved (`extensions/v1beta1` Deployments, Ingresses, NetworkPolicies). */
const MOVED_FROM_GROUP: Readonly<Record<string, readonly string[]>> = { extensions: ['apps', 'networking.k8s.io', 'policy'] };

/** `autoscaling/v1` is a different schema (CPU target only) than v2: the provider keeps both. */
const VERSIONED_TYPES: Readonly<Record<string, string>> = {
  'autoscaling/v1/HorizontalPodAutoscaler': 'kubernetes_horizontal_pod_autoscaler_v1',
  'autoscaling/v2beta2/HorizontalPodAutoscaler': 'kubernetes_horizontal_pod_autoscaler_v2beta2',
};

/** Cluster-scoped kinds: they have no namespace, so their address carries none. */
const CLUSTER_SCOPED_TYPES = new Set([
  'kubernetes_namespace_v1',
  'kubernetes_persistent_volume_v1',
  'kubernetes_cluster_role_v1',
  'kubernetes_cluster_role_binding_v1',
  'kubernetes_storage_class_v1',
  'kubernetes_csi_driver_v1',
  'kubernetes_ingress_class_v1',
  'kubernetes_priority_class_v1',
  'kubernetes_runtime_class_v1',
  'kubernetes_validating_webhook_configuration_v1',
  'kubernetes_mutating_webhook_configuration_v1',
  'kubernetes_api_service_v1',
  'kubernetes_certificate_signing_request_v1',
]);

/** Fields the provider names differently from Kubernetes (key path in the object → provider attribute). */
const RENAMED_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // The provider's `data` holds plain text (it encodes it); Kubernetes' `data` is already base64, which
  // the provider calls `binary_data`. `stringData` is plain text.
  kubernetes_secret_v1: { data: 'binary_data', stringData: 'data' },
  kubernetes_storage_class_v1: { provisioner: 'storage_provisioner' },
  kubernetes_daemon_set_v1: { 'spec.updateStrategy': 'strategy' },
};

export const MANIFEST_TYPE = 'kubernetes_manifest';

/** A field whose value does not have the shape the provider's schema (and the API server) requires. */
export class ObjectShapeError extends Error {
  constructor(
    /** Key path in the Kubernetes object, e.g. `spec.template.spec.volumes[0]`. */
    readonly keyPath: string,
    readonly detail: string,
  ) {
    super(`${keyPath}: ${detail}`);
    this.name = 'ObjectShapeError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);

/** `apps/v1` → `apps`; `v1` → `core`. */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? 'core' : apiVersion.slice(0, slash);
}

/** The provider resource type for an object's apiVersion and kind, or undefined (then `kubernetes_manifest`). */
export function resourceTypeOf(apiVersion: string, kind: string): string | undefined {
  const group = apiGroupOf(apiVersion);
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const versioned = VERSIONED_TYPES[`${group}/${version}/${kind}`];
  if (versioned) return versioned;
  for (const candidate of [group, ...(MOVED_FROM_GROUP[group] ?? [])]) {
    const type = KIND_TYPES[`${candidate}/${kind}`];
    if (type) return type;
  }
  return undefined;
}

export interface ConvertedObject {
  readonly type: string;
  /** `<namespace>/<name>` (or `<name>` for cluster-scoped kinds): the resource name in addresses. */
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/**
 * One Kubernetes object → a provider resource type and normalized values. Kinds the provider has no
 * resource type for become `kubernetes_manifest` with the object as its `manifest`, as Terraform would
 * hold it. Throws ObjectShapeError where a field cannot have the shape it has.
 */
export function convertObject(object: Record<string, unknown>): ConvertedObject {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const objectName = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '(unnamed)';
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const type = resourceTypeOf(apiVersion, kind);
  const schema = type ? resourceSchema(type) : undefined;
  if (!type || !schema) {
    return { type: MANIFEST_TYPE, name: `${kind || '(no kind)'}/${namespace ? `${namespace}/` : ''}${objectName}`, values: { manifest: copyManifest(object) } };
  }
  const name = CLUSTER_SCOPED_TYPES.has(type) ? objectName : `${namespace ?? 'default'}/${objectName}`;
  const { apiVersion: _apiVersion, kind: _kind, status: _status, ...fields } = reshape(type, object);
  return { type, name, values: convertBlock(fields, schema, { renames: RENAMED_FIELDS[type], path: '' }) };
}

/** Kubernetes writes a PersistentVolume's source beside its other fields; the provider nests it. */
function reshape(type: string, object: Record<string, unknown>): Record<string, unknown> {
  if (type !== 'kubernetes_persistent_volume_v1' || !isObject(object.spec)) return object;
  const sourceSchema = resourceSchema(type)?.spec;
  const sources = isBlock(sourceSchema) && isBlock(sourceSchema.persistent_volume_source) ? attributeIndex(sourceSchema.persistent_volume_source) : new Map();
  const spec: Record<string, unknown> = {};
  const source: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object.spec)) (sources.has(normalizedName(key)) ? source : spec)[key] = value;
  if (Object.keys(source).length > 0) spec.persistentVolumeSource = source;
  return { ...object, spec };
}

interface ConversionContext {
  readonly renames: Readonly<Record<string, string>> | undefined;
  /** Key path of the current object in the Kubernetes object (for renames and messages). */
  readonly path: string;
}

/** Names compared without case and underscores: `hostPID` and `host_pid` are both `hostpid`. */
const normalizedName = (name: string): string => name.replace(/_/g, '').toLowerCase();

const attributeIndexes = new WeakMap<BlockSchema, Map<string, string>>();

/** Normalized field name → provider attribute, exact names first, then the plurals Kubernetes uses for repeated blocks. */
function attributeIndex(schema: BlockSchema): Map<string, string> {
  let index = attributeIndexes.get(schema);
  if (!index) {
    index = new Map();
    for (const attribute of Object.keys(schema)) index.set(normalizedName(attribute), attribute);
    for (const attribute of Object.keys(schema)) {
      const base = normalizedName(attribute);
      for (const plural of [`${base}s`, `${base}es`, base.replace(/y$/, 'ies')]) if (!index.has(plural)) index.set(plural, attribute);
    }
    attributeIndexes.set(schema, index);
  }
  return index;
}

const childPath = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function convertBlock(object: Record<string, unknown>, schema: BlockSchema, context: ConversionContext): Record<string, unknown> {
  const index = attributeIndex(schema);
  const out: Record<string, unknown> = {};
  for (const key in object) {
    const value = object[key];
    if (value === null || value === undefined) continue;
    if (context.path === 'metadata' && key === 'managedFields') continue;
    const path = childPath(context.path, key);
    const attribute = context.renames?.[path] ?? index.get(normalizedName(key));
    if (attribute !== undefined && schema[attribute] !== undefined) {
      out[attribute] = convertValue(value, schema[attribute], { renames: context.renames, path }, attribute);
    } else {
      const name = snakeCase(key);
      out[name] = unknownField(name, value);
    }
  }
  return out;
}

function convertValue(value: unknown, node: SchemaNode, context: ConversionContext, attribute: string): unknown {
  if (isUnknown(value)) return value;
  if (isBlock(node)) {
    if (isObject(value)) return [convertBlock(value, node, context)];
    if (Array.isArray(value)) {
      return value.map((item, index) => {
        if (isUnknown(item)) return item;
        if (!isObject(item)) throw new ObjectShapeError(childPath(context.path, index), `expected an object, got ${describe(item)}`);
        return convertBlock(item, node, { renames: context.renames, path: childPath(context.path, index) });
      });
    }
    throw new ObjectShapeError(context.path, `expected an object or a list of objects, got ${describe(value)}`);
  }
  if (node === 'map') {
    if (!isObject(value)) throw new ObjectShapeError(context.path, `expected a map, got ${describe(value)}`);
    const map: Record<string, unknown> = {};
    for (const key in value) {
      const entry = value[key];
      if (entry === null || entry === undefined) continue;
      map[key] =
        typeof entry === 'number' || typeof entry === 'boolean' ? String(entry) : isObject(entry) || Array.isArray(entry) ? copyManifest(entry) : entry;
    }
    return map;
  }
  if (node.startsWith('list:')) {
    const kind = node.slice('list:'.length) as SchemaNode;
    return (Array.isArray(value) ? value : [value]).map((item) => scalar(item, kind, attribute));
  }
  return scalar(value, node, attribute);
}

/** File modes are octal strings in the provider (`"0644"`); Kubernetes writes them as numbers (420). */
const FILE_MODE_ATTRIBUTES = new Set(['default_mode', 'mode']);

function scalar(value: unknown, kind: SchemaNode, attribute: string): unknown {
  if (kind === 'string' && typeof value === 'number' && FILE_MODE_ATTRIBUTES.has(attribute)) return `0${value.toString(8)}`;
  if (kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (kind === 'any' || isObject(value) || Array.isArray(value)) return copyManifest(value);
  return value;
}

/** A field the provider does not have: kept under its snake-cased name, shaped like any Terraform value. */
function unknownField(name: string, value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (isObject(value)) return KNOWN_MAP_ATTRIBUTES.has(name) ? copyManifest(value) : [snakeCaseKeys(value)];
  if (Array.isArray(value)) return value.map((item) => (isObject(item) ? snakeCaseKeys(item) : item));
  return value;
}

function snakeCaseKeys(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in object) {
    const value = object[key];
    if (value === null || value === undefined) continue;
    const name = snakeCase(key);
    out[name] = unknownField(name, value);
  }
  return out;
}

/** `hostIPC` → `host_ipc`, `nonResourceURLs` → `non_resource_urls`. */
export function snakeCase(key: string): string {
  return key
    .replace(/([A-Z]+)s$/, (_match, acronym: string) => `${acronym[0]}${acronym.slice(1).toLowerCase()}s`)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** A deep copy of free-form content (a manifest), unknown values kept as they are. */
function copyManifest(value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map(copyManifest);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = copyManifest(value[key]);
    return out;
  }
  return value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value as string | number | boolean | UnknownValue);
}
