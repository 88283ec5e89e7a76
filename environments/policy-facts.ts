/**
 * What each environment declares about itself, as the policy rules read it (`PolicyOptions.environments`).
 * The gate inside `npm run synth` and `npm run check` (for inputs that are this repository's stacks) both
 * take the facts from here, so a rule never recognises an environment by its name: a hospital built from
 * a group file is judged by what its own file says.
 */
import type { EnvironmentFacts } from '../policies/model';
import type { EnvironmentConfig } from './schema';

/** Severities below the default gate's (critical, high): an environment that blocks on them is gated as production. */
const PRODUCTION_GATE_SEVERITIES: ReadonlySet<string> = new Set(['medium', 'low']);

/**
 * Whether the environment is held to production rules: a DR site (the warm standby becomes production in
 * a failover), or an environment whose gate is stricter than the default (blocks on medium findings),
 * which is how the environment files mark production.
 */
export function isProduction(environment: Pick<EnvironmentConfig, 'role' | 'gate'>): boolean {
  return environment.role === 'dr' || environment.gate.blockOn.some((severity) => PRODUCTION_GATE_SEVERITIES.has(severity));
}

/** The namespaces holding the environment's audit data: declared under `access`, else the intrusion-detection namespace. */
export function auditNamespacesOf(environment: Pick<EnvironmentConfig, 'access' | 'intrusionDetection'>): string[] {
  return environment.access?.auditNamespaces ?? [environment.intrusionDetection?.namespace ?? 'security'];
}

export function policyFactsOf(environment: EnvironmentConfig): EnvironmentFacts {
  const production = isProduction(environment);
  return {
    production,
    // Local state is lost with the machine and has no lock: only an environment that is not production may keep it.
    localStateAllowed: !production,
    breakGlassGroups: environment.access ? [environment.access.breakGlass.group] : [],
    auditNamespaces: auditNamespacesOf(environment),
  };
}

/** `PolicyOptions.environments` for the environments of a run. */
export function policyEnvironments(environments: readonly EnvironmentConfig[]): Record<string, EnvironmentFacts> {
  return Object.fromEntries(environments.map((environment) => [environment.name, policyFactsOf(environment)]));
}
