/** Fixture pieces of the availability rules: a core workload, its HPA and its PDB. */
import { LABELS, LABEL_VALUES } from '../../labels';
import { resource, terraform, workload } from '../fixture-builders';

export const core = { [LABELS.tier]: LABEL_VALUES.coreTier };

export const coreDeployment = (name: string, replicas?: number) =>
  workload('kubernetes_deployment_v1', name, { labels: core, ...(replicas === undefined ? {} : { replicas }) });

/** An HPA scaling `name` (a Deployment unless `kind` says otherwise); `min` undefined leaves `min_replicas` unset. */
export const hpa = (name: string, min: number | string | undefined, max: number | string, kind = 'Deployment', target = name) =>
  resource('kubernetes_horizontal_pod_autoscaler_v2', name, {
    metadata: { name, namespace: 'his' },
    spec: {
      ...(min === undefined ? {} : { min_replicas: min }),
      max_replicas: max,
      scale_target_ref: { api_version: 'apps/v1', kind, name: target },
      metric: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } }],
    },
  });

/**
 * A PDB named `name` selecting the pods of `selects` (default: its own name); `budget` replaces
 * `min_available: "1"` (e.g. `{ max_unavailable: '100%' }`), `selector` the whole selector block.
 */
export const pdb = (
  name: string,
  namespace = 'his',
  selects: unknown = { [LABELS.appName]: name },
  budget: Record<string, unknown> = { min_available: '1' },
  selector?: unknown,
) =>
  resource('kubernetes_pod_disruption_budget_v1', name, {
    metadata: { name, namespace },
    spec: { ...budget, selector: selector ?? { match_labels: selects } },
  });

/** An HPA like `hpa(…)` with extra `spec` fields (behavior, metrics, the target's api_version, …). */
export function hpaWith(name: string, min: number, max: number, spec: Record<string, unknown>) {
  const json = hpa(name, min, max) as { resource: Record<string, Record<string, { spec: Record<string, unknown> }>> };
  const body = json.resource.kubernetes_horizontal_pod_autoscaler_v2![name]!;
  body.spec = { ...body.spec, ...spec };
  return json;
}

/** A ResourceQuota of namespace `his` with the given `hard` limits. */
export const quota = (hard: Record<string, string>, namespace = 'his') =>
  resource('kubernetes_resource_quota_v1', `${namespace}_quota`, { metadata: { name: 'quota', namespace }, spec: { hard } });

/** A core Deployment whose pods run the canary track of a gray release. */
export const coreCanary = (name: string, replicas?: number) =>
  workload('kubernetes_deployment_v1', name, {
    labels: { ...core, [LABELS.track]: LABEL_VALUES.canaryTrack },
    ...(replicas === undefined ? {} : { replicas }),
  });

/** A Deployment of a system that is not core (no tier label). */
export const plainDeployment = (name: string, replicas?: number) =>
  workload('kubernetes_deployment_v1', name, { ...(replicas === undefined ? {} : { replicas }) });

export { terraform };

/** A core Deployment whose `spec.replicas` is the given raw value (an interpolation, a non-numeric string, …). */
export function coreDeploymentWithReplicas(name: string, replicas: unknown) {
  const json = coreDeployment(name) as { resource: Record<string, Record<string, { spec: Record<string, unknown> }>> };
  json.resource.kubernetes_deployment_v1![name]!.spec.replicas = replicas;
  return json;
}
