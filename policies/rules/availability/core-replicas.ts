import { SCALABLE_TYPES } from '../../kubernetes';
import { LABELS, LABEL_VALUES } from '../../labels';
import { isUnknown, type Estate, type Resource, type ResourceRule } from '../../model';
import { planOf } from '../../plan/facts';
import { get, num } from '../../values';
import { outsideCoreScope } from './core';
import { FAIL_CLOSED } from '../workload/container-check';
import { targetReferenceProblem } from './autoscaler';
import { quotaProblems } from './quota';
import { hpaBounds, hpasFor } from './scaling';

export const AVAILABILITY_CONTROLS = {
  mlps: ['8.1.4.9', '8.1.2.1'],
  hipaa: ['164.308(a)(7)(ii)(C)', '164.308(a)(7)(ii)(E)'],
  operationsPlan: 'ops-3.1',
};

export const coreReplicas: ResourceRule = {
  id: 'availability/core-replicas',
  profile: 'platform',
  title: 'Core clinical systems run at least two replicas',
  severity: 'high',
  rationale: 'HIS, EMR and LIS must stay available 7×24: a single replica makes every node failure, eviction or rollout an outage of registration or records.',
  remediation: `Set \`spec.replicas\` ≥ 2 (policies/plan.yaml: availability.coreMinReplicas) on the core systems' workloads (plan: clinicalSystems.*.core, or labelled \`${LABELS.tier}: ${LABEL_VALUES.coreTier}\`), or give them an HPA with \`min_replicas\` ≥ 2 (and leave replicas unset).`,
  resourceTypes: SCALABLE_TYPES,
  controls: AVAILABILITY_CONTROLS,
  planKeys: ['clinicalSystems', 'availability.coreMinReplicas'],
  scope: 'resource',
  evaluate(resource, estate) {
    const skipped = outsideCoreScope(resource, estate, 'the stable Deployment keeps the replicas');
    if (skipped) return skipped;
    const minimum = planOf(estate).availability.coreMinReplicas;
    const result = replicaResult(resource, estate, minimum);
    if (result.status !== 'pass') return result;
    const quota = quotaProblems(estate, resource, result.count, `its minimum of ${result.count} pod(s)`);
    if (quota.length) return { status: 'fail', message: `${quota.join('; ')} (core systems need ≥ ${minimum} running)` };
    return { status: 'pass', message: result.message };
  },
};

type ReplicaResult = { status: 'pass'; message: string; count: number } | { status: 'fail'; message: string };

/** Whether the workload keeps at least `minimum` pods: through its one HPA, else its own replica count. */
function replicaResult(resource: Resource, estate: Estate, minimum: number): ReplicaResult {
  const hpas = hpasFor(resource, estate);
  if (hpas.length > 1) {
    return {
      status: 'fail',
      message: `${hpas.map((hpa) => hpa.address).join(' and ')} all target it: the HPA controller refuses to scale a target several autoscalers select, so none keeps its minimum`,
    };
  }
  const hpa = hpas[0];
  if (hpa) {
    const bounds = hpaBounds(hpa);
    if (bounds.unknown) return { status: 'fail', message: `${hpa.address} spec[0].min_replicas ${FAIL_CLOSED}` };
    const broken = targetReferenceProblem(hpa, resource);
    if (broken) return { status: 'fail', message: broken };
    if ((bounds.min ?? 0) >= minimum) return { status: 'pass', message: `${hpa.address} keeps at least ${bounds.min} replicas`, count: bounds.min! };
    return { status: 'fail', message: `${hpa.address} spec[0].min_replicas is ${bounds.min} (core systems need ≥ ${minimum})` };
  }
  const replicas = get(resource.values, 'spec[0].replicas');
  if (isUnknown(replicas)) return { status: 'fail', message: `spec[0].replicas ${FAIL_CLOSED}` };
  const count = replicas === undefined ? 1 : num(replicas);
  // A count that is not a number never reaches the minimum (NaN compares false).
  if ((count ?? Number.NaN) >= minimum) return { status: 'pass', message: `spec[0].replicas is ${count}`, count: count! };
  return {
    status: 'fail',
    message: `spec[0].replicas is ${replicas === undefined ? 'unset (1)' : JSON.stringify(replicas)} and no HPA targets it (core systems need ≥ ${minimum})`,
  };
}
