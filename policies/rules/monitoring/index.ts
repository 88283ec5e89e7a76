import type { Rule } from '../../model';
import { alertPathsReachable } from './alert-paths-reachable';
import { alertPipelineRuns } from './alert-pipeline-runs';
import { coreSystemsAlerted } from './core-systems-alerted';
import { incidentRouting } from './incident-routing';
import { machineRoomAlerts } from './machine-room-alerts';
import { machineRoomSnmp } from './machine-room-snmp';
import { nodeResourceAlerts } from './node-resource-alerts';
import { registrationCapacityAlerts } from './registration-capacity-alerts';
import { responseTimeAlerts } from './response-time-alerts';

/** Monitoring and alerting (ops-8.1, ops-10.3): the plan's thresholds fire, each incident level reaches on-call in time, the machine room is watched. */
export const rules: readonly Rule[] = [
  alertPipelineRuns,
  alertPathsReachable,
  coreSystemsAlerted,
  nodeResourceAlerts,
  responseTimeAlerts,
  registrationCapacityAlerts,
  incidentRouting,
  machineRoomSnmp,
  machineRoomAlerts,
];
