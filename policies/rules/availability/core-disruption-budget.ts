import { SCALABLE_TYPES, workloadLabels } from '../../kubernetes';
import { LABELS, LABEL_VALUES } from '../../labels';
import { isUnknown, type ResourceRule } from '../../model';
import { FAIL_CLOSED } from '../workload/container-check';
import { AVAILABILITY_CONTROLS } from './core-replicas';
import { pdbsFor } from './scaling';

export const coreDisruptionBudget: ResourceRule = {
  id: 'availability/core-disruption-budget',
  title: 'Core clinical systems have a PodDisruptionBudget',
  severity: 'high',
  rationale: 'Node drains during maintenance may evict every replica at once unless a PodDisruptionBudget keeps some running.',
  remediation: 'Add a `kubernetes_pod_disruption_budget_v1` in the same namespace whose `selector.match_labels` match the workload’s pod labels (e.g. `min_available = 1`).',
  resourceTypes: SCALABLE_TYPES,
  controls: { ...AVAILABILITY_CONTROLS, operationsPlan: 'ops-3.3' },
  scope: 'resource',
  evaluate(resource, estate) {
    const tier = workloadLabels(resource)[LABELS.tier];
    if (isUnknown(tier)) return { status: 'fail', message: `label ${LABELS.tier} ${FAIL_CLOSED}` };
    if (tier !== LABEL_VALUES.coreTier) return { status: 'not-applicable', message: 'not a core workload' };
    const pdbs = pdbsFor(resource, estate);
    return pdbs.length
      ? { status: 'pass', message: `covered by ${pdbs.map((pdb) => pdb.address).join(', ')}` }
      : { status: 'fail', message: 'no PodDisruptionBudget in its namespace selects its pods' };
  },
};
