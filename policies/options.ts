import type { Estate, PolicyOptions } from './model';

/** The hospital's defaults; override per run with `checkResources(…, { policyOptions })`. */
export const DEFAULT_POLICY_OPTIONS: PolicyOptions = {
  breakGlassGroups: ['platform:break-glass'],
  registration: { appName: 'registration', minReplicas: 5, maxReplicas: 10 },
  // dr is a warm standby of prod: it is promoted to production during a failover.
  productionEnvironments: ['prod', 'dr'],
  localStateEnvironments: ['dev'],
  coreMinReplicas: 2,
  auditNamespaces: ['security'],
  breakGlassMaxDays: 92,
};

/** The options in force for an estate: its own settings over the defaults. */
export function policyOptions(estate: Estate): PolicyOptions {
  return estate.options ? { ...DEFAULT_POLICY_OPTIONS, ...estate.options } : DEFAULT_POLICY_OPTIONS;
}
