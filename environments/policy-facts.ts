/**
 * What each environment declares about itself, as the policy rules read it (`PolicyOptions.environments`).
 * The gate inside `npm run synth` and `npm run check` (for inputs that are this repository's stacks) both
 * take the facts from here, so a rule never recognises an environment by its name: a hospital built from
 * a group file is judged by what its own file says, and the operations plan names the environments that
 * are production whatever their files say.
 */
import type { EnvironmentFacts, OperationsPlan, Severity } from '../policies';
import type { ConfigProblem } from './load';
import type { EnvironmentConfig } from './schema';

/** Severities below the default gate's (critical, high): an environment that blocks on them is gated as production. */
const PRODUCTION_GATE_SEVERITIES: ReadonlySet<string> = new Set(['medium', 'low']);

type ProductionPlan = Pick<OperationsPlan, 'production'>;

/**
 * Whether the environment is held to production rules: one the plan names (`production.environments`),
 * a DR site (the warm standby becomes production in a failover), or an environment whose gate is
 * stricter than the default (blocks on medium findings). Its own file can add it to production, never
 * take it out: relaxing prod's gate does not make prod a development environment.
 */
export function isProduction(environment: Pick<EnvironmentConfig, 'name' | 'role' | 'gate'>, plan: ProductionPlan): boolean {
  return (
    plan.production.environments.includes(environment.name) ||
    environment.role === 'dr' ||
    environment.gate.blockOn.some((severity) => PRODUCTION_GATE_SEVERITIES.has(severity))
  );
}

/** The severities the environment's gate blocks on: its own, and for production at least the plan's minimum. */
export function effectiveBlockOn(environment: Pick<EnvironmentConfig, 'name' | 'role' | 'gate'>, plan: ProductionPlan): Severity[] {
  const own = environment.gate.blockOn as Severity[];
  if (!isProduction(environment, plan)) return [...own];
  return [...new Set([...own, ...plan.production.minimumGate])];
}

/**
 * A production environment whose file gates more loosely than the plan's minimum: a configuration error
 * (exit 2) naming the file and `gate.blockOn`, so the weakening is refused where it is written instead
 * of silently overridden.
 */
export function productionGateProblems(environments: readonly EnvironmentConfig[], plan: ProductionPlan): ConfigProblem[] {
  return environments.flatMap((environment) => {
    if (!isProduction(environment, plan)) return [];
    const missing = plan.production.minimumGate.filter((severity) => !environment.gate.blockOn.includes(severity));
    if (missing.length === 0) return [];
    const named = plan.production.environments.includes(environment.name);
    return [
      {
        file: environment.file,
        keyPath: 'gate.blockOn',
        message:
          `[${environment.gate.blockOn.join(', ')}] leaves out ${missing.join(', ')}: ${environment.name} is production ` +
          `(${named ? 'policies/plan.yaml production.environments' : 'its role or gate'}), and production blocks on at least ` +
          `[${plan.production.minimumGate.join(', ')}] (production.minimumGate)`,
      },
    ];
  });
}

/** The namespaces holding the environment's audit data: declared under `access`, else the intrusion-detection namespace. */
export function auditNamespacesOf(environment: Pick<EnvironmentConfig, 'access' | 'intrusionDetection'>): string[] {
  return environment.access?.auditNamespaces ?? [environment.intrusionDetection?.namespace ?? 'security'];
}

export function policyFactsOf(environment: EnvironmentConfig, plan: ProductionPlan): EnvironmentFacts {
  const production = isProduction(environment, plan);
  return {
    production,
    // Local state is lost with the machine and has no lock: only an environment that is not production may keep it.
    localStateAllowed: !production,
    breakGlassGroups: environment.access ? [environment.access.breakGlass.group] : [],
    auditNamespaces: auditNamespacesOf(environment),
  };
}

/** `PolicyOptions.environments` for the environments of a run. */
export function policyEnvironments(environments: readonly EnvironmentConfig[], plan: ProductionPlan): Record<string, EnvironmentFacts> {
  return Object.fromEntries(environments.map((environment) => [environment.name, policyFactsOf(environment, plan)]));
}
