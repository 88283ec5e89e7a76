import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { alertPathsReachable } from './alert-paths-reachable';
import { alertPathsReachableFixtures } from './alert-paths-reachable.fixtures';
import { alertPipelineRuns } from './alert-pipeline-runs';
import { alertPipelineRunsFixtures } from './alert-pipeline-runs.fixtures';
import { coreSystemsAlerted } from './core-systems-alerted';
import { coreSystemsAlertedFixtures } from './core-systems-alerted.fixtures';
import { incidentRouting } from './incident-routing';
import { incidentRoutingFixtures } from './incident-routing.fixtures';
import { machineRoomAlerts } from './machine-room-alerts';
import { machineRoomSnmp } from './machine-room-snmp';
import { machineRoomAlertsFixtures } from './machine-room-alerts.fixtures';
import { machineRoomSnmpFixtures } from './machine-room-snmp.fixtures';
import { nodeResourceAlerts } from './node-resource-alerts';
import { nodeResourceAlertsFixtures } from './node-resource-alerts.fixtures';
import { registrationCapacityAlerts } from './registration-capacity-alerts';
import { registrationCapacityAlertsFixtures } from './registration-capacity-alerts.fixtures';
import { responseTimeAlerts } from './response-time-alerts';
import { responseTimeAlertsFixtures } from './response-time-alerts.fixtures';

/** Monitoring and alerting (ops-8.1, ops-10.3): the plan's thresholds fire, each incident level reaches on-call in time, the machine room is watched. */
export const rules: readonly Rule[] = [alertPipelineRuns, alertPathsReachable, coreSystemsAlerted, nodeResourceAlerts, responseTimeAlerts, registrationCapacityAlerts, incidentRouting, machineRoomSnmp, machineRoomAlerts];
export const fixtures: readonly RuleFixtures[] = [alertPipelineRunsFixtures, alertPathsReachableFixtures, coreSystemsAlertedFixtures, nodeResourceAlertsFixtures, responseTimeAlertsFixtures, registrationCapacityAlertsFixtures, incidentRoutingFixtures, machineRoomSnmpFixtures, machineRoomAlertsFixtures];
