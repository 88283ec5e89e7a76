import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { coreSystemsAlerted } from './core-systems-alerted';
import { coreSystemsAlertedFixtures } from './core-systems-alerted.fixtures';
import { incidentRouting } from './incident-routing';
import { machineRoomAlerts } from './machine-room-alerts';
import { machineRoomSnmp } from './machine-room-snmp';
import { nodeResourceAlerts } from './node-resource-alerts';
import { responseTimeAlerts } from './response-time-alerts';

/** Monitoring and alerting: every core system pages on-call (incident level 1). */
export const rules: readonly Rule[] = [coreSystemsAlerted, nodeResourceAlerts, responseTimeAlerts, incidentRouting, machineRoomSnmp, machineRoomAlerts];
export const fixtures: readonly RuleFixtures[] = [coreSystemsAlertedFixtures];
