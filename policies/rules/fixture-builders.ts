/**
 * Builders for fixture inputs, written in the shape CDKTF synthesizes (single nested blocks as objects,
 * repeated blocks as arrays), so fixtures also exercise the adapters' normalization. The defaults are
 * compliant with every workload rule; a failing fixture changes exactly one thing.
 */
import { CRON_JOB_TYPES, DAEMON_SET_TYPES, JOB_TYPES, POD_TYPES, REPLICATION_CONTROLLER_TYPES, STATEFUL_SET_TYPES } from '../kubernetes';
import { LABELS } from '../labels';
import { loadPlan } from '../plan/load';
import type { OperationsPlan } from '../plan/schema';

type Json = Record<string, unknown>;

export const PINNED_IMAGE = 'registry.hospital.example/his/registration:4.2.1@sha256:0f3c4b9d2e1a8f7c6b5a4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a';

/** A container meeting the restricted baseline: non-root, read-only, drop ALL, limits, probes, pinned image. */
export function hardenedContainer(name = 'app', overrides: Json = {}): Json {
  return {
    name,
    image: PINNED_IMAGE,
    security_context: {
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      run_as_non_root: true,
      capabilities: { drop: ['ALL'] },
    },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    liveness_probe: { http_get: { path: '/healthz', port: '8080' }, period_seconds: 10 },
    readiness_probe: { http_get: { path: '/ready', port: '8080' }, period_seconds: 5 },
    ...overrides,
  };
}

/** An init container: hardened, without probes (Kubernetes rejects probes on init containers). */
export function hardenedInitContainer(name = 'init', overrides: Json = {}): Json {
  const { liveness_probe: _liveness, readiness_probe: _readiness, ...container } = hardenedContainer(name);
  return { ...container, ...overrides };
}

export interface WorkloadOptions {
  readonly containers?: readonly Json[];
  readonly initContainers?: readonly Json[];
  /** Extra or replaced pod spec fields. */
  readonly podSpec?: Json;
  /** Labels on the workload object and its pod template. */
  readonly labels?: Record<string, string>;
  readonly namespace?: string | null;
  /** Replica count (Deployment, StatefulSet, RC); omitted → unset (as for HPA-managed workloads). */
  readonly replicas?: number;
  readonly name?: string;
}

/** A workload resource of any kubernetes workload type, as Terraform JSON `{ resource: { type: { name: body } } }`. */
export function workload(type: string, name: string, options: WorkloadOptions = {}): Json {
  const labels = { [LABELS.appName]: options.name ?? name, ...(options.labels ?? {}) };
  const metadata: Json = { name: options.name ?? name, labels };
  if (options.namespace !== null) metadata.namespace = options.namespace ?? 'his';
  const podSpec: Json = {
    automount_service_account_token: false,
    security_context: { run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } },
    container: options.containers ?? [hardenedContainer()],
    ...(options.initContainers ? { init_container: options.initContainers } : {}),
    ...(options.podSpec ?? {}),
  };
  const template = { metadata: { labels }, spec: podSpec };
  let body: Json;
  if (POD_TYPES.includes(type)) {
    body = { metadata, spec: podSpec };
  } else if (JOB_TYPES.includes(type)) {
    body = { metadata, spec: { template }, wait_for_completion: false };
  } else if (CRON_JOB_TYPES.includes(type)) {
    body = { metadata, spec: { schedule: '0 2 * * *', job_template: { metadata: {}, spec: { template } } } };
  } else {
    const selector = REPLICATION_CONTROLLER_TYPES.includes(type) ? labels : { match_labels: labels };
    const spec: Json = { selector, template };
    if (options.replicas !== undefined && !DAEMON_SET_TYPES.includes(type)) spec.replicas = options.replicas;
    if (STATEFUL_SET_TYPES.includes(type)) spec.service_name = name;
    body = { metadata, spec };
  }
  return resource(type, name, body);
}

/** One resource as Terraform JSON. */
export function resource(type: string, name: string, body: Json): Json {
  return { resource: { [type]: { [name]: body } } };
}

/** Merges Terraform JSON documents (resources of the same type are combined). */
export function terraform(...documents: Json[]): Json {
  const out: Json = {};
  for (const document of documents) {
    for (const [key, value] of Object.entries(document)) {
      if (key === 'resource') {
        const resources = (out.resource ??= {}) as Record<string, Json>;
        for (const [type, byName] of Object.entries(value as Record<string, Json>)) resources[type] = { ...(resources[type] ?? {}), ...byName };
      } else {
        out[key] = value;
      }
    }
  }
  return out;
}

type PlanOverrides<T> = { readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? PlanOverrides<T[K]> : T[K] };

/**
 * The repository's operations plan with some values changed, for fixtures about another hospital's plan
 * (`options: { plan: planWith({ access: { breakGlassMaxDays: 180 } }) }`). Objects merge key by key;
 * lists and values replace.
 */
export function planWith(overrides: PlanOverrides<OperationsPlan>): OperationsPlan {
  return merge(loadPlan(), overrides) as OperationsPlan;
}

function merge(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides === undefined ? base : overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) merged[key] = merge(base[key], value);
  return merged;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
