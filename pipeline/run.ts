/**
 * The main job behind `npm run synth`: load every environment → one stack each → synthesize → policy
 * gate → reports, into staged folders promoted only when the gate passes. Exit codes: 0 ok, 1 blocking
 * findings, 2 invalid configuration, 3 outputs not written (another run holds the output folder's lock,
 * or a file-system error; the previous outputs stay in place).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, formatProblem, loadEnvironments } from '../environments/load';
import { productionGateProblems } from '../environments/policy-facts';
import type { EnvironmentConfig } from '../environments/schema';
import { InputError, loadAccessReviews, loadPlan, prepareGraphviz, type AccessReview, type OperationsPlan } from '../policies';
import { BLOCKED_REPORTS, describeOutputFailure, OutputFolders } from './atomic-output';
import { runGate } from './gate';
import { PhaseTimer, writeMetrics } from './metrics';
import { synthesizeEnvironments, type ArtifactsByEnvironment } from './synthesize';

export interface SynthesisOptions {
  readonly environmentsDir: string;
  /** Reasoned, expiring exceptions to the policy rules (absent file = none). */
  readonly waiversFile: string;
  /** The operations plan the gate proves (`policies/plan.yaml`). */
  readonly planFile: string;
  /** The quarterly access review records (`reviews/access/`): rule rbac/access-review-current. */
  readonly accessReviewsDir: string;
  /** Where `cdktf.out/`, `artifacts/` and `reports/` go. */
  readonly outputRoot: string;
  /** The CDKTF CLI chooses the Terraform output folder through CDKTF_OUTDIR. */
  readonly cdktfOutDir: string;
}

/** Exit code when the outputs could not be written: another run holds their lock, or a file-system error. */
export const OUTPUTS_NOT_WRITTEN = 3;

export async function run(options: SynthesisOptions): Promise<number> {
  const layout = { root: options.outputRoot, terraformDir: options.cdktfOutDir };
  let outputs: OutputFolders | undefined;
  try {
    // Recovery first, always: under the lock and before any configuration is read, so that a run
    // whose configuration is invalid still repairs what an interrupted run left.
    outputs = OutputFolders.open(layout);
    for (const note of outputs.notes) process.stderr.write(`outputs: ${note}\n`);
    return await synthesizeIntoOutputs(options, outputs);
  } catch (error) {
    const failure = describeOutputFailure(error, layout);
    if (failure === undefined) throw error;
    process.stderr.write(`${failure}\n`);
    return OUTPUTS_NOT_WRITTEN;
  } finally {
    outputs?.close();
  }
}

/** Validation, synthesis into staged folders, gate and reports, promotion. */
async function synthesizeIntoOutputs(options: SynthesisOptions, outputs: OutputFolders): Promise<number> {
  let environments: EnvironmentConfig[];
  try {
    environments = loadEnvironments(options.environmentsDir);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration (nothing was written):\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
      return 2;
    }
    throw error;
  }
  let plan: OperationsPlan;
  try {
    plan = loadPlan(options.planFile);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`Invalid operations plan (nothing was written):\n  ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // The plan decides which environments are production: one of them may not relax its own gate.
  const gateProblems = productionGateProblems(environments, plan);
  if (gateProblems.length > 0) {
    process.stderr.write(`Invalid configuration (nothing was written):\n${gateProblems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 2;
  }
  let accessReviews: AccessReview[];
  try {
    accessReviews = loadAccessReviews(options.accessReviewsDir);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`Invalid access review record (nothing was written):\n  ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  // The report's network graphs need Graphviz: its WebAssembly compiles on another core during synthesis.
  prepareGraphviz();
  const staged = outputs.stage();
  const phases = new PhaseTimer();
  const { artifacts, workerPeakMemoryBytes } = await synthesizeEnvironments(environments, staged.terraformDir);
  writeArtifacts(artifacts, staged.artifactsDir);
  phases.end('synthesis');
  // Workers have exited by now: this process's peak so far is what ran beside them.
  const mainPeakDuringSynthesisBytes = process.resourceUsage().maxRSS * 1024;

  const verdict = await runGate({
    environments,
    plan,
    accessReviews,
    stagedTerraformDir: staged.terraformDir,
    cdktfOutDir: options.cdktfOutDir,
    waiversFile: options.waiversFile,
    reportsDir: staged.reportsDir,
  });
  phases.end('gate and reports');
  writeMetrics({
    environments: environments.length,
    phases: phases.durations,
    mainPeakMemoryBytes: process.resourceUsage().maxRSS * 1024,
    mainPeakDuringSynthesisBytes,
    workerPeakMemoryBytes,
  });
  if (verdict === 'unusable-waivers') return 2;
  if (verdict === 'blocked') {
    // The last passing outputs stay in place; this run's reports go beside them for review.
    printWarnings(await outputs.promoteBlockedReports(staged));
    process.stderr.write(`The previous cdktf.out/, artifacts/ and reports/ are unchanged; this run's reports are in ${BLOCKED_REPORTS}/.\n`);
    return 1;
  }
  printWarnings(await outputs.promote(staged));
  for (const environment of environments) {
    process.stdout.write(
      `synthesized ${environment.name} → ${path.relative(process.cwd(), path.join(options.cdktfOutDir, 'stacks', environment.name, 'cdk.tf.json'))}\n`,
    );
  }
  process.stdout.write(`reports → ${path.relative(process.cwd(), path.join(options.outputRoot, 'reports')) || 'reports'}/\n`);
  return 0;
}

function writeArtifacts(artifacts: ArtifactsByEnvironment, directory: string): void {
  fs.mkdirSync(directory, { recursive: true });
  for (const [environment, files] of artifacts) {
    for (const [relativePath, content] of files) {
      const target = path.join(directory, environment, relativePath);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
  }
}

function printWarnings(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`outputs: ${warning}\n`);
}
