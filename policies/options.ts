import type { Estate, PolicyOptions } from './model';
import { loadPlan } from './plan/load';

/** The hospital's defaults without the plan (read from `policies/plan.yaml` on first use). */
const DEFAULTS = {
  breakGlassGroups: ['platform:break-glass'],
  // dr is a warm standby of prod: it is promoted to production during a failover.
  productionEnvironments: ['prod', 'dr'],
  localStateEnvironments: ['dev'],
  auditNamespaces: ['security'],
} as const satisfies Omit<PolicyOptions, 'plan'>;

let defaults: PolicyOptions | undefined;

/** The hospital's defaults with the repository's plan; override per run with `checkResources(…, { policyOptions })`. */
export function defaultPolicyOptions(): PolicyOptions {
  return (defaults ??= { ...DEFAULTS, plan: loadPlan() });
}

/** The options in force for an estate: its own settings over the defaults. */
export function policyOptions(estate: Estate): PolicyOptions {
  const fallback = defaultPolicyOptions();
  if (!estate.options) return fallback;
  let merged = mergedOptions.get(estate);
  if (!merged) mergedOptions.set(estate, (merged = { ...fallback, ...estate.options }));
  return merged;
}

// Rules ask for the options once per resource: merge once per estate.
const mergedOptions = new WeakMap<Estate, PolicyOptions>();
