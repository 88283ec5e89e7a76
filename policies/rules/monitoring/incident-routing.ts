import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import type { OperationsPlan } from '../../plan/schema';
import { couldInhibit, formatSeconds, type AlertLabels } from './alertmanager-routing';
import type { AlertPipeline } from './alert-pipeline';
import { atLeastAsUrgent, deliveriesOf, evaluationText, forSeconds, levelOf, levelsOf, minutes, routingLabels } from './incident-levels';
import { monitoredEnvironments, type EstateResult } from './scope';

interface Probe {
  /** `CoreSystemDown` or `any P1 alert`. */
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly forSeconds: number;
  readonly forText: string;
  readonly evaluationSeconds: number;
  readonly evaluationText: string;
}

/** Every alert rule at the level, and an alert carrying nothing but the level (alerts of other sources). */
function probesOf(pipeline: AlertPipeline, plan: OperationsPlan, level: string): { probes: Probe[]; problems: string[] } {
  const problems: string[] = [];
  const probes: Probe[] = [
    {
      name: `an alert with severity ${level}`,
      labels: { alertname: '', severity: level },
      forSeconds: 0,
      forText: '0s',
      evaluationSeconds: 0,
      evaluationText: '0s',
    },
  ];
  for (const rule of pipeline.rules) {
    if (levelOf(plan, rule) !== level) continue;
    const seconds = forSeconds(rule);
    if (seconds === undefined) {
      problems.push(`${rule.alert}: for "${rule.for}" is not a duration`);
      continue;
    }
    probes.push({
      name: rule.alert,
      labels: routingLabels(rule),
      forSeconds: seconds,
      forText: rule.for ?? '0s',
      evaluationSeconds: rule.evaluationSeconds,
      evaluationText: evaluationText(rule, pipeline.evaluationSource),
    });
  }
  return { probes, problems };
}

/** Labels an inhibiting alert may carry: each alert rule below the level, and a bare alert of each lower level. */
function lessUrgentSources(pipeline: AlertPipeline, plan: OperationsPlan, level: string): { name: string; labels: AlertLabels }[] {
  const templated = (labels: Record<string, string>): AlertLabels =>
    Object.fromEntries(Object.entries(labels).map(([key, value]) => [key, value.includes('{{') ? undefined : value]));
  return [
    ...pipeline.rules
      .filter((rule) => !atLeastAsUrgent(plan, levelOf(plan, rule), level))
      .map((rule) => ({ name: `${rule.alert} (${rule.labels.severity ?? 'no severity'})`, labels: templated({ alertname: rule.alert, ...rule.labels }) })),
    ...levelsOf(plan)
      .filter((other) => !atLeastAsUrgent(plan, other, level))
      .map((other) => ({ name: `an alert with severity ${other}`, labels: { severity: other } as AlertLabels })),
  ];
}

export const incidentRouting: EstateRule = {
  id: 'monitoring/incident-routing',
  profile: 'platform',
  title: 'Each incident level reaches on-call within its response time; the most urgent levels page',
  severity: 'high',
  rationale:
    'The operations plan (ops-8.1) promises a response within 15 minutes (level 1), 1 hour (level 2) and 2 hours (level 3). Alertmanager decides whether that can ' +
    'happen: which receiver an alert reaches, how long it waits before the first notification, how often it repeats, and whether a less urgent alert can inhibit it. ' +
    'A P1 routed to the ticket queue, a 20-minute group_wait, a 4-hour repeat or an inhibit rule that lets a P3 silence a P1 all break the promise.',
  remediation:
    'In kube-prometheus-stack alertmanager.config, route every level (severity label) to a receiver with endpoints, with `for` + evaluation interval + ' +
    'max(group_wait, group_interval) and repeat_interval within incidentLevels.<level>.respondWithinMinutes; route levels as urgent as monitoring.coreSystemDownLevel ' +
    'to a receiver posting to the pager (monitoring.pager.urlPatterns), without mute/active time intervals; let inhibit rules silence only less urgent alerts.',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.5.4', '8.1.10.12', '8.1.10.13'], hipaa: ['164.308(a)(6)(ii)', '164.308(a)(1)(ii)(D)'], operationsPlan: 'ops-8.1' },
  planKeys: ['incidentLevels', 'monitoring.coreSystemDownLevel', 'monitoring.pager.urlPatterns'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const pagingLevel = plan.monitoring.coreSystemDownLevel;
    return monitoredEnvironments(estate).flatMap(({ pipelines, subject, missing }): EstateResult[] => {
      if (missing) return [{ ...subject, status: 'fail' as const, message: missing }];
      return pipelines.flatMap((pipeline) =>
        levelsOf(plan).map((level) => {
          const result = { resource: pipeline.release.address, environment: subject.environment, file: pipeline.release.file };
          const limit = minutes(plan, level);
          const planRef = `plan: incidentLevels.${level}.respondWithinMinutes ${limit}`;
          if (pipeline.routingProblem)
            return { ...result, status: 'fail' as const, message: `${pipeline.routingProblem}; alerts of level ${level} cannot be routed (${planRef})` };
          const mustPage = atLeastAsUrgent(plan, level, pagingLevel);
          const { probes, problems } = probesOf(pipeline, plan, level);
          for (const probe of probes) {
            for (const delivery of deliveriesOf(pipeline, probe.labels, plan, probe)) {
              const where = `${probe.name} → ${delivery.route.path} → receiver ${delivery.route.receiver}`;
              if (delivery.endpoints === undefined) problems.push(`${where}: no receiver of that name in alertmanager.config.receivers`);
              else if (delivery.endpoints.length === 0) problems.push(`${where}, which notifies nobody (no *_configs entry with a url)`);
              else if (mustPage && !delivery.pages)
                problems.push(
                  `${where}, which pages nobody (${delivery.notPaging.join('; ')}; plan: monitoring.pager.urlPatterns, ${level} is as urgent as monitoring.coreSystemDownLevel ${pagingLevel})`,
                );
              if (delivery.worstSeconds > limit * 60) problems.push(`${where}: ${delivery.breakdown} = ${formatSeconds(delivery.worstSeconds)} > ${limit} min`);
              if (delivery.route.repeatInterval > limit * 60)
                problems.push(
                  `${where}: repeat_interval ${formatSeconds(delivery.route.repeatInterval)} (${delivery.route.timingSource.repeatInterval}) > ${limit} min`,
                );
              if (delivery.route.timeIntervals.length > 0) problems.push(`${where}: ${delivery.route.timeIntervals.join(', ')} (not 7×24)`);
            }
          }
          if (mustPage) {
            const sources = lessUrgentSources(pipeline, plan, level);
            for (const rule of pipeline.inhibitRules) {
              for (const target of probes) {
                const source = sources.find((candidate) => couldInhibit(rule, candidate.labels, target.labels));
                if (!source) continue;
                problems.push(`alertmanager.config.${rule.path} lets ${source.name} inhibit ${target.name} (${level})`);
                break;
              }
            }
          }
          if (problems.length > 0) return { ...result, status: 'fail' as const, message: `level ${level}: ${[...new Set(problems)].join('; ')} (${planRef})` };
          const receivers = [
            ...new Set(probes.flatMap((probe) => deliveriesOf(pipeline, probe.labels, plan, probe).map((delivery) => delivery.route.receiver))),
          ];
          return {
            ...result,
            status: 'pass' as const,
            message: `level ${level} (${probes.length - 1} alert rule(s)) reaches ${receivers.join(', ')}${mustPage ? ' (pager)' : ''} within ${limit} min, repeating within it (${planRef})`,
          };
        }),
      );
    });
  },
};
