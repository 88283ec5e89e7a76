import type { EnvironmentFacts, Estate, PolicyOptions } from './model';
import { loadPlan } from './plan/load';

/**
 * Defaults for inputs that are not this repository's stacks: no environment is production, none may
 * keep local state, no group may hold cluster-admin and none holds audit data. This repository's
 * environments bring their own facts (`PolicyOptions.environments`, from their files), so nothing here
 * names an environment, a group or a namespace of the hospital.
 */
const DEFAULTS = {
  breakGlassGroups: [],
  productionEnvironments: [],
  localStateEnvironments: [],
  auditNamespaces: [],
} as const satisfies Omit<PolicyOptions, 'plan'>;

let defaults: PolicyOptions | undefined;

/** The defaults with the repository's plan; override per run with `checkResources(…, { policyOptions })`. */
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

/** What the environment declares about itself, when it is one of this repository's environments. */
export function environmentFacts(estate: Estate, environment: string): EnvironmentFacts | undefined {
  const facts = policyOptions(estate).environments;
  return facts && Object.hasOwn(facts, environment) ? facts[environment] : undefined;
}

/** Whether the environment is held to production rules: its own facts, else `productionEnvironments`. */
export function isProductionEnvironment(estate: Estate, environment: string): boolean {
  return environmentFacts(estate, environment)?.production ?? policyOptions(estate).productionEnvironments.includes(environment);
}

/** Whether the environment may keep local Terraform state: its own facts, else `localStateEnvironments`. */
export function mayKeepLocalState(estate: Estate, environment: string): boolean {
  return environmentFacts(estate, environment)?.localStateAllowed ?? policyOptions(estate).localStateEnvironments.includes(environment);
}

/** The groups allowed to hold cluster-admin in the environment: its own break-glass group, else `breakGlassGroups`. */
export function breakGlassGroupsOf(estate: Estate, environment: string): readonly string[] {
  return environmentFacts(estate, environment)?.breakGlassGroups ?? policyOptions(estate).breakGlassGroups;
}

/** The namespaces holding the environment's audit data: its own, else `auditNamespaces`. */
export function auditNamespacesOf(estate: Estate, environment: string): readonly string[] {
  return environmentFacts(estate, environment)?.auditNamespaces ?? policyOptions(estate).auditNamespaces ?? [];
}
