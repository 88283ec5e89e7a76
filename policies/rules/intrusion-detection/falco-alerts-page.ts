import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { FALCO_PRIORITIES, type FalcoPriority } from '../../plan/schema';
import { formatSeconds, routesFor, endpointsOf } from '../monitoring/alertmanager-routing';
import { alertPipelines, type AlertPipeline } from '../monitoring/alert-pipeline';
import { isPagerEndpoint, minutes, pagingContext } from '../monitoring/incident-levels';
import { isObject } from '../../values';
import { at, falcoPriority, falcoReleases, passes } from './falco';
import { clinicalEnvironments, IDS_CONTROLS, type EstateResult } from './scope';

/** falcosidekick's Alertmanager `severity` per Falco priority when customseveritymap sets none (outputs/alertmanager.go). */
const DEFAULT_SEVERITY: Readonly<Record<FalcoPriority, string>> = {
  emergency: 'critical',
  alert: 'critical',
  critical: 'critical',
  error: 'warning',
  warning: 'warning',
  notice: 'information',
  informational: 'information',
  debug: 'information',
};
/** Falco's own spelling of a priority in the `priority` label falcosidekick sets. */
const LABEL_SPELLING: Readonly<Record<FalcoPriority, string>> = {
  emergency: 'Emergency',
  alert: 'Alert',
  critical: 'Critical',
  error: 'Error',
  warning: 'Warning',
  notice: 'Notice',
  informational: 'Informational',
  debug: 'Debug',
};

/** `a:b, c:d` (falcosidekick's comma-separated pairs). */
const pairs = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    String(value ?? '')
      .split(',')
      .map((pair) => pair.split(':').map((part) => part.trim()))
      .filter((pair) => pair.length >= 2 && pair[0])
      .map(([key, ...rest]) => [key!, rest.join(':')]),
  );

/** Whether a falcosidekick hostport (`http://svc.ns:9093`) names the Alertmanager Service of a pipeline. */
function reaches(hostport: string, pipeline: AlertPipeline, falcoNamespace: string): boolean {
  let url: URL;
  try {
    url = new URL(hostport.trim());
  } catch {
    return false;
  }
  const { name, namespace, port } = pipeline.alertmanagerService;
  const hosts = [`${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`, ...(namespace === falcoNamespace ? [name] : [])];
  const urlPort = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return hosts.includes(url.hostname) && urlPort === port;
}

