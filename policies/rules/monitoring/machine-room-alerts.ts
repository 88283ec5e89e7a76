import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { atLeastAsUrgent } from './incident-levels';
import { machineRoomEnvironments } from './machine-room';
import { monitoredEnvironments, type EstateResult } from './scope';
import { machineRoomModel, UPS_ON_BATTERY } from './series-models';
import { proveThreshold, type Situation, type ThresholdQuestion } from './threshold-proof';

const EPSILON = 1e-6;

export const machineRoomAlerts: EstateRule = {
  id: 'monitoring/machine-room-alerts',
  profile: 'platform',
  title: 'Machine-room alerts fire outside the plan’s temperature band and when the UPS runs on battery',
  severity: 'high',
  rationale:
    'The operations plan keeps the machine room at 20–24 °C and on UPS power (ops-10.3), watched over SNMP (ops-8.1). An alert band of 28–32 °C, a deleted ' +
    'temperature or UPS alert, or one at a level that does not reach on-call in time means the first sign of a failed air conditioner or a power cut is the outage.',
  remediation:
    'Keep alerts in kube-prometheus-stack additionalPrometheusRulesMap on the SNMP exporter’s series: one firing above monitoring.machineRoom.temperatureCelsius.max ' +
    'and one below .min on `iemStatusProbeCurrentTemp` (or one `abs(t - centre) > tolerance` within the band), one when `upsBasicOutputStatus` is onBattery (3) and ' +
    'one when `upsAdvBatteryCapacity` falls below monitoring.machineRoom.upsBatteryMinPercent, each with at least the level of monitoring.machineRoom.levels.',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.1.8', '8.1.1.9', '8.1.5.4'], hipaa: ['164.308(a)(7)(ii)(C)', '164.310(a)(1)'], operationsPlan: 'ops-10.3' },
  planKeys: ['monitoring.machineRoom.temperatureCelsius', 'monitoring.machineRoom.upsBatteryMinPercent', 'monitoring.machineRoom.levels'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const room = plan.monitoring.machineRoom;
    const { min, max } = room.temperatureCelsius;
    const middle = (min + max) / 2;
    const healthy = machineRoomModel({ temperature: middle });
    const production = new Set(machineRoomEnvironments(estate));
    const levelProblem = (required: string) => (rule: { labels: Record<string, string> }) =>
      atLeastAsUrgent(plan, rule.labels.severity, required) ? undefined : `severity ${rule.labels.severity ?? 'unset'} is less urgent than ${required}`;
    const situations = (what: string, values: readonly number[], model: (value: number) => ReturnType<typeof machineRoomModel>): Situation[] =>
      values.map((value) => ({ label: `${what} ${Math.round(value * 100) / 100}`, model: model(value) }));
    const questions: readonly { name: string; planRef: string; question: ThresholdQuestion }[] = [
      {
        name: 'temperature above the band',
        planRef: `monitoring.machineRoom.temperatureCelsius.max = ${max} °C, levels.temperature ${room.levels.temperature}`,
        question: {
          mustFire: situations('machine-room temperature °C', [max + EPSILON, max + 1, max + 6, 45], (value) => machineRoomModel({ temperature: value })),
          healthy,
          scan: () =>
            Array.from({ length: 30 }, (_, index) => ({ value: max + index + 1, model: machineRoomModel({ temperature: max + index + 1 + EPSILON }) })),
          levelProblem: levelProblem(room.levels.temperature),
        },
      },
      {
        name: 'temperature below the band',
        planRef: `monitoring.machineRoom.temperatureCelsius.min = ${min} °C, levels.temperature ${room.levels.temperature}`,
        question: {
          mustFire: situations('machine-room temperature °C', [min - EPSILON, min - 1, min - 6, 5], (value) => machineRoomModel({ temperature: value })),
          healthy,
          scan: () =>
            Array.from({ length: 30 }, (_, index) => ({ value: min - index - 1, model: machineRoomModel({ temperature: min - index - 1 - EPSILON }) })),
          scanWord: 'below',
          levelProblem: levelProblem(room.levels.temperature),
        },
      },
      ...(room.ups
        ? [
            {
              name: 'UPS on battery',
              planRef: `monitoring.machineRoom.ups, levels.ups ${room.levels.ups}`,
              question: {
                mustFire: [{ label: 'upsBasicOutputStatus onBattery (3)', model: machineRoomModel({ temperature: middle, outputStatus: UPS_ON_BATTERY }) }],
                healthy,
                levelProblem: levelProblem(room.levels.ups),
              },
            },
            {
              name: 'UPS battery low',
              planRef: `monitoring.machineRoom.upsBatteryMinPercent = ${room.upsBatteryMinPercent} %, levels.ups ${room.levels.ups}`,
              question: {
                mustFire: situations('upsAdvBatteryCapacity %', [room.upsBatteryMinPercent - EPSILON, room.upsBatteryMinPercent / 2, 1], (value) =>
                  machineRoomModel({ temperature: middle, batteryPercent: value }),
                ),
                healthy,
                scan: () =>
                  Array.from({ length: Math.floor(room.upsBatteryMinPercent) }, (_, index) => ({
                    value: room.upsBatteryMinPercent - index - 1,
                    model: machineRoomModel({ temperature: middle, batteryPercent: room.upsBatteryMinPercent - index - 1 - EPSILON }),
                  })),
                scanWord: 'below' as const,
                levelProblem: levelProblem(room.levels.ups),
              },
            },
          ]
        : []),
    ];
    return monitoredEnvironments(estate)
      .filter(({ environment }) => production.has(environment))
      .flatMap(({ pipelines, subject, missing }): EstateResult[] =>
        questions.map(({ name, planRef, question }) => {
          if (missing) return { ...subject, status: 'fail' as const, message: `${name}: ${missing} (plan: ${planRef})` };
          const answer = proveThreshold(pipelines, plan, question);
          if (!answer.proven) {
            return {
              ...subject,
              status: 'fail' as const,
              message: `${name}: no alert of additionalPrometheusRulesMap fires at ${answer.missed!.label}${answer.notes.length ? `; ${answer.notes.join('; ')}` : ''} (plan: ${planRef})`,
            };
          }
          return {
            ...subject,
            status: 'pass' as const,
            message: `${name}: ${answer.alerts.map((alert) => `${alert.alert} (${alert.labels.severity})`).join(', ')} fire(s) (plan: ${planRef})`,
          };
        }),
      );
  },
};
