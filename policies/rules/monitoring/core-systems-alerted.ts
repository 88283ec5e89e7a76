import { DEPLOYMENT_TYPES, isCanary, namespaceOf, objectName, workloadLabels } from '../../kubernetes';
import { LABELS, LABEL_VALUES } from '../../labels';
import { isUnknown, type EstateRule } from '../../model';
import { alertRulesOf, matchesAll, releasesOf, selectorsOf } from './helm-facts';

/** The alert the operations plan names for a level-1 incident (core system down). */
export const CORE_SYSTEM_DOWN_ALERT = 'CoreSystemDown';
const AVAILABILITY_METRIC = 'kube_deployment_status_replicas_available';

export const coreSystemsAlerted: EstateRule = {
  id: 'monitoring/core-systems-alerted',
  title: 'Every core system is covered by the CoreSystemDown (P1) alert',
  severity: 'high',
  rationale:
    'A core system (HIS registration and billing, EMR, LIS) that goes down must page on-call within the 15-minute level-1 response time. ' +
    'A core Deployment missing from the CoreSystemDown expression would fail silently.',
  remediation:
    'Install kube-prometheus-stack through helm_release with an alert named CoreSystemDown (severity P1) in additionalPrometheusRulesMap whose ' +
    '`kube_deployment_status_replicas_available` selector matches the Deployment’s namespace and name (constructs/monitoring derives it from clinicalSystems.*.core).',
  resourceTypes: [...DEPLOYMENT_TYPES, 'helm_release'],
  controls: { mlps: ['8.1.5.4', '8.1.4.3'], hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'], operationsPlan: 'ops-8.1' },
  scope: 'estate',
  evaluate(estate) {
    return estate.environments.flatMap((environment) => {
      const core = DEPLOYMENT_TYPES.flatMap((type) => estate.byType(type, environment)).filter(
        // A gray-release canary is a slice of a system whose stable Deployment carries the P1 alert.
        (resource) => workloadLabels(resource)[LABELS.tier] === LABEL_VALUES.coreTier && !isCanary(resource),
      );
      // Stryker disable next-line ConditionalExpression: only skips reading the releases; mapping no core Deployment gives no result either way
      if (core.length === 0) return [];
      const releases = releasesOf(estate, environment, 'kube-prometheus-stack');
      const alerts = releases.flatMap(alertRulesOf).filter((rule) => rule.alert === CORE_SYSTEM_DOWN_ALERT);
      const problems = releases.filter((release) => release.problem);
      return core.map((deployment) => {
        const subject = { resource: deployment.address, environment, file: deployment.file };
        const name = objectName(deployment);
        const namespace = namespaceOf(deployment);
        if (!name || isUnknown(namespace)) {
          return { ...subject, status: 'fail' as const, message: 'metadata[0].name or metadata[0].namespace is known only after apply; failing closed' };
        }
        if (releases.length === 0) {
          return { ...subject, status: 'fail' as const, message: `no kube-prometheus-stack helm_release in ${environment}: core system ${namespace}/${name} is not alerted on` };
        }
        if (alerts.length === 0 && problems.length > 0) {
          return { ...subject, status: 'fail' as const, message: `${problems[0]!.resource.address}: ${problems[0]!.problem}` };
        }
        const labels = { namespace: String(namespace), deployment: name };
        const covering = alerts.find(
          (alert) => alert.labels.severity === 'P1' && selectorsOf(alert.expr, AVAILABILITY_METRIC).some((matchers) => matchesAll(matchers, labels)),
        );
        if (!covering) {
          const found = alerts.length ? `${alerts.length} ${CORE_SYSTEM_DOWN_ALERT} rule(s) with severity ${alerts.map((alert) => alert.labels.severity ?? 'unset').join(', ')}, none selecting it` : `no alert named ${CORE_SYSTEM_DOWN_ALERT}`;
          return { ...subject, status: 'fail' as const, message: `core system ${namespace}/${name}: ${found} (additionalPrometheusRulesMap of ${releases.map((release) => release.resource.address).join(', ')})` };
        }
        return { ...subject, status: 'pass' as const, message: `core system ${namespace}/${name} pages on-call through ${CORE_SYSTEM_DOWN_ALERT} (P1) in ${covering.release.address}` };
      });
    });
  },
};
