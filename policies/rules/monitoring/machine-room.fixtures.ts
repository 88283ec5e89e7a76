import type { RuleFixtures } from '../fixtures';
import { planWith } from '../fixture-builders';
import { alertsWith, clinicalWorkload, helmReleaseWith, monitoringStack, STANDARD_ALERTS, terraform } from './fixture-builders';

type Json = Record<string, unknown>;

/** The SNMP exporter as constructs/monitoring configures it. */
const snmpExporter = (params: readonly Json[] = [{ name: 'ups-b1-a', target: '10.0.8.11', module: ['apcups'], auth: ['public_v2'] }], serviceMonitor: Json = {}): Json =>
  helmReleaseWith('snmp-exporter', 'prometheus-snmp-exporter', '9.9.0', { serviceMonitor: { enabled: true, selector: { release: 'kube-prometheus-stack' }, params, ...serviceMonitor } });
const room = (...documents: Json[]) => terraform(clinicalWorkload(), monitoringStack(), ...documents);
const roomAlerts = (alerts: Parameters<typeof monitoringStack>[0]) => terraform(clinicalWorkload(), monitoringStack(alerts), snmpExporter());

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

const TEMPERATURE = STANDARD_ALERTS.find((alert) => alert.alert === 'MachineRoomTemperatureOutOfRange')!;

export const machineRoomAlertsFixtures: RuleFixtures = {
  ruleId: 'monitoring/machine-room-alerts',
  pass: [
    { name: 'the platform’s UPS and 22 ± 2 °C alerts', terraform: roomAlerts({}), message: 'temperature above the band: MachineRoomTemperatureOutOfRange (P2) fire(s)' },
    {
      name: 'separate upper and lower temperature alerts, stricter band, more urgent level',
      terraform: roomAlerts({
        alerts: [
          ...alertsWith('MachineRoomTemperatureOutOfRange', null),
          { alert: 'RoomHot', expr: 'max by (instance) (iemStatusProbeCurrentTemp) > 23', for: '5m', labels: { severity: 'P1' } },
          { alert: 'RoomCold', expr: 'min by (instance) (iemStatusProbeCurrentTemp) < 21', for: '5m', labels: { severity: 'P2' } },
        ],
      }),
      message: 'temperature below the band: RoomCold (P2)',
    },
    { name: 'another hospital’s band (18–27 °C)', terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { expr: 'abs(iemStatusProbeCurrentTemp - 22.5) > 4.5' }) }), options: { plan: planWith({ monitoring: { machineRoom: { temperatureCelsius: { min: 18, max: 27 } } } }) }, message: 'temperature above the band' },
  ],
  fail: [
    { name: 'temperatureCelsius: 30 (band 28–32 °C)', terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { expr: TEMPERATURE.expr.replace('- 22)', '- 30)') }) }), resource: 'helm_release.kube-prometheus-stack', message: 'temperature above the band: no alert of additionalPrometheusRulesMap fires at machine-room temperature °C 24; MachineRoomTemperatureOutOfRange fires even when all is healthy (plan: monitoring.machineRoom.temperatureCelsius.max = 24 °C, levels.temperature P2)' },
    { name: 'a tolerance of 4 °C (18–26 °C)', terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { expr: 'abs(iemStatusProbeCurrentTemp - 22) > 4' }) }), message: 'MachineRoomTemperatureOutOfRange fires only from 26' },
    { name: 'the temperature alert deleted', terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', null) }), message: 'temperature below the band: no alert of additionalPrometheusRulesMap fires at machine-room temperature °C 20' },
    { name: 'only an upper temperature alert', terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { expr: 'iemStatusProbeCurrentTemp > 24' }) }), message: 'temperature below the band: no alert' },
    { name: 'the temperature alert at a level below the plan’s', terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { labels: { severity: 'P3' } }) }), message: 'MachineRoomTemperatureOutOfRange fires, but its severity P3 is less urgent than P2' },
    { name: 'the UPS alerts deleted', terraform: roomAlerts({ alerts: alertsWith('UPSBatteryLow', null).filter((alert) => alert.alert !== 'UPSOnBattery') }), message: 'UPS on battery: no alert of additionalPrometheusRulesMap fires at upsBasicOutputStatus onBattery (3)' },
    { name: 'the UPS-on-battery alert on the wrong status value', terraform: roomAlerts({ alerts: alertsWith('UPSOnBattery', { expr: 'upsBasicOutputStatus == 2' }) }), message: 'UPSOnBattery fires even when all is healthy' },
    { name: 'the battery alert only below 10 %', terraform: roomAlerts({ alerts: alertsWith('UPSBatteryLow', { expr: 'upsAdvBatteryCapacity < 10' }) }), message: 'UPS battery low: no alert of additionalPrometheusRulesMap fires at upsAdvBatteryCapacity % 50; UPSBatteryLow fires only below 10' },
    { name: 'UPS on battery only a level-2 incident', terraform: roomAlerts({ alerts: alertsWith('UPSOnBattery', { labels: { severity: 'P2' } }) }), message: 'UPSOnBattery fires, but its severity P2 is less urgent than P1' },
  ],
};
