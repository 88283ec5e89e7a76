/**
 * What a HorizontalPodAutoscaler will actually do, judged from its spec as the HPA controller reads it
 * (kube-controller-manager, pkg/controller/podautoscaler): whether its target reference resolves, how
 * long it takes to scale from its minimum to its maximum under its `behavior`, and whether any of its
 * metrics can ever ask for more pods.
 */
import { containersOf, DEPLOYMENT_TYPES, REPLICATION_CONTROLLER_TYPES, STATEFUL_SET_TYPES } from '../../kubernetes';
import { isUnknown, type Resource } from '../../model';
import { block, blocks, get, num, str, type Values } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { parseQuantity } from './quantity';

/** The HPA controller's default sync period (`--horizontal-pod-autoscaler-sync-period`). */
export const HPA_SYNC_SECONDS = 15;

interface ScalingPolicy {
  readonly type: string;
  readonly value: number;
  readonly periodSeconds: number;
}

/** Kubernetes' defaults for `behavior.scaleUp` (autoscaling/v2 API defaulting). */
const DEFAULT_SCALE_UP = {
  selectPolicy: 'Max',
  stabilizationWindowSeconds: 0,
  policies: [
    { type: 'Percent', value: 100, periodSeconds: 15 },
    { type: 'Pods', value: 4, periodSeconds: 15 },
  ] as readonly ScalingPolicy[],
};

/** The API group/version a scale target of this workload type is found under. */
function expectedApiVersion(workload: Resource): string | undefined {
  if (DEPLOYMENT_TYPES.includes(workload.type) || STATEFUL_SET_TYPES.includes(workload.type)) return 'apps/v1';
  if (REPLICATION_CONTROLLER_TYPES.includes(workload.type)) return 'v1';
  return undefined;
}

/** Why the HPA's `scale_target_ref` does not reach the workload's scale subresource, or undefined. */
export function targetReferenceProblem(hpa: Resource, workload: Resource): string | undefined {
  const apiVersion = get(hpa.values, 'spec[0].scale_target_ref[0].api_version');
  if (isUnknown(apiVersion)) return `${hpa.address} spec[0].scale_target_ref[0].api_version ${FAIL_CLOSED}`;
  const expected = expectedApiVersion(workload);
  if (expected !== undefined && apiVersion !== expected) {
    return `${hpa.address} spec[0].scale_target_ref[0].api_version is ${apiVersion === undefined ? 'unset' : JSON.stringify(apiVersion)}: the HPA controller finds the scale of a ${String(get(hpa.values, 'spec[0].scale_target_ref[0].kind'))} only under "${expected}", so it never scales it`;
  }
  return undefined;
}

export type ScaleUp = { readonly seconds: number } | { readonly never: string } | { readonly unknown: string };

/**
 * Seconds from a sustained rise of the load until the HPA has scaled `from` → `to` pods, simulating the
 * controller: the scale-up recommendation is the lowest over the stabilization window, and each sync
 * adds at most what the selected policy allows over its period (Pods: +value, Percent:
 * ⌈start × (1 + value/100)⌉, where start is the count at the beginning of the period).
 */
export function scaleUpTime(hpa: Resource, from: number, to: number, horizonSeconds: number): ScaleUp {
  if (to <= from) return { seconds: 0 };
  const behavior = get(hpa.values, 'spec[0].behavior');
  if (isUnknown(behavior)) return { unknown: `spec[0].behavior ${FAIL_CLOSED}` };
  const scaleUp = block(hpa.values, 'spec[0].behavior[0].scale_up');
  if (isUnknown(get(hpa.values, 'spec[0].behavior[0].scale_up'))) return { unknown: `spec[0].behavior[0].scale_up ${FAIL_CLOSED}` };
  const rules = readScaleUp(scaleUp);
  if ('unknown' in rules) return rules;
  if (rules.selectPolicy === 'Disabled') return { never: 'spec[0].behavior[0].scale_up[0].select_policy is "Disabled": the HPA never adds a pod' };
  if (rules.policies.every((policy) => policy.value <= 0)) return { never: 'every spec[0].behavior[0].scale_up[0].policy allows 0 pods per period' };
  const events: { at: number; added: number }[] = [];
  let replicas = from;
  // The first sync at which the lowest recommendation of the window is the raised one.
  for (let at = rules.stabilizationWindowSeconds; at <= horizonSeconds; at += HPA_SYNC_SECONDS) {
    const limits = rules.policies.map((policy) => {
      const added = events.filter((event) => event.at > at - policy.periodSeconds).reduce((sum, event) => sum + event.added, 0);
      const start = replicas - added;
      return policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    });
    const limit = rules.selectPolicy === 'Min' ? Math.min(...limits) : Math.max(...limits);
    const next = Math.min(to, Math.max(replicas, limit));
    if (next > replicas) events.push({ at, added: next - replicas });
    replicas = next;
    if (replicas >= to) return { seconds: at };
  }
  return { never: `it has reached only ${replicas} of ${to} pods ${Math.round(horizonSeconds / 60)} minutes after the load rises` };
}

