import { LONG_RUNNING_TYPES, namespaceOf, podLabels, SCALABLE_TYPES } from '../../kubernetes';
import type { Estate, Resource, ResourceRule } from '../../model';
import { planOf } from '../../plan/facts';
import { get } from '../../values';
import { outsideCoreScope } from './core';
import { FAIL_CLOSED } from '../workload/container-check';
import { AVAILABILITY_CONTROLS } from './core-replicas';
import { pdbGuarantee } from './disruption';
import { labelSelectorMatches } from './label-selector';
import { pdbsOf, podCount, runsSameApplication } from './scaling';

/**
 * Pods of the namespace's other applications (at their maximum) that the PDB's selector also covers: a
 * budget over several systems may keep only the others' pods. Another track of the same application (a
 * canary: same containers, same image repositories) is the system's own pods.
 */
function otherPodsCovered(pdb: Resource, workload: Resource, estate: Estate): number {
  const namespace = namespaceOf(workload);
  let pods = 0;
  for (const type of LONG_RUNNING_TYPES) {
    for (const other of estate.byType(type, workload.environment)) {
      if (other === workload || namespaceOf(other) !== namespace || runsSameApplication(other, workload)) continue;
      if (labelSelectorMatches(get(pdb.values, 'spec[0].selector'), podLabels(other)) !== 'match') continue;
      pods += podCount(other, estate).max ?? 1;
    }
  }
  return pods;
}

export const coreDisruptionBudget: ResourceRule = {
  id: 'availability/core-disruption-budget',
  profile: 'platform',
  title: 'Core clinical systems keep the plan’s minimum of pods running through node drains',
  severity: 'high',
  rationale:
    'Node drains during maintenance evict pods as fast as the PodDisruptionBudget allows. A budget with min_available 0, max_unavailable 100 % (or ≥ the replicas), a percentage that rounds to nothing, or a selector that misses the pods lets a drain stop every replica of HIS, EMR or LIS at once.',
  remediation:
    'Give every core system (policies/plan.yaml: clinicalSystems.*.core) a `kubernetes_pod_disruption_budget_v1` in its namespace whose selector matches its pods and that keeps at least availability.coreMinAvailableDuringDisruption pods at its minimum replica count (e.g. `min_available = 1` with ≥ 2 replicas, or `max_unavailable = 1`); percentages round up (max_unavailable "50%" of 2 pods lets 1 go).',
  resourceTypes: SCALABLE_TYPES,
  controls: { ...AVAILABILITY_CONTROLS, operationsPlan: 'ops-3.3' },
  planKeys: ['clinicalSystems', 'availability.coreMinAvailableDuringDisruption'],
  scope: 'resource',
  evaluate(resource, estate) {
    const skipped = outsideCoreScope(resource, estate, 'the stable Deployment carries the disruption budget');
    if (skipped) return skipped;
    const required = planOf(estate).availability.coreMinAvailableDuringDisruption;
    const planNote = `(plan: availability.coreMinAvailableDuringDisruption = ${required})`;
    const count = podCount(resource, estate);
    if (count.unknown) return { status: 'fail', message: `${count.unknown} ${FAIL_CLOSED}` };
    const ownPods = count.min ?? 0;
    const budgets = pdbsOf(resource, estate);
    const unknown = budgets.filter((entry) => entry.match === 'unknown').map((entry) => entry.pdb.address);
    const selecting = budgets.filter((entry) => entry.match === 'match').map((entry) => entry.pdb);
    if (selecting.length === 0) {
      const why = unknown.length ? `; the selector of ${unknown.join(', ')} ${FAIL_CLOSED}` : '';
      return { status: 'fail', message: `no PodDisruptionBudget in its namespace selects its pods${why}: a drain may evict every pod ${planNote}` };
    }
    const judged = selecting.map((pdb) => ({ pdb, guarantee: pdbGuarantee(pdb, ownPods, otherPodsCovered(pdb, resource, estate)) }));
    const kept = judged.flatMap(({ pdb, guarantee }) => ('kept' in guarantee ? [{ pdb, ...guarantee }] : []));
    const best = kept.sort((a, b) => b.kept - a.kept)[0];
    if (best && best.kept >= required) {
      return {
        status: 'pass',
        message: `covered by ${best.pdb.address}: ${best.how} at its minimum of ${ownPods} pod(s), keeping ${best.kept} ≥ ${required}`,
        details: { pdb: best.pdb.address, kept: best.kept, pods: ownPods },
      };
    }
    const reasons = judged.map(({ pdb, guarantee }) =>
      'kept' in guarantee
        ? `${pdb.address}: ${guarantee.how} at the workload's minimum of ${ownPods} pod(s), keeping ${guarantee.kept} of its pods`
        : guarantee.problem,
    );
    return {
      status: 'fail',
      message: `${reasons.join('; ')}: fewer than ${required} pod(s) stay through a node drain ${planNote}`,
      details: { pods: ownPods },
    };
  },
};
