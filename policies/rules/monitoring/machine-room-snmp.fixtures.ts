import type { RuleFixtures } from '../fixtures';
import { planWith } from '../fixture-builders';
import { clinicalWorkload, helmReleaseWith, monitoringStack, PROD_ROOM, snmpExporter, terraform } from './fixture-builders';

type Json = Record<string, unknown>;

const room = (...documents: Json[]) => terraform(clinicalWorkload(), monitoringStack(), ...documents);
/** A plan whose production room has one UPS and one probe (another hospital's). */
const smallRoom = { plan: planWith({ monitoring: { machineRoom: { devices: { prod: { ups: 1, temperatureProbes: 1 } } } } }) };
const PUDONG = [
  { name: 'ups-pd-a', target: '10.100.8.11', module: ['apcups'] },
  { name: 'env-probe-pd', target: '10.100.8.21', module: ['apcups'] },
];

export const machineRoomSnmpFixtures: RuleFixtures = {
  ruleId: 'monitoring/machine-room-snmp',
  pass: [
    {
      name: 'UPS targets polled with the apcups module',
      terraform: room(snmpExporter()),
      resource: 'helm_release.snmp-exporter',
      message:
        'polls 3 SNMP target(s): UPS ups-b1-a, ups-b1-b, temperature probe env-probe-b1 (plan: monitoring.machineRoom.devices.prod ups 2, temperatureProbes 1), each within 60 min with MachineRoomTemperatureOutOfRange for 10m + evaluation interval 30s (operator default) + group_interval 5m',
    },
    {
      name: 'a target labelled for Prometheus on its own, reading the RFC 1628 UPS-MIB, and an APC environment probe',
      terraform: room(
        snmpExporter(
          [
            { name: 'ups', target: '10.0.8.12', module: ['ups_mib'], labels: { release: 'kube-prometheus-stack' } },
            { name: 'env-probe', target: '10.0.8.21', module: ['apcups'], labels: { release: 'kube-prometheus-stack' } },
          ],
          { selector: {} },
        ),
      ),
      options: smallRoom,
      message: 'UPS ups, temperature probe env-probe',
    },
    { name: 'polled every 5 minutes', terraform: room(snmpExporter(undefined, { interval: '5m' })), message: 'temperature probe env-probe-b1' },
    {
      name: 'prod and dr poll their own devices',
      terraform: room(snmpExporter()),
      otherEnvironments: { dr: terraform(clinicalWorkload(), monitoringStack(), snmpExporter(PUDONG)) },
      message: 'polls 3 SNMP target(s)',
    },
  ],
  fail: [
    {
      name: 'the SNMP exporter release deleted',
      terraform: room(),
      resource: 'helm_release.prometheus-snmp-exporter',
      message: 'no prometheus-snmp-exporter helm_release in prod (production, with a machine room): the UPS and the room temperature are not polled',
    },
    { name: 'snmpTargets: [] (no target polled)', terraform: room(snmpExporter([])), message: 'serviceMonitor.params is empty: no SNMP target is polled' },
    {
      name: 'only a switch polled, no UPS',
      terraform: room(snmpExporter([{ name: 'core-switch', target: '10.0.8.1', module: ['if_mib'] }])),
      message:
        '0 target(s) of serviceMonitor.params read a UPS (module one of apcups, ups_mib, rfc1628_ups), the machine room has 2 UPS (plan: monitoring.machineRoom.devices.prod ups 2, temperatureProbes 1; targets: core-switch if_mib)',
    },
    {
      name: 'ServiceMonitors that kube-prometheus-stack does not select',
      terraform: room(snmpExporter(undefined, { selector: { release: 'other' } })),
      message: 'carries the label release=kube-prometheus-stack',
    },
    { name: 'ServiceMonitors disabled', terraform: room(snmpExporter(undefined, { enabled: false })), message: 'serviceMonitor.enabled is not true' },
    {
      name: 'the exporter scaled to zero',
      terraform: room(
        helmReleaseWith('snmp-exporter', 'prometheus-snmp-exporter', '9.9.0', {
          replicas: 0,
          serviceMonitor: { enabled: true, selector: { release: 'kube-prometheus-stack' }, params: [{ name: 'ups', target: '10.0.8.11', module: ['apcups'] }] },
        }),
      ),
      message: 'replicas is 0',
    },
    {
      name: 'polled every hour: the poll alone uses the P2 response time',
      terraform: room(snmpExporter([{ name: 'ups-b1-a', target: '10.0.8.11', module: ['apcups'], interval: '1h' }])),
      message:
        'ups-b1-a: serviceMonitor.params[0].interval 1h + MachineRoomTemperatureOutOfRange for 10m + evaluation interval 30s (operator default) + group_interval 5m',
    },
    {
      name: 'polled every 50 minutes by the ServiceMonitor default',
      terraform: room(snmpExporter(undefined, { interval: '50m' })),
      message: 'serviceMonitor.interval 50m + MachineRoomTemperatureOutOfRange',
    },
    {
      name: 'only the RFC 1628 UPS-MIB: no temperature probe',
      terraform: room(snmpExporter([{ name: 'ups', target: '10.0.8.11', module: ['ups_mib'] }])),
      options: smallRoom,
      message:
        "0 target(s) of serviceMonitor.params read a temperature probe (module one of apcups), the machine room has 1: the room's temperature is not polled",
    },
    { name: 'if_mib alone', terraform: room(snmpExporter([{ name: 'ups', target: '10.0.8.11', module: ['if_mib'] }])), message: 'read a temperature probe' },
    {
      name: 'the same UPS polled by prod and dr',
      terraform: room(snmpExporter()),
      otherEnvironments: { dr: terraform(clinicalWorkload(), monitoringStack(), snmpExporter()) },
      message: 'target 10.0.8.11 (ups-b1-a) is also polled by helm_release.snmp-exporter in dr: one device polled by two environments',
    },
    {
      name: 'both UPS polled with if_mib: the environment probe’s apcups is not a UPS reading',
      terraform: room(snmpExporter(PROD_ROOM.map((target) => (String(target.name).startsWith('ups') ? { ...target, module: ['if_mib'] } : target)))),
      resource: 'helm_release.snmp-exporter',
      message:
        '1 target(s) of serviceMonitor.params read a UPS (module one of apcups, ups_mib, rfc1628_ups), the machine room has 2 UPS (plan: monitoring.machineRoom.devices.prod ups 2, temperatureProbes 1; targets: ups-b1-a if_mib, ups-b1-b if_mib, env-probe-b1 apcups)',
    },
    {
      name: 'the environment probe removed: the UPS do not stand in for it',
      terraform: room(snmpExporter(PROD_ROOM.filter((target) => !String(target.name).startsWith('env-probe')))),
      message:
        "2 SNMP target(s) for 2 UPS + 1 temperature probe(s): each device is its own target, a UPS does not stand in for the room's probe (plan: monitoring.machineRoom.devices.prod ups 2, temperatureProbes 1",
    },
    { name: 'dr is production too', terraform: room(), environment: 'dr', message: 'no prometheus-snmp-exporter helm_release in dr' },
  ],
};
