import type { RuleFixtures } from '../fixtures';
import { clinicalWorkload, helmReleaseWith, monitoringStack, snmpExporter, terraform } from './fixture-builders';

type Json = Record<string, unknown>;

const room = (...documents: Json[]) => terraform(clinicalWorkload(), monitoringStack(), ...documents);

export const machineRoomSnmpFixtures: RuleFixtures = {
  ruleId: 'monitoring/machine-room-snmp',
  pass: [
    { name: 'UPS targets polled with the apcups module', terraform: room(snmpExporter()), resource: 'helm_release.snmp-exporter', message: 'polls 1 SNMP target(s), 1 of them UPS (ups-b1-a), 1 with temperature probes, each within 60 min with MachineRoomTemperatureOutOfRange for 10m + evaluation interval 30s (operator default) + group_interval 5m' },
    { name: 'a target labelled for Prometheus on its own, reading the RFC 1628 UPS-MIB, and an APC environment probe', terraform: room(snmpExporter([{ name: 'ups', target: '10.0.8.12', module: ['ups_mib'], labels: { release: 'kube-prometheus-stack' } }, { name: 'env-probe', target: '10.0.8.21', module: ['apcups'], labels: { release: 'kube-prometheus-stack' } }], { selector: {} })), message: '2 of them UPS (ups, env-probe), 1 with temperature probes' },
    { name: 'polled every 5 minutes', terraform: room(snmpExporter(undefined, { interval: '5m' })), message: '1 with temperature probes' },
    { name: 'prod and dr poll their own devices', terraform: room(snmpExporter()), otherEnvironments: { dr: terraform(clinicalWorkload(), monitoringStack(), snmpExporter([{ name: 'ups-pd-a', target: '10.100.8.11', module: ['apcups'] }])) }, message: 'polls 1 SNMP target(s)' },
  ],
  fail: [
    { name: 'the SNMP exporter release deleted', terraform: room(), resource: 'helm_release.prometheus-snmp-exporter', message: 'no prometheus-snmp-exporter helm_release in prod (production, with a machine room): the UPS and the room temperature are not polled' },
    { name: 'snmpTargets: [] (no target polled)', terraform: room(snmpExporter([])), message: 'serviceMonitor.params is empty: no SNMP target is polled' },
    { name: 'only a switch polled, no UPS', terraform: room(snmpExporter([{ name: 'core-switch', target: '10.0.8.1', module: ['if_mib'] }])), message: 'no target of serviceMonitor.params reads a UPS' },
    { name: 'ServiceMonitors that kube-prometheus-stack does not select', terraform: room(snmpExporter(undefined, { selector: { release: 'other' } })), message: 'carries the label release=kube-prometheus-stack' },
    { name: 'ServiceMonitors disabled', terraform: room(snmpExporter(undefined, { enabled: false })), message: 'serviceMonitor.enabled is not true' },
    { name: 'the exporter scaled to zero', terraform: room(helmReleaseWith('snmp-exporter', 'prometheus-snmp-exporter', '9.9.0', { replicas: 0, serviceMonitor: { enabled: true, selector: { release: 'kube-prometheus-stack' }, params: [{ name: 'ups', target: '10.0.8.11', module: ['apcups'] }] } })), message: 'replicas is 0' },
    { name: 'polled every hour: the poll alone uses the P2 response time', terraform: room(snmpExporter([{ name: 'ups-b1-a', target: '10.0.8.11', module: ['apcups'], interval: '1h' }])), message: 'ups-b1-a: serviceMonitor.params[0].interval 1h + MachineRoomTemperatureOutOfRange for 10m + evaluation interval 30s (operator default) + group_interval 5m' },
    { name: 'polled every 50 minutes by the ServiceMonitor default', terraform: room(snmpExporter(undefined, { interval: '50m' })), message: 'serviceMonitor.interval 50m + MachineRoomTemperatureOutOfRange' },
    { name: 'only the RFC 1628 UPS-MIB: no temperature probe', terraform: room(snmpExporter([{ name: 'ups', target: '10.0.8.11', module: ['ups_mib'] }])), message: 'no target of serviceMonitor.params reads a temperature probe (module one of apcups; targets: ups ups_mib)' },
    { name: 'if_mib alone', terraform: room(snmpExporter([{ name: 'ups', target: '10.0.8.11', module: ['if_mib'] }])), message: 'reads a temperature probe' },
    { name: 'the same UPS polled by prod and dr', terraform: room(snmpExporter()), otherEnvironments: { dr: terraform(clinicalWorkload(), monitoringStack(), snmpExporter()) }, message: 'target 10.0.8.11 (ups-b1-a) is also polled by helm_release.snmp-exporter in dr: one device polled by two environments' },
    { name: 'dr is production too', terraform: room(), environment: 'dr', message: 'no prometheus-snmp-exporter helm_release in dr' },
  ],
};

