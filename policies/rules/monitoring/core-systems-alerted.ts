import { DEPLOYMENT_TYPES, isCanary, namespaceOf, objectName, STATEFUL_SET_TYPES } from '../../kubernetes';
import { isUnknown, type EstateRule, type Resource } from '../../model';
import { coreness, planOf } from '../../plan/facts';
import { formatSeconds } from './alertmanager-routing';
import { atLeastAsUrgent, deliveriesOf, evaluationText, forSeconds, levelOf, minutes, routingLabels } from './incident-levels';
import { fires, PromqlUnsupported } from './promql-model';
import { monitoredEnvironments } from './scope';
import { workloadModel, type WatchedWorkload } from './series-models';

const WORKLOAD_TYPES = [...DEPLOYMENT_TYPES, ...STATEFUL_SET_TYPES];

const safeFires = (expr: string, model: ReturnType<typeof workloadModel>): boolean => {
  try {
    return fires(expr, model);
  } catch (error) {
    if (error instanceof PromqlUnsupported) return false;
    throw error;
  }
};

export const coreSystemsAlerted: EstateRule = {
  id: 'monitoring/core-systems-alerted',
  profile: 'platform',
  title: 'A core system that is down pages on-call at the plan’s level within its response time',
  severity: 'high',
  rationale:
    'A core system (HIS registration and billing, EMR, LIS) that goes down is a level-1 incident: on-call must be paged within 15 minutes (ops-8.1). ' +
    'An alert that misses a core Deployment, fires only after 30 minutes, carries a lower level, or lands on a receiver that only opens a ticket fails silently.',
  remediation:
    'Keep an alert in kube-prometheus-stack additionalPrometheusRulesMap that fires when a core system has no available replica ' +
    '(`kube_deployment_status_replicas_available{namespace=~…,deployment=~…} < 1`) with `severity` the plan’s monitoring.coreSystemDownLevel, and route that level ' +
    'to the pager with `for` + evaluation interval + group_wait within incidentLevels.<level>.respondWithinMinutes (constructs/monitoring).',
  resourceTypes: [...WORKLOAD_TYPES, 'helm_release'],
  controls: { mlps: ['8.1.5.4', '8.1.4.3', '8.1.10.12'], hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'], operationsPlan: 'ops-8.1' },
  planKeys: ['clinicalSystems', 'monitoring.coreSystemDownLevel', 'incidentLevels', 'monitoring.pager.urlPatterns'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const level = plan.monitoring.coreSystemDownLevel;
    const limitMinutes = minutes(plan, level);
    const planRef = `plan: monitoring.coreSystemDownLevel ${level}, incidentLevels.${level}.respondWithinMinutes ${limitMinutes}`;
    return monitoredEnvironments(estate).flatMap(({ environment, pipelines, missing }) => {
      // Core by the plan's word for the workload it names; a core label may only add a workload.
      const core: Resource[] = WORKLOAD_TYPES.flatMap((type) => estate.byType(type, environment)).filter(
        (resource) => !isCanary(resource) && coreness(resource, estate) !== 'not-core',
      );
      const watched: WatchedWorkload[] = core.map((resource) => ({
        kind: STATEFUL_SET_TYPES.includes(resource.type) ? 'statefulset' : 'deployment',
        namespace: String(namespaceOf(resource)),
        name: objectName(resource) ?? '',
      }));
      const healthy = workloadModel(watched, -1, 2);
      return core.map((workload, index) => {
        const subject = { resource: workload.address, environment, file: workload.file };
        const name = objectName(workload);
        const namespace = namespaceOf(workload);
        if (!name || isUnknown(namespace))
          return { ...subject, status: 'fail' as const, message: 'metadata[0].name or metadata[0].namespace is known only after apply; failing closed' };
        const what = `core system ${String(namespace)}/${name}`;
        if (missing) return { ...subject, status: 'fail' as const, message: `${what} is not alerted on: ${missing}` };
        const down = workloadModel(watched, index, 0);
        const problems: string[] = [];
        for (const pipeline of pipelines) {
          for (const rule of pipeline.rules) {
            if (!safeFires(rule.expr, down) || safeFires(rule.expr, healthy)) continue;
            const ruleLevel = levelOf(plan, rule);
            if (!atLeastAsUrgent(plan, ruleLevel, level)) {
              problems.push(`${rule.alert} fires with severity ${rule.labels.severity ?? 'unset'}, not ${level}`);
              continue;
            }
            const forValue = forSeconds(rule);
            if (forValue === undefined) {
              problems.push(`${rule.alert}: for "${rule.for}" is not a duration`);
              continue;
            }
            if (pipeline.routingProblem) {
              problems.push(pipeline.routingProblem);
              continue;
            }
            const deliveries = deliveriesOf(pipeline, routingLabels(rule), plan, {
              forSeconds: forValue,
              forText: rule.for ?? '0s',
              evaluationSeconds: rule.evaluationSeconds,
              evaluationText: evaluationText(rule, pipeline.evaluationSource),
            });
            const paging = deliveries.filter((delivery) => delivery.pages);
            if (paging.length === 0) {
              problems.push(
                `${rule.alert} (${rule.labels.severity}) lands on ${deliveries.map((delivery) => `receiver ${delivery.route.receiver} (${delivery.route.path})`).join(', ')}, which pages nobody (${[...new Set(deliveries.flatMap((delivery) => delivery.notPaging))].join('; ')}; plan: monitoring.pager.urlPatterns)`,
              );
              continue;
            }
            const inTime = paging.find((delivery) => delivery.worstSeconds <= limitMinutes * 60 && delivery.route.timeIntervals.length === 0);
            if (!inTime) {
              const late = paging[0]!;
              problems.push(
                late.route.timeIntervals.length > 0
                  ? `${rule.alert} pages through ${late.route.path}, which has ${late.route.timeIntervals.join(', ')}: not 7×24`
                  : `${rule.alert}: ${late.breakdown} = ${formatSeconds(late.worstSeconds)} > ${limitMinutes} min`,
              );
              continue;
            }
            return {
              ...subject,
              status: 'pass' as const,
              message: `${what} pages on-call through ${rule.alert} (${rule.labels.severity}) in ${pipeline.release.address}: receiver ${inTime.route.receiver}, ${formatSeconds(inTime.worstSeconds)} at worst ≤ ${limitMinutes} min (${planRef})`,
            };
          }
        }
        const found = problems.length > 0 ? problems.join('; ') : 'no alert of additionalPrometheusRulesMap fires when it has no available replica';
        return { ...subject, status: 'fail' as const, message: `${what}: ${found} (${planRef})` };
      });
    });
  },
};
