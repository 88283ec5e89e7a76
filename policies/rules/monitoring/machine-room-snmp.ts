import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { isObject } from '../../values';
import { alertPipelines } from './alert-pipeline';
import { releasesOf } from './helm-facts';
import { machineRoomEnvironments, SNMP_EXPORTER_CHART, UPS_MODULES } from './machine-room';
import type { EstateResult } from './scope';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

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
    'at least one UPS target with a UPS module (apcups), labelled for kube-prometheus-stack’s ServiceMonitor selector (`release: <kube-prometheus-stack release>`); ' +
    'environments/<env>.yaml monitoring.machineRoom.snmpTargets.',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.1.8', '8.1.1.9', '8.1.10.1'], hipaa: ['164.308(a)(7)(ii)(C)', '164.310(a)(1)'], operationsPlan: 'ops-10.3' },
  planKeys: ['monitoring.machineRoom.ups', 'monitoring.machineRoom.temperatureCelsius'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    return machineRoomEnvironments(estate).flatMap((environment): EstateResult[] => {
      const exporters = releasesOf(estate, environment, SNMP_EXPORTER_CHART);
      if (exporters.length === 0) {
        return [{ resource: `helm_release.${SNMP_EXPORTER_CHART}`, environment, status: 'fail' as const, message: `no ${SNMP_EXPORTER_CHART} helm_release in ${environment} (production, with a machine room): the UPS and the room temperature are not polled (plan: monitoring.machineRoom)` }];
      }
      const prometheusReleases = alertPipelines(estate, environment).map((pipeline) => String(pipeline.release.values.name ?? ''));
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
        const ups = selected.filter((param) => typeof param.target === 'string' && param.target !== '' && list(param.module).some((module) => UPS_MODULES.has(module)));
        if (params.length === 0) problems.push('serviceMonitor.params is empty: no SNMP target is polled');
        else if (selected.length === 0) problems.push(`no target of serviceMonitor.params carries the label release=${prometheusReleases.join('|') || '(no kube-prometheus-stack release)'} that kube-prometheus-stack selects ServiceMonitors by`);
        else if (plan.monitoring.machineRoom.ups && ups.length === 0) problems.push(`no target of serviceMonitor.params reads a UPS (module one of ${[...UPS_MODULES].join(', ')}; targets: ${params.map((param) => `${String(param.name)} ${list(param.module).join('+')}`).join(', ')})`);
        if (problems.length > 0) return { ...subject, status: 'fail' as const, message: `${problems.join('; ')} (plan: monitoring.machineRoom.ups ${plan.monitoring.machineRoom.ups})` };
        return { ...subject, status: 'pass' as const, message: `polls ${selected.length} SNMP target(s), ${ups.length} of them UPS (${ups.map((param) => String(param.name)).join(', ')}), selected by ${prometheusReleases.join(', ')}` };
      });
    });
  },
};
