import { DEPLOYMENT_TYPES, isCanary, namespaceOf, objectName } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { parseWorkloadRef, planOf } from '../../plan/facts';
import { hpaBounds, hpasFor } from '../availability/scaling';
import { atLeastAsUrgent } from './incident-levels';
import { monitoredEnvironments, type EstateResult } from './scope';
import { registrationModel, type RegistrationState } from './series-models';
import { proveThreshold, type Situation } from './threshold-proof';

export const registrationCapacityAlerts: EstateRule = {
  id: 'monitoring/registration-capacity-alerts',
  profile: 'platform',
  title: 'Registration out of headroom (at its HPA maximum) or below its minimum pages on-call at the plan’s level',
  severity: 'medium',
  rationale:
    'The operations plan sizes registration at 5 pods, scaling to 10 for the morning peak (ops-3.2), and has on-call respond to degraded service within the level-2 ' +
    'response time (ops-8.1). Autoscaling hides the problem until it runs out: registration at its HPA maximum queues the next surge, and pods unavailable below the ' +
    'minimum mean the peak arrives on a short-handed service. Without an alert on either, the first sign is the queue at the desk.',
  remediation:
    'Keep alerts in kube-prometheus-stack additionalPrometheusRulesMap on kube-state-metrics series: one firing when ' +
    '`kube_horizontalpodautoscaler_status_current_replicas >= kube_horizontalpodautoscaler_spec_max_replicas` for the registration HPA, and one when ' +
    '`kube_deployment_status_replicas_available` of the registration Deployment is below availability.registration.minReplicas, each with severity ' +
    'availability.registration.capacityAlertLevel or more urgent (constructs/monitoring RegistrationAtMaxCapacity, RegistrationCapacityLow).',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.5.4', '8.1.10.6', '8.1.10.12'], hipaa: ['164.308(a)(7)(ii)(C)', '164.312(b)'], operationsPlan: 'ops-8.1' },
  planKeys: ['availability.registration', 'clinicalSystems.registration.workload', 'incidentLevels'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const { system, minReplicas, maxReplicas, capacityAlertLevel } = plan.availability.registration;
    const planned = plan.clinicalSystems[system];
    if (!planned) return [];
    const ref = parseWorkloadRef(planned.workload);
    return monitoredEnvironments(estate).flatMap(({ environment, pipelines, subject, missing }): EstateResult[] => {
      const deployment = DEPLOYMENT_TYPES.flatMap((type) => estate.byType(type, environment)).find(
        (resource) => !isCanary(resource) && namespaceOf(resource) === ref.namespace && objectName(resource) === ref.name,
      );
      // availability/registration-autoscaling reports a missing registration workload; without one there is nothing to watch here.
      if (!deployment) return [];
      const hpa = hpasFor(deployment, estate)[0];
      const hpaMax = hpa ? hpaBounds(hpa).max : undefined;
      // The HPA's own maximum when it is larger: "at its maximum" is where the autoscaler stops.
      const ceiling = Math.max(maxReplicas, hpaMax ?? 0);
      const base: Omit<RegistrationState, 'current' | 'available'> = {
        namespace: ref.namespace,
        deployment: ref.name,
        hpa: (hpa && objectName(hpa)) ?? ref.name,
        minReplicas,
        maxReplicas: ceiling,
      };
      const planRef = `plan: availability.registration minReplicas ${minReplicas}, maxReplicas ${maxReplicas}${hpaMax && hpaMax > maxReplicas ? ` (HPA maximum ${hpaMax})` : ''}, capacityAlertLevel ${capacityAlertLevel}`;
      if (missing) return [{ ...subject, status: 'fail', message: `registration capacity: ${missing} (${planRef})` }];
      const levelProblem = (rule: { labels: Record<string, string> }) =>
        atLeastAsUrgent(plan, rule.labels.severity, capacityAlertLevel)
          ? undefined
          : `severity ${rule.labels.severity ?? 'unset'} is less urgent than ${capacityAlertLevel}`;
      const healthy = registrationModel({ ...base, current: minReplicas, available: minReplicas });
      const questions: readonly { name: string; mustFire: Situation[] }[] = [
        {
          name: 'at its HPA maximum',
          mustFire: [
            { label: `${ceiling} of ${ceiling} replicas (HPA at maxReplicas)`, model: registrationModel({ ...base, current: ceiling, available: ceiling }) },
          ],
        },
        {
          name: 'below its minimum',
          mustFire: [
            {
              label: `${minReplicas - 1} of ${minReplicas} replicas available`,
              model: registrationModel({ ...base, current: minReplicas, available: minReplicas - 1 }),
            },
            { label: `0 of ${minReplicas} replicas available`, model: registrationModel({ ...base, current: minReplicas, available: 0 }) },
          ],
        },
      ];
      return questions.map(({ name, mustFire }): EstateResult => {
        const answer = proveThreshold(pipelines, plan, { mustFire, healthy, levelProblem });
        if (!answer.proven) {
          return {
            ...subject,
            status: 'fail',
            message: `registration ${name}: no alert of additionalPrometheusRulesMap fires at ${answer.missed!.label} of ${ref.namespace}/${ref.name}${answer.notes.length ? `; ${answer.notes.join('; ')}` : ''} (${planRef})`,
          };
        }
        return {
          ...subject,
          status: 'pass',
          message: `registration ${name}: ${answer.alerts.map((alert) => `${alert.alert} (${alert.labels.severity})`).join(', ')} fire(s) (${planRef})`,
        };
      });
    });
  },
};
