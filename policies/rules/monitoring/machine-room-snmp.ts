import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { isObject } from '../../values';
import type { OperationsPlan } from '../../plan/schema';
import { formatSeconds } from './alertmanager-routing';
import { alertPipelines, type AlertPipeline } from './alert-pipeline';
import { deliveriesOf, evaluationText, forSeconds, routingLabels } from './incident-levels';
import { metricsOf, promDurationSeconds, PromqlUnsupported } from './promql-model';
import { releasesOf } from './helm-facts';
import { machineRoomEnvironments, SNMP_EXPORTER_CHART, TEMPERATURE_METRICS, TEMPERATURE_MODULES, UPS_MODULES } from './machine-room';
import type { EstateResult } from './scope';

/** prometheus-snmp-exporter 9.x values.yaml: serviceMonitor.interval. */
const CHART_SCRAPE_INTERVAL = '30s';

/**
 * The smallest time from a reading to the first notification over the temperature alerts (`for` +
 * evaluation interval + the route's wait); 0 when no alert reads a temperature (machine-room-alerts
 * reports that).
 */
function temperatureOverhead(pipelines: readonly AlertPipeline[], plan: OperationsPlan): { overhead: number; what: string } {
  let best: { overhead: number; what: string } | undefined;
  for (const pipeline of pipelines) {
    for (const rule of pipeline.rules) {
      let metrics: ReadonlySet<string>;
      try {
        metrics = metricsOf(rule.expr);
      } catch (error) {
        if (!(error instanceof PromqlUnsupported)) throw error;
        continue;
      }
      if (![...metrics].some((metric) => TEMPERATURE_METRICS.test(metric))) continue;
      const forValue = forSeconds(rule);
      if (forValue === undefined) continue;
      for (const delivery of deliveriesOf(pipeline, routingLabels(rule), plan, {
        forSeconds: forValue,
        forText: rule.for ?? '0s',
        evaluationSeconds: rule.evaluationSeconds,
        evaluationText: evaluationText(rule, pipeline.evaluationSource),
      })) {
        if (!best || delivery.worstSeconds < best.overhead) best = { overhead: delivery.worstSeconds, what: `${rule.alert} ${delivery.breakdown}` };
      }
    }
  }
  return best ?? { overhead: 0, what: 'no temperature alert' };
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

interface Devices {
  readonly ups: number;
  readonly temperatureProbes: number;
}
/** The environment's machine-room devices by the plan; unlisted: one UPS (when the plan watches UPS) and one probe. */
const required = (environment: string, plan: OperationsPlan): Devices =>
  plan.monitoring.machineRoom.devices[environment] ?? { ups: plan.monitoring.machineRoom.ups ? 1 : 0, temperatureProbes: 1 };
const deviceText = (devices: Devices): string => `ups ${devices.ups}, temperatureProbes ${devices.temperatureProbes}`;

/**
 * Whether the polled targets can be the plan's devices, each target one device: a UPS needs a target
 * with a UPS module, a probe a target with a temperature module, and a target that could be either
 * (apcups) counts once. By Hall's theorem for two kinds that holds when there are enough UPS-capable
 * targets, enough temperature-capable targets, and enough targets in all.
 */
function devicesPolled(
  selected: readonly Record<string, unknown>[],
  environment: string,
  plan: OperationsPlan,
): { ups: string[]; temperature: string[]; problems: string[] } {
  const need = required(environment, plan);
  const byTarget = new Map<string, { name: string; modules: Set<string> }>();
  for (const param of selected) {
    if (typeof param.target !== 'string' || param.target === '') continue;
    const entry = byTarget.get(param.target) ?? { name: String(param.name ?? param.target), modules: new Set<string>() };
    list(param.module).forEach((module) => entry.modules.add(module));
    byTarget.set(param.target, entry);
  }
  const targets = [...byTarget.values()];
  const canUps = targets.filter((target) => [...target.modules].some((module) => UPS_MODULES.has(module)));
  const canTemp = targets.filter((target) => [...target.modules].some((module) => TEMPERATURE_MODULES.has(module)));
  const usable = targets.filter((target) => canUps.includes(target) || canTemp.includes(target));
  const shown = targets.map((target) => `${target.name} ${[...target.modules].join('+')}`).join(', ');
  const where = `(plan: monitoring.machineRoom.devices.${environment} ${deviceText(need)}; targets: ${shown || 'none'})`;
  const problems: string[] = [];
  if (canUps.length < need.ups)
    problems.push(
      `${canUps.length} target(s) of serviceMonitor.params read a UPS (module one of ${[...UPS_MODULES].join(', ')}), the machine room has ${need.ups} UPS ${where}`,
    );
  if (canTemp.length < need.temperatureProbes)
    problems.push(
      `${canTemp.length} target(s) of serviceMonitor.params read a temperature probe (module one of ${[...TEMPERATURE_MODULES].join(', ')}), the machine room has ${need.temperatureProbes}: the room's temperature is not polled ${where}`,
    );
  if (problems.length === 0 && usable.length < need.ups + need.temperatureProbes) {
    problems.push(
      `${usable.length} SNMP target(s) for ${need.ups} UPS + ${need.temperatureProbes} temperature probe(s): each device is its own target, a UPS does not stand in for the room's probe ${where}`,
    );
  }
  // Name the assignment shown on a pass: UPS-only targets first, then the ones that can be either.
  const temperature = [...canTemp.filter((target) => !canUps.includes(target)), ...canTemp.filter((target) => canUps.includes(target)).reverse()].slice(
    0,
    need.temperatureProbes,
  );
  const ups = canUps.filter((target) => !temperature.includes(target)).slice(0, need.ups);
  return { ups: ups.map((target) => target.name), temperature: temperature.map((target) => target.name), problems };
}

export const machineRoomSnmp: EstateRule = {
  id: 'monitoring/machine-room-snmp',
  profile: 'platform',
  title: 'The machine room’s UPS and environment probes are polled over SNMP in every production environment',
  severity: 'high',
  rationale:
    'The operations plan (ops-10.3, ops-8.1) watches the machine room’s UPS and precision air conditioning over SNMP: a UPS on battery or a room at 30 °C ' +
    'must reach on-call before the servers shut down. Without the SNMP exporter, or without a UPS among its targets, or with targets Prometheus does not ' +
    'select, no alert about the room can ever fire.',
  remediation:
    'Install prometheus-snmp-exporter through helm_release in each production environment with serviceMonitor.enabled: true and serviceMonitor.params listing ' +
    'one target per device of policies/plan.yaml monitoring.machineRoom.devices.<env> (each UPS with a UPS module such as apcups, each temperature probe with a temperature module), labelled for kube-prometheus-stack’s ServiceMonitor selector (`release: <kube-prometheus-stack release>`); ' +
    'environments/<env>.yaml monitoring.machineRoom.snmpTargets.',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.1.8', '8.1.1.9', '8.1.10.1'], hipaa: ['164.308(a)(7)(ii)(C)', '164.310(a)(1)'], operationsPlan: 'ops-10.3' },
  planKeys: ['monitoring.machineRoom.ups', 'monitoring.machineRoom.devices', 'monitoring.machineRoom.temperatureCelsius'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    // Targets by address across every environment of the run (a single stack checked alone cannot see another's).
    const otherPollers = new Map<string, { environment: string; address: string }[]>();
    for (const environment of estate.environments) {
      for (const exporter of releasesOf(estate, environment, SNMP_EXPORTER_CHART)) {
        const monitor = isObject(exporter.values.serviceMonitor) ? exporter.values.serviceMonitor : {};
        for (const param of Array.isArray(monitor.params) ? monitor.params.filter(isObject) : []) {
          if (typeof param.target !== 'string' || param.target === '') continue;
          otherPollers.set(param.target, [...(otherPollers.get(param.target) ?? []), { environment, address: exporter.resource.address }]);
        }
      }
    }
    return machineRoomEnvironments(estate).flatMap((environment): EstateResult[] => {
      const exporters = releasesOf(estate, environment, SNMP_EXPORTER_CHART);
      if (exporters.length === 0) {
        return [
          {
            resource: `helm_release.${SNMP_EXPORTER_CHART}`,
            environment,
            status: 'fail' as const,
            message: `no ${SNMP_EXPORTER_CHART} helm_release in ${environment} (production, with a machine room): the UPS and the room temperature are not polled (plan: monitoring.machineRoom)`,
          },
        ];
      }
      const pipelines = alertPipelines(estate, environment);
      const prometheusReleases = pipelines.map((pipeline) => String(pipeline.release.values.name ?? ''));
      return exporters.map((exporter) => {
        const subject = { resource: exporter.resource.address, environment, file: exporter.resource.file };
        if (exporter.problem) return { ...subject, status: 'fail' as const, message: `${exporter.resource.address}: ${exporter.problem}` };
        const values = exporter.values;
        const monitor = isObject(values.serviceMonitor) ? values.serviceMonitor : {};
        const problems: string[] = [];
        if (values.replicas !== undefined && Number(values.replicas) < 1) problems.push(`replicas is ${String(values.replicas)}: no exporter runs`);
        if (monitor.enabled !== true && monitor.enabled !== 'true') problems.push('serviceMonitor.enabled is not true: Prometheus scrapes no target');
        const commonLabels = isObject(monitor.selector) ? monitor.selector : {};
        const params = Array.isArray(monitor.params) ? monitor.params.filter(isObject) : [];
        const selected = params.filter((param) => {
          const labels = { ...commonLabels, ...(isObject(param.labels) ? param.labels : {}) };
          return prometheusReleases.some((release) => labels.release === release);
        });
        if (params.length === 0) problems.push('serviceMonitor.params is empty: no SNMP target is polled');
        else if (selected.length === 0)
          problems.push(
            `no target of serviceMonitor.params carries the label release=${prometheusReleases.join('|') || '(no kube-prometheus-stack release)'} that kube-prometheus-stack selects ServiceMonitors by`,
          );
        const { ups, temperature, problems: deviceProblems } = devicesPolled(selected, environment, plan);
        if (selected.length > 0) problems.push(...deviceProblems);
        // A poll interval is part of the time from a hot room to the page: poll + for + evaluation + group wait ≤ the temperature level's response time.
        const { overhead, what } = temperatureOverhead(pipelines, plan);
        const level = plan.monitoring.machineRoom.levels.temperature;
        const budget = (plan.incidentLevels[level]?.respondWithinMinutes ?? 0) * 60;
        selected.forEach((param) => {
          const source =
            param.interval !== undefined
              ? `serviceMonitor.params[${params.indexOf(param)}].interval`
              : monitor.interval !== undefined
                ? 'serviceMonitor.interval'
                : 'the chart default serviceMonitor.interval';
          const text = String(param.interval ?? monitor.interval ?? CHART_SCRAPE_INTERVAL);
          const seconds = promDurationSeconds(text);
          if (seconds === undefined) problems.push(`${source} "${text}" is not a duration`);
          else if (seconds + overhead > budget)
            problems.push(
              `${String(param.name)}: ${source} ${text} + ${what} = ${formatSeconds(seconds + overhead)} > incidentLevels.${level}.respondWithinMinutes ${budget / 60} (monitoring.machineRoom.levels.temperature ${level})`,
            );
        });
        // The same device polled from two environments: each raises its own alerts for one room, and their SNMP requests contend on the device.
        for (const param of selected) {
          const elsewhere = otherPollers.get(String(param.target))?.filter((entry) => entry.environment !== environment);
          if (elsewhere && elsewhere.length > 0)
            problems.push(
              `target ${String(param.target)} (${String(param.name)}) is also polled by ${elsewhere.map((entry) => `${entry.address} in ${entry.environment}`).join(', ')}: one device polled by two environments`,
            );
        }
        if (problems.length > 0)
          return {
            ...subject,
            status: 'fail' as const,
            message: `${problems.join('; ')} (plan: monitoring.machineRoom.ups ${plan.monitoring.machineRoom.ups}, levels.temperature ${level})`,
          };
        return {
          ...subject,
          status: 'pass' as const,
          message: `polls ${selected.length} SNMP target(s): UPS ${ups.join(', ') || '(none required)'}, temperature probe ${temperature.join(', ') || '(none required)'} (plan: monitoring.machineRoom.devices.${environment} ${deviceText(required(environment, plan))}), each within ${budget / 60} min with ${what}, selected by ${prometheusReleases.join(', ')}`,
        };
      });
    });
  },
};
