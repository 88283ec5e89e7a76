/**
 * The CDKTF app and the main job (`npm run synth`, also run by `npx cdktf synth|diff|deploy`):
 * load every environment → one stack each → synthesize → policy gate → reports. Exit codes:
 * 0 ok, 1 blocking findings, 2 invalid configuration, 3 outputs not written (another run holds the
 * output folder's lock, or a file-system error; the previous outputs stay in place).
 */
import './stacks/token-stack-traces';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, formatProblem, loadEnvironments } from './environments/load';
import type { EnvironmentConfig } from './environments/schema';
import { policyEnvironments } from './environments/policy-facts';
import { BLOCKED_REPORTS, describeOutputFailure, OutputFolders } from './cli/atomic-output';
import { synthesizeEnvironments, type ArtifactsByEnvironment } from './stacks/synthesize';
import {
  buildEstate,
  buildReport,
  checkResources,
  contributeSections,
  DEFAULT_GATE,
  DEFAULT_PLAN_FILE,
  gate,
  InputError,
  loadPlan,
  prepareGraphviz,
  resourcesFromTerraformJson,
  type CheckResult,
  type GateConfig,
  type OperationsPlan,
} from './policies';
import { writeReports } from './policies/report';
import { permissionReports } from './policies/rbac';
import { formatGateFindings } from './cli/gate-output';
import { Command } from 'commander';
import { exitQuietlyOnBrokenPipe, parseCommandLine } from './cli/command-line';

export interface SynthesisOptions {
  readonly environmentsDir: string;
  /** Reasoned, expiring exceptions to the policy rules (absent file = none). */
  readonly waiversFile: string;
  /** The operations plan the gate proves (`policies/plan.yaml`). */
  readonly planFile: string;
  /** Where `cdktf.out/`, `artifacts/` and `reports/` go. */
  readonly outputRoot: string;
  /** The CDKTF CLI chooses the Terraform output folder through CDKTF_OUTDIR. */
  readonly cdktfOutDir: string;
}

export function optionsFromEnvironment(): SynthesisOptions {
  const outputRoot = path.resolve(process.env.PLATFORM_OUTPUT_DIR || __dirname);
  return {
    environmentsDir: path.resolve(process.env.PLATFORM_ENVIRONMENTS_DIR || path.join(__dirname, 'environments')),
    waiversFile: path.resolve(process.env.PLATFORM_WAIVERS_FILE || path.join(__dirname, 'policies', 'waivers.yaml')),
    planFile: path.resolve(process.env.PLATFORM_PLAN_FILE || DEFAULT_PLAN_FILE),
    outputRoot,
    cdktfOutDir: path.resolve(process.env.CDKTF_OUTDIR || path.join(outputRoot, 'cdktf.out')),
  };
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

/** Exit code when the outputs could not be written: another run holds their lock, or a file-system error. */
const OUTPUTS_NOT_WRITTEN = 3;

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

  // The report's network graphs need Graphviz: its WebAssembly compiles on another core during synthesis.
  prepareGraphviz();
  const staged = outputs.stage();
  const phases = new PhaseTimer();
  const { artifacts, workerPeakMemoryBytes } = await synthesizeEnvironments(environments, staged.terraformDir);
  writeArtifacts(artifacts, staged.artifactsDir);
  phases.end('synthesis');
  // Workers have exited by now: this process's peak so far is what ran beside them.
  const mainPeakDuringSynthesisBytes = process.resourceUsage().maxRSS * 1024;

  const verdict = await runGate(environments, plan, staged.terraformDir, options, staged.reportsDir);
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
    process.stdout.write(`synthesized ${environment.name} → ${path.relative(process.cwd(), path.join(options.cdktfOutDir, 'stacks', environment.name, 'cdk.tf.json'))}\n`);
  }
  process.stdout.write(`reports → ${path.relative(process.cwd(), path.join(options.outputRoot, 'reports')) || 'reports'}/\n`);
  return 0;
}

function printWarnings(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`outputs: ${warning}\n`);
}

/** Wall time per phase, for `PLATFORM_METRICS_FILE` (the benchmarks read it). */
class PhaseTimer {
  readonly durations: Record<string, number> = {};
  private last = performance.now();
  end(phase: string): void {
    const now = performance.now();
    this.durations[phase] = Math.round(now - this.last);
    this.last = now;
  }
}

interface RunMetrics {
  readonly environments: number;
  readonly phases: Record<string, number>;
  readonly mainPeakMemoryBytes: number;
  readonly mainPeakDuringSynthesisBytes: number;
  readonly workerPeakMemoryBytes: readonly number[];
}

function writeMetrics(metrics: RunMetrics): void {
  const file = process.env.PLATFORM_METRICS_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(metrics));
}

/**
 * The policy gate over what was just synthesized — the same engine and rules as `npm run check` —
 * and the compliance reports. Findings name the final paths (`cdktf.out/stacks/<env>/cdk.tf.json`).
 */
