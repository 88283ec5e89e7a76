import type { RuleFixtures } from '../fixtures';
import { clinicalWorkload, helmReleaseWith, monitoringStack, snmpExporter, terraform } from './fixture-builders';

type Json = Record<string, unknown>;

const room = (...documents: Json[]) => terraform(clinicalWorkload(), monitoringStack(), ...documents);

export const machineRoomSnmpFixtures: RuleFixtures = {
  ruleId: 'monitoring/machine-room-snmp',
  pass: [
    { name: 'UPS targets polled with the apcups module', terraform: room(snmpExporter()), resource: 'helm_release.snmp-exporter', message: 'polls 1 SNMP target(s), 1 of them UPS (ups-b1-a), selected by kube-prometheus-stack' },
    { name: 'a target labelled for Prometheus on its own, reading the RFC 1628 UPS-MIB', terraform: room(snmpExporter([{ name: 'ups', target: '10.0.8.12', module: ['ups_mib'], labels: { release: 'kube-prometheus-stack' } }], { selector: {} })), message: '1 of them UPS (ups)' },
  ],
  fail: [
    { name: 'the SNMP exporter release deleted', terraform: room(), resource: 'helm_release.prometheus-snmp-exporter', message: 'no prometheus-snmp-exporter helm_release in prod (production, with a machine room): the UPS and the room temperature are not polled' },
    { name: 'snmpTargets: [] (no target polled)', terraform: room(snmpExporter([])), message: 'serviceMonitor.params is empty: no SNMP target is polled' },
    { name: 'only a switch polled, no UPS', terraform: room(snmpExporter([{ name: 'core-switch', target: '10.0.8.1', module: ['if_mib'] }])), message: 'no target of serviceMonitor.params reads a UPS' },
    { name: 'ServiceMonitors that kube-prometheus-stack does not select', terraform: room(snmpExporter(undefined, { selector: { release: 'other' } })), message: 'carries the label release=kube-prometheus-stack' },
    { name: 'ServiceMonitors disabled', terraform: room(snmpExporter(undefined, { enabled: false })), message: 'serviceMonitor.enabled is not true' },
    { name: 'the exporter scaled to zero', terraform: room(helmReleaseWith('snmp-exporter', 'prometheus-snmp-exporter', '9.9.0', { replicas: 0, serviceMonitor: { enabled: true, selector: { release: 'kube-prometheus-stack' }, params: [{ name: 'ups', target: '10.0.8.11', module: ['apcups'] }] } })), message: 'replicas is 0' },
    { name: 'dr is production too', terraform: room(), environment: 'dr', message: 'no prometheus-snmp-exporter helm_release in dr' },
  ],
};

