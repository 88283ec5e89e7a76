/**
 * The alert pipeline actually runs and has something to read: Prometheus and Alertmanager with at
 * least one replica (alert-pipeline.ts counts replicas 0 as broken), node-exporter and
 * kube-state-metrics enabled, and every series an alert rule reads published by an exporter that this
 * configuration deploys and Prometheus scrapes. An alert on a series nobody exports never fires, and
 * PromQL cannot tell "healthy" from "not measured".
 */
import type { Estate, EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { isObject, type Values } from '../../values';
import { at, type AlertPipeline } from './alert-pipeline';
import { releasesOf } from './helm-facts';
import { machineRoomEnvironments, SNMP_EXPORTER_CHART } from './machine-room';
import { metricsOf, PromqlUnsupported } from './promql-model';
import { monitoredEnvironments, type EstateResult } from './scope';

const flag = (value: unknown): boolean | undefined => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined);

interface Exporter {
  /** Who publishes the series, for messages. */
  readonly name: string;
  /** Whether a metric name is one of its series. */
  readonly publishes: (metric: string) => boolean;
  /** Why it does not run or is not scraped in this environment (undefined: it runs). */
  readonly problem: (pipeline: AlertPipeline, estate: Estate, environment: string) => string | undefined;
}

/** The release label kube-prometheus-stack selects ServiceMonitors by (serviceMonitorSelectorNilUsesHelmValues, the default). */
const selectsServiceMonitors = (pipeline: AlertPipeline, labels: unknown): boolean => {
  if (flag(at(pipeline.values, 'prometheus', 'prometheusSpec', 'serviceMonitorSelectorNilUsesHelmValues')) === false) return true;
  return isObject(labels) && String(labels.release) === String(pipeline.release.values.name ?? '');
};

const replicasProblem = (values: Values, key: string, what: string): string | undefined => {
  const replicas = at(values, ...key.split('.'));
  return replicas !== undefined && replicas !== null && !(Number(replicas) >= 1) ? `${what} ${key} is ${String(replicas)}` : undefined;
};

/**
 * Exporters by the series they publish. Series of the applications (`http_request_duration_seconds`)
 * and of Prometheus itself are not judged here: their source is the workload, not a release.
 */
const EXPORTERS: readonly Exporter[] = [
  {
    name: 'node-exporter (kube-prometheus-stack nodeExporter)',
    publishes: (metric) => metric.startsWith('node_') || /^instance(_\w+)?:node_/.test(metric),
    problem: (pipeline) => (flag(at(pipeline.values, 'nodeExporter', 'enabled')) === false ? 'nodeExporter.enabled is false' : undefined),
  },
  {
    name: 'kube-state-metrics (kube-prometheus-stack kubeStateMetrics)',
    publishes: (metric) => metric.startsWith('kube_'),
    problem: (pipeline) =>
      flag(at(pipeline.values, 'kubeStateMetrics', 'enabled')) === false
        ? 'kubeStateMetrics.enabled is false'
        : replicasProblem(pipeline.values, 'kube-state-metrics.replicas', 'kube-prometheus-stack'),
  },
  {
    name: `the SNMP exporter (${SNMP_EXPORTER_CHART})`,
    // APC PowerNet-MIB (upsBasic…, upsAdv…, iemStatus…) and RFC 1628 UPS-MIB (ups…) as the stock modules name them.
    publishes: (metric) => /^(ups[A-Z]|iem[A-Z])/.test(metric),
    problem: (_pipeline, estate, environment) => {
      // The plan has a machine room only where production runs (ops-10.3); elsewhere these alerts may idle.
      if (!machineRoomEnvironments(estate).includes(environment)) return undefined;
      const releases = releasesOf(estate, environment, SNMP_EXPORTER_CHART);
      if (releases.length === 0) return `no ${SNMP_EXPORTER_CHART} helm_release in ${environment}`;
      const running = releases.find(
        (release) => !replicasProblem(release.values, 'replicas', '') && flag(at(release.values, 'serviceMonitor', 'enabled')) === true,
      );
      return running ? undefined : `${releases[0]!.resource.address}: replicas 0 or serviceMonitor.enabled not true`;
    },
  },
  {
    name: 'Falco’s metrics endpoint (falco metrics + serviceMonitor)',
    publishes: (metric) => metric.startsWith('falcosecurity_'),
    problem: (pipeline, estate, environment) => {
      const releases = releasesOf(estate, environment, 'falco');
      if (releases.length === 0) return `no falco helm_release in ${environment}`;
      const reasons = releases.map((release) => {
        if (flag(at(release.values, 'metrics', 'enabled')) !== true) return `${release.resource.address}: metrics.enabled is not true`;
        if (flag(at(release.values, 'serviceMonitor', 'create')) !== true) return `${release.resource.address}: serviceMonitor.create is not true`;
        if (!selectsServiceMonitors(pipeline, at(release.values, 'serviceMonitor', 'labels')))
          return `${release.resource.address}: serviceMonitor.labels lack release=${String(pipeline.release.values.name ?? '')}, so Prometheus does not scrape it`;
        return undefined;
      });
      return reasons.some((reason) => reason === undefined) ? undefined : reasons[0];
    },
  },
];

