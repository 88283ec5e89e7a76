import { HPA_TYPES, isCanary, namespaceOf, objectName, SCALABLE_TYPES, workloadLabels } from '../../kubernetes';
import { LABELS } from '../../labels';
import { isUnknown, type Estate, type Resource, type ResourceRule } from '../../model';
import { isPlannedWorkload, planOf } from '../../plan/facts';
import { get } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { AVAILABILITY_CONTROLS } from './core-replicas';
import { metricsProblem, scaleUpTime, targetReferenceProblem } from './autoscaler';
import { quotaProblems } from './quota';
import { hpaBounds, hpasFor } from './scaling';

export const registrationAutoscaling: ResourceRule = {
  id: 'availability/registration-autoscaling',
  profile: 'platform',
  title: 'The registration service autoscales between the plan’s bounds (5 → 10)',
  severity: 'high',
  rationale: 'Registration takes the morning peak of the outpatient department; the operations plan sizes it at 5 replicas, scaling to 10.',
  remediation:
    'Give the registration workload (policies/plan.yaml: clinicalSystems.registration.workload) exactly one HPA (`kubernetes_horizontal_pod_autoscaler_v2`, scale_target_ref `apps/v1` Deployment of that name) with `min_replicas` and `max_replicas` at least the plan’s availability.registration bounds (5 and 10), a scale-up behavior that reaches the maximum within availability.registration.scaleUpWithinMinutes (not `Disabled`, no long stabilization window, policies that add pods), a metric the pods can reach (a utilization target below limits/requests), and a namespace ResourceQuota that admits the maximum.',
  resourceTypes: SCALABLE_TYPES,
  controls: { ...AVAILABILITY_CONTROLS, operationsPlan: 'ops-3.2' },
  planKeys: ['availability.registration', 'clinicalSystems.registration.workload'],
  scope: 'resource',
  evaluate(resource, estate) {
    const plan = planOf(estate);
    const { system, minReplicas, maxReplicas, scaleUpWithinMinutes } = plan.availability.registration;
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
    if (hpas.length === 0) {
      const elsewhere = otherTargets(resource, estate);
      return { status: 'fail', message: `no HPA targets the registration service (expected ${minReplicas}→${maxReplicas})${elsewhere}` };
    }
    if (hpas.length > 1) {
      return {
        status: 'fail',
        message: `${hpas.map((hpa) => hpa.address).join(' and ')} all target it: the HPA controller refuses to scale a target several autoscalers select`,
      };
    }
    const hpa = hpas[0]!;
    const bounds = hpaBounds(hpa);
    if (bounds.unknown) return { status: 'fail', message: `${hpa.address} replica bounds ${FAIL_CLOSED}` };
    const details = { min: bounds.min, max: bounds.max };
    if ((bounds.min ?? 0) < minReplicas || (bounds.max ?? 0) < maxReplicas) {
      return {
        status: 'fail',
        message: `${hpa.address} scales ${bounds.min ?? '?'}→${bounds.max ?? '?'} (expected at least ${minReplicas}→${maxReplicas})`,
        details,
      };
    }
    const problems: string[] = [];
    const broken = targetReferenceProblem(hpa, resource);
    if (broken) problems.push(broken);
    const bound = scaleUpWithinMinutes * 60;
    const scaleUp = scaleUpTime(hpa, bounds.min!, maxReplicas, bound);
    if ('unknown' in scaleUp) problems.push(`${hpa.address} ${scaleUp.unknown}`);
    else if ('never' in scaleUp)
      problems.push(
        `${hpa.address} does not reach ${maxReplicas} pods within ${scaleUpWithinMinutes} minutes of the load rising: ${scaleUp.never} (plan: availability.registration.scaleUpWithinMinutes)`,
      );
    const metrics = metricsProblem(hpa, resource);
    if (metrics) problems.push(metrics);
    problems.push(...quotaProblems(estate, resource, bounds.max!, `its HPA maximum of ${bounds.max} pods`));
    if (problems.length) return { status: 'fail', message: problems.join('; '), details };
    const seconds = 'seconds' in scaleUp ? scaleUp.seconds : 0;
    return {
      status: 'pass',
      message: `${hpa.address} scales ${bounds.min}→${bounds.max}, reaching ${maxReplicas} pods ${seconds} s after the load rises`,
      details: { ...details, scaleUpSeconds: seconds },
    };
  },
};

/** ` (… targets Deployment billing)` for HPAs of the namespace that scale something else, to say where they point. */
function otherTargets(workload: Resource, estate: Estate): string {
  const namespace = namespaceOf(workload);
  const others = HPA_TYPES.flatMap((type) => estate.byType(type, workload.environment))
    .filter((hpa) => namespaceOf(hpa) === namespace)
    .map(
      (hpa) =>
        `${hpa.address} targets ${String(get(hpa.values, 'spec[0].scale_target_ref[0].kind'))} ${String(get(hpa.values, 'spec[0].scale_target_ref[0].name'))}`,
    );
  return others.length ? ` (${others.join('; ')})` : '';
}
