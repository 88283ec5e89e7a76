import { DEPLOYMENT_TYPES, isCanary, namespaceOf, objectName, podLabels, selectorMatches, STATEFUL_SET_TYPES } from '../../kubernetes';
import { isUnknown, type Estate, type Resource, type ResourceRule } from '../../model';
import { planOf, plannedSystemAt, plannedSystems } from '../../plan/facts';
import { isObject, map } from '../../values';
import { podCount, runsSameApplication } from '../availability/scaling';

const TRACK_TYPES = [...DEPLOYMENT_TYPES, ...STATEFUL_SET_TYPES];
const SERVICE_TYPES = ['kubernetes_service', 'kubernetes_service_v1'];

const tracksOf = (estate: Estate, environment: string, namespace: unknown): Resource[] =>
  TRACK_TYPES.flatMap((type) => estate.byType(type, environment)).filter((workload) => namespaceOf(workload) === namespace);

/** Whether one Service of the namespace sends traffic to the pods of both workloads. */
function shareAService(estate: Estate, a: Resource, b: Resource): boolean {
  const namespace = namespaceOf(a);
  return SERVICE_TYPES.flatMap((type) => estate.byType(type, a.environment)).some((service) => {
    if (namespaceOf(service) !== namespace) return false;
    const selector = map(service.values, 'spec[0].selector');
    return !isUnknown(selector) && isObject(selector) && selectorMatches(selector, podLabels(a)) && selectorMatches(selector, podLabels(b));
  });
}

/**
 * The stable workload a workload is a second track of: the plan's workload of a clinical system in the
 * same namespace that runs the same application or shares a Service with it; failing that, for a
 * workload labelled as a canary, another workload of the namespace running the same application.
 */
function stableOf(estate: Estate, workload: Resource): Resource | undefined {
  const namespace = namespaceOf(workload);
  if (typeof namespace !== 'string') return undefined;
  const plan = planOf(estate);
  const neighbours = tracksOf(estate, workload.environment, namespace).filter((other) => other !== workload);
  for (const system of plannedSystems(plan)) {
    if (system.workload.namespace !== namespace) continue;
    const stable = neighbours.find((other) => objectName(other) === system.workload.name);
    if (stable && (runsSameApplication(stable, workload) || shareAService(estate, stable, workload))) return stable;
  }
  if (!isCanary(workload)) return undefined;
  return neighbours.find((other) => !isCanary(other) && runsSameApplication(other, workload));
}

export const canaryShare: ResourceRule = {
  id: 'delivery/canary-share',
  profile: 'platform',
  title: 'A gray release runs on about the plan’s share of a system’s pods',
  severity: 'high',
  rationale:
    'The operations plan releases patches test → gray → full, the gray step on about a tenth of a system’s pods, so a faulty build reaches few patients before it is stopped. A canary with as many pods as the stable track is no gray release but half a rollout. Which workload is a canary is read from what runs (the same containers from the same image repositories, or a Service sending it the system’s traffic), not from its labels.',
  remediation:
    'Keep the canary’s pods at most policies/plan.yaml release.canaryMaxPercent of all the system’s pods (stable replicas or HPA minimum plus canary replicas; canary weight ≤ 10 in the environment file gives max(1, round(stable × w / (100 − w)))); a canary of one pod is always allowed.',
  resourceTypes: TRACK_TYPES,
  controls: { mlps: ['8.1.10.10'], hipaa: ['164.308(a)(1)(ii)(B)'], operationsPlan: 'ops-9.4' },
  planKeys: ['release.canaryMaxPercent'],
  scope: 'resource',
  evaluate(resource, estate) {
    if (plannedSystemAt(planOf(estate), namespaceOf(resource), objectName(resource))) {
      return { status: 'not-applicable', message: 'the stable workload the plan names for a system' };
    }
    const stable = stableOf(estate, resource);
    if (!stable)
      return { status: 'not-applicable', message: 'no second track of a system (no stable workload of the same application or Service in its namespace)' };
    const maxPercent = planOf(estate).release.canaryMaxPercent;
    const tracks = tracksOf(estate, resource.environment, namespaceOf(resource)).filter((other) => other !== stable && stableOf(estate, other) === stable);
    const stablePods = podCount(stable, estate);
    const counts = tracks.map((track) => ({ track, pods: podCount(track, estate) }));
    const unknown = [stablePods, ...counts.map((entry) => entry.pods)].find((count) => count.unknown);
    if (unknown?.unknown) return { status: 'fail', message: `${unknown.unknown} is known only after apply; failing closed` };
    const canaryPods = counts.reduce((sum, entry) => sum + (entry.pods.max ?? 1), 0);
    const stableMin = stablePods.min ?? 1;
    const share = (100 * canaryPods) / (stableMin + canaryPods);
    const name = objectName(stable) ?? stable.name;
    const figures = `${canaryPods} canary pod(s) beside ${stableMin} of ${name} (${stable.address}): ${Math.round(share * 10) / 10} % of the system's pods`;
    const details = { stable: stable.address, canaryPods, stablePods: stableMin, percent: share };
    if (canaryPods === 1) return { status: 'pass', message: `${figures}; a canary of one pod is the smallest slice and always allowed`, details };
    if (share <= maxPercent) return { status: 'pass', message: `${figures}, within ${maxPercent} % (plan: release.canaryMaxPercent)`, details };
    return {
      status: 'fail',
      message: `${figures}, above ${maxPercent} % (plan: release.canaryMaxPercent; only a canary of exactly one pod may exceed it)${tracks.length > 1 ? ` across ${tracks.map((track) => track.address).join(', ')}` : ''}`,
      details,
    };
  },
};