export const alertPipelineRuns: EstateRule = {
  id: 'monitoring/alert-pipeline-runs',
  profile: 'platform',
  title: 'The alert pipeline runs: Prometheus and Alertmanager have replicas, and every alert’s series has an exporter',
  severity: 'high',
  rationale:
    'The operations plan’s thresholds and response times (ops-8.1, ops-10.3) hold only if something measures and something routes: Prometheus and Alertmanager scaled to 0 or ' +
    'disabled, node-exporter (disk, CPU, memory) or kube-state-metrics (core systems, registration capacity) switched off, or an alert on UPS or Falco series whose exporter is ' +
    'not deployed, all leave alert rules that read nothing and therefore never fire: silence that looks like health.',
  remediation:
    'In kube-prometheus-stack keep prometheus.prometheusSpec.replicas and alertmanager.alertmanagerSpec.replicas ≥ 1 (environments/<env>.yaml monitoring.prometheus.replicas, ' +
    'monitoring.alertmanager.replicas), alertmanager.enabled, nodeExporter.enabled and kubeStateMetrics.enabled; deploy the exporter of every alert’s series: prometheus-snmp-exporter ' +
    'with serviceMonitor.enabled for UPS/temperature series, falco metrics.enabled with serviceMonitor.create and the release label for falcosecurity_* series.',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.5.4', '8.1.10.6', '8.1.10.12'], hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'], operationsPlan: 'ops-8.1' },
  planKeys: ['monitoring.thresholds', 'monitoring.machineRoom', 'incidentLevels'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const planRef = `plan: ops-8.1 monitoring.thresholds disk ${plan.monitoring.thresholds.diskUsagePercent} %, cpu ${plan.monitoring.thresholds.cpuUsagePercent} %, memory ${plan.monitoring.thresholds.memoryUsagePercent} %`;
    return monitoredEnvironments(estate).flatMap(({ environment, pipelines, subject, missing }): EstateResult[] => {
      if (missing) return [{ ...subject, status: 'fail', message: `${missing} (${planRef})` }];
      return pipelines.map((pipeline): EstateResult => {
        const result = { resource: pipeline.release.address, environment, file: pipeline.release.file };
        const problems: string[] = [];
        // node-exporter and kube-state-metrics feed the plan's disk/CPU/memory and core-system alerts whether or not an alert reads them today.
        for (const exporter of EXPORTERS.slice(0, 2)) {
          const problem = exporter.problem(pipeline, estate, environment);
          if (problem) problems.push(`${problem}: ${exporter.name} does not run`);
        }
        const unexported = new Map<string, string[]>();
        for (const rule of pipeline.rules) {
          let metrics: ReadonlySet<string>;
          try {
            metrics = metricsOf(rule.expr);
          } catch (error) {
            if (!(error instanceof PromqlUnsupported)) throw error;
            continue;
          }
          for (const metric of metrics) {
            const exporter = EXPORTERS.find((candidate) => candidate.publishes(metric));
            const problem = exporter?.problem(pipeline, estate, environment);
            if (!exporter || !problem) continue;
            const key = `${exporter.name}: ${problem}`;
            unexported.set(key, [...new Set([...(unexported.get(key) ?? []), `${rule.alert} (${metric})`])]);
          }
        }
        for (const [why, alerts] of unexported) problems.push(`${alerts.join(', ')} read series no exporter publishes: ${why}`);
        if (problems.length > 0) return { ...result, status: 'fail', message: `${[...new Set(problems)].join('; ')} (${planRef})` };
        const replicas = (path: string[], fallback: number) => Number(at(pipeline.values, ...path) ?? fallback);
        return {
          ...result,
          status: 'pass',
          message: `Prometheus ×${replicas(['prometheus', 'prometheusSpec', 'replicas'], 1)} and Alertmanager ×${replicas(['alertmanager', 'alertmanagerSpec', 'replicas'], 1)} run; node-exporter and kube-state-metrics enabled; the series of all ${pipeline.rules.length} alert rule(s) have an exporter (${planRef})`,
        };
      });
    });
  },
};