export const falcoAlertsPage: EstateRule = {
  id: 'intrusion-detection/falco-alerts-page',
  profile: 'platform',
  title: 'Falco events at the plan’s paging priority reach the environment’s Alertmanager and page on-call',
  severity: 'high',
  rationale:
    'The operations plan (ops-8.2) has Falco events at or above its paging priority (warning) reach on-call (MLPS 2.0 8.1.3.3/8.1.4.4: alert on detected intrusions; ' +
    '8.1.5.4: centralized handling of security events). Falco’s minimum priority at emergency, falcosidekick disabled or posting to another Alertmanager or to its removed ' +
    'v1 API, or a severity that Alertmanager routes to the ticket queue, all turn an intrusion into a log line nobody reads.',
  remediation:
    'In the falco helm_release: falco.priority and falcosidekick.config.alertmanager.minimumpriority at or below intrusionDetection.falco.pagingPriority, ' +
    'falcosidekick.enabled true, falcosidekick.config.alertmanager.hostport the kube-prometheus-stack Alertmanager Service (http://<release>-alertmanager.<namespace>:9093), ' +
    'endpoint /api/v2/alerts, and customseveritymap/extralabels giving those events a severity Alertmanager routes to the pager (constructs/intrusion-detection).',
  resourceTypes: ['helm_release'],
  controls: IDS_CONTROLS,
  planKeys: ['intrusionDetection.falco.pagingPriority', 'monitoring.pager.urlPatterns', 'monitoring.coreSystemDownLevel'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const paging = plan.intrusionDetection.falco.pagingPriority;
    const planRef = `plan: intrusionDetection.falco.pagingPriority ${paging}`;
    return clinicalEnvironments(estate).flatMap((environment): EstateResult[] => {
      const releases = falcoReleases(estate, environment);
      if (releases.length === 0)
        return [
          {
            resource: 'helm_release.falco',
            environment,
            status: 'fail',
            message: `no falco helm_release in ${environment}: no intrusion event can page (${planRef})`,
          },
        ];
      const pipelines = alertPipelines(estate, environment).filter((pipeline) => pipeline.broken.length === 0);
      const verdicts = releases.map((release) => {
        const values = release.values;
        const problems: string[] = [];
        if (release.problem) problems.push(release.problem);
        const threshold = at(values, 'falco.priority') ?? 'debug';
        const priority = falcoPriority(threshold);
        if (!priority) problems.push(`falco.priority "${String(threshold)}" is no Falco priority`);
        else if (!passes(paging, priority)) problems.push(`falco.priority ${priority} drops ${paging} events (Falco loads only rules at ${priority} or above)`);
        const sidekick = at(values, 'falcosidekick.enabled');
        if (sidekick !== true && sidekick !== 'true') problems.push('falcosidekick.enabled is not true: Falco events are not forwarded to Alertmanager');
        const replicas = at(values, 'falcosidekick.replicaCount');
        if (replicas !== undefined && Number(replicas) < 1) problems.push(`falcosidekick.replicaCount is ${String(replicas)}: nothing forwards the events`);
        const httpUrl = at(values, 'falco.http_output.url');
        if (typeof httpUrl === 'string' && httpUrl !== '' && !httpUrl.includes('-falcosidekick'))
          problems.push(`falco.http_output.url ${httpUrl} sends the events past falcosidekick`);
        const alertmanager = at(values, 'falcosidekick.config.alertmanager');
        const hostports = String(at(values, 'falcosidekick.config.alertmanager.hostport') ?? '')
          .split(',')
          .filter((entry) => entry.trim() !== '');
        const falcoNamespace = String(release.resource.values.namespace ?? 'default');
        const target = pipelines.find((pipeline) => hostports.some((hostport) => reaches(hostport, pipeline, falcoNamespace)));
        if (hostports.length === 0) problems.push('falcosidekick.config.alertmanager.hostport is empty: the Alertmanager output is off');
        else if (!target)
          problems.push(
            `falcosidekick.config.alertmanager.hostport ${hostports.join(',')} is not the Alertmanager of ${environment} (${pipelines.map((pipeline) => `http://${pipeline.alertmanagerService.name}.${pipeline.alertmanagerService.namespace}:${pipeline.alertmanagerService.port}`).join(', ') || 'no working kube-prometheus-stack'})`,
          );
        const endpoint = String(at(values, 'falcosidekick.config.alertmanager.endpoint') ?? '/api/v1/alerts');
        if (endpoint !== '/api/v2/alerts')
          problems.push(`falcosidekick.config.alertmanager.endpoint is ${endpoint}: Alertmanager ≥ 0.27 accepts only /api/v2/alerts`);
        const minimumText = at(values, 'falcosidekick.config.alertmanager.minimumpriority') ?? '';
        const minimum = minimumText === '' ? 'debug' : falcoPriority(minimumText);
        if (!minimum) problems.push(`falcosidekick.config.alertmanager.minimumpriority "${String(minimumText)}" is no Falco priority`);
        else if (!passes(paging, minimum)) problems.push(`falcosidekick.config.alertmanager.minimumpriority ${minimum} drops ${paging} events`);
        if (target?.routing && problems.length === 0) {
          const severities = pairs(isObject(alertmanager) ? alertmanager.customseveritymap : undefined);
          const extra = pairs(isObject(alertmanager) ? alertmanager.extralabels : undefined);
          const limit = minutes(plan, plan.monitoring.coreSystemDownLevel) * 60;
          for (const level of FALCO_PRIORITIES.filter((candidate) => passes(candidate, paging))) {
            const custom = Object.entries(severities).find(([key]) => falcoPriority(key) === level)?.[1];
            const labels = {
              source: 'falco',
              rule: 'any',
              eventsource: 'syscall',
              priority: LABEL_SPELLING[level],
              severity: custom ?? DEFAULT_SEVERITY[level],
              ...extra,
            };
            const routes = routesFor(target.routing, labels);
            const context = pagingContext(target, plan);
            const pages = routes.filter((route) => (endpointsOf(target.config, route.receiver) ?? []).some((endpoint) => isPagerEndpoint(endpoint, context)));
            if (pages.length === 0) {
              problems.push(
                `a ${level} event (severity=${labels.severity}) lands on ${routes.map((route) => `receiver ${route.receiver} (${route.path})`).join(', ')}, which posts to no pager URL (plan: monitoring.pager.urlPatterns; set falcosidekick.config.alertmanager.customseveritymap)`,
              );
              break;
            }
            const slow = pages.find((route) => Math.max(route.groupWait, route.groupInterval) > limit);
            if (slow)
              problems.push(
                `a ${level} event pages through ${slow.path} only after ${formatSeconds(Math.max(slow.groupWait, slow.groupInterval))} > ${limit / 60} min`,
              );
          }
        }
        return { release, problems };
      });
      const good = verdicts.find((verdict) => verdict.problems.length === 0);
      const subject = (good ?? verdicts[0]!).release.resource;
      if (good)
        return [
          {
            resource: subject.address,
            environment,
            file: subject.file,
            status: 'pass',
            message: `Falco events at ${paging} and above reach ${pipelines[0]?.alertmanagerService.name ?? 'Alertmanager'} and page on-call (${planRef})`,
          },
        ];
      return [{ resource: subject.address, environment, file: subject.file, status: 'fail', message: `${verdicts[0]!.problems.join('; ')} (${planRef})` }];
    });
  },
};