function readScaleUp(scaleUp: Values | undefined): typeof DEFAULT_SCALE_UP | { unknown: string } {
  if (!scaleUp) return DEFAULT_SCALE_UP;
  const field = 'spec[0].behavior[0].scale_up[0]';
  const { select_policy: select, stabilization_window_seconds: window, policy } = scaleUp;
  if (isUnknown(select) || isUnknown(window) || isUnknown(policy)) return { unknown: `${field} ${FAIL_CLOSED}` };
  const policies: ScalingPolicy[] = [];
  for (const [index, entry] of blocks(policy).entries()) {
    if (isUnknown(entry.type) || isUnknown(entry.value) || isUnknown(entry.period_seconds)) return { unknown: `${field}.policy[${index}] ${FAIL_CLOSED}` };
    policies.push({ type: str(entry.type) ?? '', value: num(entry.value) ?? 0, periodSeconds: num(entry.period_seconds) ?? 0 });
  }
  return {
    selectPolicy: str(select) ?? DEFAULT_SCALE_UP.selectPolicy,
    stabilizationWindowSeconds: num(window) ?? DEFAULT_SCALE_UP.stabilizationWindowSeconds,
    policies: policies.length ? policies : DEFAULT_SCALE_UP.policies,
  };
}

/** Sums of the containers' requests and limits of one resource (undefined where a container sets none). */
function podResources(workload: Resource, resource: string, container?: string): { requests: number | undefined; limits: number | undefined } {
  let requests: number | undefined = 0;
  let limits: number | undefined = 0;
  for (const ref of containersOf(workload)) {
    if (ref.init || (container !== undefined && ref.name !== container)) continue;
    const request = parseQuantity(get(ref.container, `resources[0].requests.${resource}`));
    const limit = parseQuantity(get(ref.container, `resources[0].limits.${resource}`));
    // Kubernetes defaults a missing request to the limit.
    const effectiveRequest = request ?? limit;
    requests = requests === undefined || effectiveRequest === undefined ? undefined : requests + effectiveRequest;
    limits = limits === undefined || limit === undefined ? undefined : limits + limit;
  }
  return { requests, limits };
}

/**
 * Why no metric of the HPA can ever ask for more pods, or undefined when at least one can (the
 * controller scales to the highest of its metrics' proposals). A utilization target at or above what
 * the limits allow (CPU is throttled and memory killed at the limit) never triggers; utilization of a
 * resource the containers request nothing of cannot be computed at all. Pods, Object and External
 * metrics depend on data outside the configuration and are taken as able to trigger.
 */
export function metricsProblem(hpa: Resource, workload: Resource): string | undefined {
  const v1Target = get(hpa.values, 'spec[0].target_cpu_utilization_percentage');
  if (isUnknown(v1Target)) return `${hpa.address} spec[0].target_cpu_utilization_percentage ${FAIL_CLOSED}`;
  const metrics = get(hpa.values, 'spec[0].metric');
  if (isUnknown(metrics)) return `${hpa.address} spec[0].metric ${FAIL_CLOSED}`;
  const list = blocks(metrics);
  // Without metrics the controller scales on CPU at 80 % (v2 defaulting; v1 uses its own field).
  const judged: { where: string; resource: string; target: Values; container?: string }[] =
    list.length === 0
      ? [
          {
            where: 'spec[0].target_cpu_utilization_percentage (default 80)',
            resource: 'cpu',
            target: { type: 'Utilization', average_utilization: num(v1Target) ?? 80 },
          },
        ]
      : [];
  const problems: string[] = [];
  for (const [index, metric] of list.entries()) {
    const type = metric.type;
    if (isUnknown(type)) return `${hpa.address} spec[0].metric[${index}].type ${FAIL_CLOSED}`;
    const source = type === 'Resource' ? block(metric, 'resource') : type === 'ContainerResource' ? block(metric, 'container_resource') : undefined;
    if (!source) return undefined; // Pods / Object / External: external data decides
    const target = block(source, 'target') ?? {};
    if (isUnknown(source.name) || Object.values(target).some(isUnknown)) return `${hpa.address} spec[0].metric[${index}] ${FAIL_CLOSED}`;
    judged.push({
      where: `spec[0].metric[${index}]`,
      resource: str(source.name) ?? '',
      target,
      ...(type === 'ContainerResource' ? { container: str(source.container) ?? '' } : {}),
    });
  }
  for (const { where, resource, target, container } of judged) {
    const { requests, limits } = podResources(workload, resource, container);
    const targetType = str(target.type);
    if (targetType === 'Utilization') {
      const utilization = num(target.average_utilization);
      if (!requests) {
        problems.push(
          `${where} targets ${resource} utilization, but ${container ? `container ${container}` : 'a container'} of ${workload.address} requests no ${resource}: the controller cannot compute it`,
        );
        continue;
      }
      const ceiling = limits === undefined ? Infinity : (100 * limits) / requests;
      if (utilization !== undefined && utilization >= ceiling) {
        problems.push(`${where} targets ${utilization} % ${resource} utilization, but the limits cap it at ${Math.round(ceiling)} % of the requests`);
        continue;
      }
      return undefined;
    }
    if (targetType === 'AverageValue') {
      const value = parseQuantity(target.average_value);
      const perPod = limits;
      if (value !== undefined && perPod !== undefined && value >= perPod) {
        problems.push(`${where} targets an average ${resource} of ${String(target.average_value)} per pod, at or above the pod's limit`);
        continue;
      }
      return undefined;
    }
    return undefined;
  }
  return problems.length ? `${hpa.address} can never scale up: ${problems.join('; ')}` : undefined;
}
