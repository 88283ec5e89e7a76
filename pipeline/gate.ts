import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentConfig } from '../environments/schema';
import { effectiveBlockOn, policyEnvironments } from '../environments/policy-facts';
import {
  buildEstate,
  buildReport,
  checkResources,
  contributeSections,
  DEFAULT_GATE,
  gate,
  InputError,
  resourcesFromTerraformJson,
  type CheckResult,
  type GateConfig,
  type AccessReview,
  type OperationsPlan,
} from '../policies';
import { writeReports } from '../policies/report';
import { permissionReports } from '../policies/rbac';
import { formatGateFindings } from './gate-output';

export type GateVerdict = 'passed' | 'blocked' | 'unusable-waivers';

export interface GateInputs {
  readonly environments: readonly EnvironmentConfig[];
  readonly plan: OperationsPlan;
  /** The recorded quarterly access reviews (`reviews/access/`). */
  readonly accessReviews: readonly AccessReview[];
  /** The staged Terraform folder the gate reads (`<staged>/stacks/<env>/cdk.tf.json`). */
  readonly stagedTerraformDir: string;
  /** The Terraform folder the outputs are promoted to: findings name these final paths. */
  readonly cdktfOutDir: string;
  /** Reasoned, expiring exceptions to the policy rules (absent file = none). */
  readonly waiversFile: string;
  readonly reportsDir: string;
}

/**
 * The policy gate over what was just synthesized — the same engine and rules as `npm run check` —
 * and the compliance reports. Findings name the final paths (`cdktf.out/stacks/<env>/cdk.tf.json`).
 */
export async function runGate(inputs: GateInputs): Promise<GateVerdict> {
  const { environments, plan, accessReviews, stagedTerraformDir, cdktfOutDir, waiversFile, reportsDir } = inputs;
  const resources = environments.flatMap((environment) => {
    const staged = path.join(stagedTerraformDir, 'stacks', environment.name, 'cdk.tf.json');
    const shown = path.relative(process.cwd(), path.join(cdktfOutDir, 'stacks', environment.name, 'cdk.tf.json'));
    return resourcesFromTerraformJson(JSON.parse(fs.readFileSync(staged, 'utf8')), { file: shown, environment: environment.name });
  });
  // Each environment is judged by what its own file declares (production, local state, break-glass, audit).
  const policyOptions = { plan, accessReviews, environments: policyEnvironments(environments, plan) };
  const estate = buildEstate(resources, policyOptions);
  // The report's capability sections need only the estate: started now, the network graphs are laid
  // out by the Graphviz worker while the rules run on this thread.
  const contributed = contributeSections(estate);
  let result: CheckResult;
  try {
    result = checkResources(resources, { estate, policyOptions, profile: 'auto', ...(fs.existsSync(waiversFile) ? { waiversFile } : {}) });
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 'unusable-waivers';
    }
    throw error;
  }
  const gateConfig: GateConfig = {
    default: DEFAULT_GATE.default,
    environments: Object.fromEntries(environments.map((environment) => [environment.name, { blockOn: effectiveBlockOn(environment, plan) }])),
  };
  const verdict = gate(result.findings, gateConfig);
  writeReports(await buildReport(result, { gate: gateConfig, contributed }), reportsDir);
  // The quarterly access review reads these: role × namespace × resource × verb per environment.
  for (const report of permissionReports(result.estate)) fs.writeFileSync(path.join(reportsDir, report.fileName), report.content);
  process.stderr.write(formatGateFindings(verdict.blocking, verdict.warnings, result.rules));
  return verdict.passed ? 'passed' : 'blocked';
}
