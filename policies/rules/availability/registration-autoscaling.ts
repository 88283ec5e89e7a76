import { isCanary, namespaceOf, objectName, SCALABLE_TYPES, workloadLabels } from '../../kubernetes';
import { LABELS } from '../../labels';
import { isUnknown, type ResourceRule } from '../../model';
import { isPlannedWorkload, planOf } from '../../plan/facts';
import { FAIL_CLOSED } from '../workload/container-check';
import { AVAILABILITY_CONTROLS } from './core-replicas';
import { hpaBounds, hpasFor } from './scaling';

export const registrationAutoscaling: ResourceRule = {
  id: 'availability/registration-autoscaling',
  title: 'The registration service autoscales between the plan’s bounds (5 → 10)',
  severity: 'high',
  rationale: 'Registration takes the morning peak of the outpatient department; the operations plan sizes it at 5 replicas, scaling to 10.',
  remediation:
    'Give the registration workload (policies/plan.yaml: clinicalSystems.registration.workload) an HPA (`kubernetes_horizontal_pod_autoscaler_v2`) with `min_replicas` and `max_replicas` at least the plan’s availability.registration bounds (5 and 10).',
  resourceTypes: SCALABLE_TYPES,
  controls: { ...AVAILABILITY_CONTROLS, operationsPlan: 'ops-3.2' },
  planKeys: ['availability.registration', 'clinicalSystems.registration.workload'],
  scope: 'resource',
  evaluate(resource, estate) {
    const plan = planOf(estate);
    const { system, minReplicas, maxReplicas } = plan.availability.registration;
    const planned = plan.clinicalSystems[system]!.workload;
    // The plan names the registration workload; a workload elsewhere that calls itself registration is judged too.
    const isPlanned = isPlannedWorkload(resource, estate) && `${String(namespaceOf(resource))}/${objectName(resource)}` === planned;
    if (!isPlanned) {
      const name = workloadLabels(resource)[LABELS.appName];
      if (isUnknown(name)) return { status: 'fail', message: `label ${LABELS.appName} ${FAIL_CLOSED}` };
      if (name !== system) return { status: 'not-applicable', message: `not the registration service (${planned} in the plan)` };
      if (isCanary(resource)) return { status: 'not-applicable', message: 'canary track of a gray release: the HPA scales the stable Deployment' };
    }
    const hpas = hpasFor(resource, estate);
    if (hpas.length === 0) return { status: 'fail', message: `no HPA targets the registration service (expected ${minReplicas}→${maxReplicas})` };
    const hpa = hpas[0];
    const bounds = hpaBounds(hpa);
    if (bounds.unknown) return { status: 'fail', message: `${hpa.address} replica bounds ${FAIL_CLOSED}` };
    if ((bounds.min ?? 0) >= minReplicas && (bounds.max ?? 0) >= maxReplicas) {
      return { status: 'pass', message: `${hpa.address} scales ${bounds.min}→${bounds.max}`, details: { min: bounds.min, max: bounds.max } };
    }
    return {
      status: 'fail',
      message: `${hpa.address} scales ${bounds.min ?? '?'}→${bounds.max ?? '?'} (expected at least ${minReplicas}→${maxReplicas})`,
      details: { min: bounds.min, max: bounds.max },
    };
  },
};
