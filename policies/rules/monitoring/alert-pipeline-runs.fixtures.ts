import type { RuleFixtures } from '../fixtures';
import { falco } from '../intrusion-detection/fixture-builders';
import { alertsWith, clinicalWorkload, monitoringStack, snmpExporter, terraform } from './fixture-builders';

const STACK = 'helm_release.kube-prometheus-stack';
const INTRUSION = {
  alert: 'IntrusionDetected',
  expr: 'sum by (rule_name) (increase(falcosecurity_falco_rules_matches_total{priority=~"0|1|2"}[5m])) > 0',
  labels: { severity: 'P1', system: 'security' },
};
const estate = (...documents: Record<string, unknown>[]) => terraform(clinicalWorkload(), ...documents);
type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture edits of nested Helm values

export const alertPipelineRunsFixtures: RuleFixtures = {
  ruleId: 'monitoring/alert-pipeline-runs',
  pass: [
    {
      name: 'the platform’s pipeline with the SNMP exporter',
      terraform: estate(
        monitoringStack({ values: { prometheus: { prometheusSpec: { replicas: 2 } }, alertmanager: { alertmanagerSpec: { replicas: 3 } } } }),
        snmpExporter(),
      ),
      resource: STACK,
      message: 'Prometheus ×2 and Alertmanager ×3 run',
    },
    {
      name: 'the Falco intrusion alert with Falco’s metrics scraped',
      terraform: estate(
        monitoringStack({ alerts: [...alertsWith('NodeCPUHigh', {}), INTRUSION] }),
        snmpExporter(),
        falco((values: Values) =>
          Object.assign(values, { metrics: { enabled: true }, serviceMonitor: { create: true, labels: { release: 'kube-prometheus-stack' } } }),
        ),
      ),
      message: 'the series of all 12 alert rule(s) have an exporter',
    },
    {
      name: 'staging has no machine room: UPS alerts without the SNMP exporter are not judged',
      terraform: estate(monitoringStack()),
      environment: 'staging',
      message: 'have an exporter',
    },
  ],
  fail: [
    {
      name: 'Prometheus scaled to 0',
      terraform: estate(monitoringStack({ values: { prometheus: { prometheusSpec: { replicas: 0 } } } }), snmpExporter()),
      resource: STACK,
      message: 'prometheus.prometheusSpec.replicas is 0: no Prometheus evaluates the alert rules',
    },
    {
      name: 'Alertmanager scaled to 0',
      terraform: estate(monitoringStack({ values: { alertmanager: { alertmanagerSpec: { replicas: 0 } } } }), snmpExporter()),
      message: 'alertmanager.alertmanagerSpec.replicas is 0: no Alertmanager routes the alerts',
    },
    {
      name: 'Alertmanager disabled through set',
      terraform: estate(monitoringStack({ set: [{ name: 'alertmanager.enabled', value: 'false' }] }), snmpExporter()),
      message: 'alertmanager.enabled is false',
    },
    {
      name: 'the kube-prometheus-stack release deleted',
      terraform: estate(snmpExporter()),
      resource: STACK,
      message: 'no kube-prometheus-stack helm_release in prod, which runs clinical systems',
    },
    {
      name: 'node-exporter disabled',
      terraform: estate(monitoringStack({ values: { nodeExporter: { enabled: false } } }), snmpExporter()),
      message:
        'NodeDiskUsageHigh (node_filesystem_avail_bytes), NodeDiskUsageHigh (node_filesystem_size_bytes), NodeCPUHigh (node_cpu_seconds_total), NodeMemoryHigh (node_memory_MemAvailable_bytes), NodeMemoryHigh (node_memory_MemTotal_bytes) read series no exporter publishes: node-exporter (kube-prometheus-stack nodeExporter): nodeExporter.enabled is false',
    },
    {
      name: 'kube-state-metrics disabled',
      terraform: estate(monitoringStack({ values: { kubeStateMetrics: { enabled: false } } }), snmpExporter()),
      message: 'kubeStateMetrics.enabled is false: kube-state-metrics (kube-prometheus-stack kubeStateMetrics) does not run',
    },
    {
      name: 'UPS alerts in production without the SNMP exporter',
      terraform: estate(monitoringStack()),
      message:
        'UPSOnBattery (upsBasicOutputStatus), UPSBatteryLow (upsAdvBatteryCapacity), MachineRoomTemperatureOutOfRange (iemStatusProbeCurrentTemp) read series no exporter publishes: the SNMP exporter (prometheus-snmp-exporter): no prometheus-snmp-exporter helm_release in prod',
    },
    {
      name: 'the Falco intrusion alert while Falco exports no metrics',
      terraform: estate(monitoringStack({ alerts: [...alertsWith('NodeCPUHigh', {}), INTRUSION] }), snmpExporter(), falco()),
      message:
        'IntrusionDetected (falcosecurity_falco_rules_matches_total) read series no exporter publishes: Falco’s metrics endpoint (falco metrics + serviceMonitor): helm_release.falco: metrics.enabled is not true',
    },
    {
      name: 'Falco’s ServiceMonitor not selected by Prometheus',
      terraform: estate(
        monitoringStack({ alerts: [...alertsWith('NodeCPUHigh', {}), INTRUSION] }),
        snmpExporter(),
        falco((values: Values) => Object.assign(values, { metrics: { enabled: true }, serviceMonitor: { create: true } })),
      ),
      message: 'serviceMonitor.labels lack release=kube-prometheus-stack',
    },
  ],
};
