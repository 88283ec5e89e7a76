import type { RuleFixtures } from '../fixtures';
import { planWith } from '../fixture-builders';
import { alertsWith, clinicalWorkload, monitoringStack, snmpExporter, STANDARD_ALERTS, terraform } from './fixture-builders';

const TEMPERATURE = STANDARD_ALERTS.find((alert) => alert.alert === 'MachineRoomTemperatureOutOfRange')!;

const roomAlerts = (alerts: Parameters<typeof monitoringStack>[0]) => terraform(clinicalWorkload(), monitoringStack(alerts), snmpExporter());

export const machineRoomAlertsFixtures: RuleFixtures = {
  ruleId: 'monitoring/machine-room-alerts',
  pass: [
    {
      name: 'the platform’s UPS and 22 ± 2 °C alerts',
      terraform: roomAlerts({}),
      message: 'temperature above the band: MachineRoomTemperatureOutOfRange (P2) fire(s)',
    },
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
    {
      name: 'another hospital’s band (18–27 °C)',
      terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { expr: 'abs(iemStatusProbeCurrentTemp - 22.5) > 4.5' }) }),
      options: { plan: planWith({ monitoring: { machineRoom: { temperatureCelsius: { min: 18, max: 27 } } } }) },
      message: 'temperature above the band',
    },
  ],
  fail: [
    {
      name: 'temperatureCelsius: 30 (band 28–32 °C)',
      terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { expr: TEMPERATURE.expr.replace('- 22)', '- 30)') }) }),
      resource: 'helm_release.kube-prometheus-stack',
      message:
        'temperature above the band: no alert of additionalPrometheusRulesMap fires at machine-room temperature °C 24; MachineRoomTemperatureOutOfRange fires even when all is healthy (plan: monitoring.machineRoom.temperatureCelsius.max = 24 °C, levels.temperature P2)',
    },
    {
      name: 'a tolerance of 4 °C (18–26 °C)',
      terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { expr: 'abs(iemStatusProbeCurrentTemp - 22) > 4' }) }),
      message: 'MachineRoomTemperatureOutOfRange fires only from 26',
    },
    {
      name: 'the temperature alert deleted',
      terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', null) }),
      message: 'temperature below the band: no alert of additionalPrometheusRulesMap fires at machine-room temperature °C 20',
    },
    {
      name: 'only an upper temperature alert',
      terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { expr: 'iemStatusProbeCurrentTemp > 24' }) }),
      message: 'temperature below the band: no alert',
    },
    {
      name: 'the temperature alert at a level below the plan’s',
      terraform: roomAlerts({ alerts: alertsWith('MachineRoomTemperatureOutOfRange', { labels: { severity: 'P3' } }) }),
      message: 'MachineRoomTemperatureOutOfRange fires, but its severity P3 is less urgent than P2',
    },
    {
      name: 'the UPS alerts deleted',
      terraform: roomAlerts({ alerts: alertsWith('UPSBatteryLow', null).filter((alert) => alert.alert !== 'UPSOnBattery') }),
      message: 'UPS on battery: no alert of additionalPrometheusRulesMap fires at upsBasicOutputStatus onBattery (3)',
    },
    {
      name: 'the UPS-on-battery alert on the wrong status value',
      terraform: roomAlerts({ alerts: alertsWith('UPSOnBattery', { expr: 'upsBasicOutputStatus == 2' }) }),
      message: 'UPSOnBattery fires even when all is healthy',
    },
    {
      name: 'the battery alert only below 10 %',
      terraform: roomAlerts({ alerts: alertsWith('UPSBatteryLow', { expr: 'upsAdvBatteryCapacity < 10' }) }),
      message: 'UPS battery low: no alert of additionalPrometheusRulesMap fires at upsAdvBatteryCapacity % 50; UPSBatteryLow fires only below 10',
    },
    {
      name: 'UPS on battery only a level-2 incident',
      terraform: roomAlerts({ alerts: alertsWith('UPSOnBattery', { labels: { severity: 'P2' } }) }),
      message: 'UPSOnBattery fires, but its severity P2 is less urgent than P1',
    },
  ],
};