async function runGate(
  environments: readonly EnvironmentConfig[],
  plan: OperationsPlan,
  stagedTerraform: string,
  options: SynthesisOptions,
  reportsDir: string,
): Promise<'passed' | 'blocked' | 'unusable-waivers'> {
  const resources = environments.flatMap((environment) => {
    const staged = path.join(stagedTerraform, 'stacks', environment.name, 'cdk.tf.json');
    const shown = path.relative(process.cwd(), path.join(options.cdktfOutDir, 'stacks', environment.name, 'cdk.tf.json'));
    return resourcesFromTerraformJson(JSON.parse(fs.readFileSync(staged, 'utf8')), { file: shown, environment: environment.name });
  });
  // Each environment is judged by what its own file declares (production, local state, break-glass, audit).
  const policyOptions = { plan, environments: policyEnvironments(environments) };
  const estate = buildEstate(resources, policyOptions);
  // The report's capability sections need only the estate: started now, the network graphs are laid
  // out by the Graphviz worker while the rules run on this thread.
  const contributed = contributeSections(estate);
  let result: CheckResult;
  try {
    result = checkResources(resources, { estate, policyOptions, profile: 'auto', ...(fs.existsSync(options.waiversFile) ? { waiversFile: options.waiversFile } : {}) });
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 'unusable-waivers';
    }
    throw error;
  }
  const gateConfig: GateConfig = {
    default: DEFAULT_GATE.default,
    environments: Object.fromEntries(environments.map((environment) => [environment.name, environment.gate])),
  };
  const verdict = gate(result.findings, gateConfig);
  writeReports(await buildReport(result, { gate: gateConfig, contributed }), reportsDir);
  // The quarterly access review reads these: role × namespace × resource × verb per environment.
  for (const report of permissionReports(result.estate)) fs.writeFileSync(path.join(reportsDir, report.fileName), report.content);
  process.stderr.write(formatGateFindings(verdict.blocking, verdict.warnings, result.rules));
  return verdict.passed ? 'passed' : 'blocked';
}

/**
 * A failure no step reported itself. Never exit 1, the code of a blocking finding: a file-system
 * failure (ENOSPC, EROFS, EACCES on a path outside the output folders) is "outputs not written" (3)
 * with the path; anything else is a defect, reported as unusable input (2) without a stack trace.
 */
export function describeUnexpectedFailure(error: unknown): { message: string; exitCode: number } {
  const systemError = error as NodeJS.ErrnoException | undefined;
  if (typeof systemError?.code === 'string' && typeof systemError.syscall === 'string') {
    const where = typeof systemError.path === 'string' ? systemError.path : '(no path given)';
    return { message: `synthesis failed: ${where}: ${systemError.syscall} failed (${systemError.code}); nothing was promoted, the previous outputs are unchanged`, exitCode: OUTPUTS_NOT_WRITTEN };
  }
  return { message: `synthesis failed: internal error: ${error instanceof Error ? error.message : String(error)}`, exitCode: 2 };
}

/** `npm run synth` takes no arguments (the CDKTF CLI passes none): everything is set by the environment. */
function synthCommandLine(argv: readonly string[]): number | undefined {
  const program = new Command('synth')
    .description('Synthesize every environment, run the policy gate and write the reports (also what `cdktf synth|diff|deploy` runs)')
    .addHelpText(
      'after',
      [
        '',
        'Settings (environment variables):',
        '  PLATFORM_ENVIRONMENTS_DIR  environment files (default: environments/)',
        '  PLATFORM_OUTPUT_DIR        where cdktf.out/, artifacts/ and reports/ go (default: this folder)',
        '  PLATFORM_WAIVERS_FILE      waivers (default: policies/waivers.yaml)',
        '  PLATFORM_PLAN_FILE         the operations plan (default: policies/plan.yaml)',
        '  PLATFORM_SYNTH_WORKERS     worker processes for many environments',
        '  CDKTF_OUTDIR               the Terraform output folder (default: cdktf.out/)',
        '  DEBUG=1                    stack traces with TypeScript line numbers',
        'Exit codes: 0 ok · 1 blocking findings · 2 invalid configuration or command line · 3 outputs not written (lock held, file-system error).',
      ].join('\n'),
    );
  return parseCommandLine(program, argv);
}

if (require.main === module) {
  exitQuietlyOnBrokenPipe();
  const usage = synthCommandLine(process.argv.slice(2));
  if (usage !== undefined) {
    process.exitCode = usage;
  } else {
    run(optionsFromEnvironment()).then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        // An unexpected failure: say what happened without a stack trace (DEBUG=1 shows it).
        const failure = describeUnexpectedFailure(error);
        process.stderr.write(`${failure.message}\n`);
        if (process.env.DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
        process.exitCode = failure.exitCode;
      },
    );
  }
}
