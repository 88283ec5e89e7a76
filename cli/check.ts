/**
 * `npm run check -- <path…> [--plan FILE] [--format …] [--out FILE] [--waivers FILE | --no-waivers] [--env NAME] [--block-on …] [--ops-plan FILE] [--profile auto|generic|platform|all]`
 *
 * Policy check of Terraform JSON files, folders of `*.tf` / `*.tf.json`, a `terraform show -json` plan,
 * or plain Kubernetes YAML (files or folders). It judges what `npm run synth` judges the same way: the
 * repository's waivers by default, and for an input that is one of this repository's stacks
 * (`…/stacks/<env>/` with an `environments/<env>.yaml`) that environment's gate and facts. Platform rules
 * (about this hospital's estate) apply to such stacks only, unless `--profile` says otherwise.
 * Exit codes: 0 nothing blocks · 1 blocking findings · 2 unusable input (message names the file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, formatProblem, loadEnvironmentFile, loadGroupFile } from '../environments/load';
import { GROUP_FILE_SUFFIX } from '../environments/group';
import { effectiveBlockOn, policyEnvironments, productionGateProblems } from '../environments/policy-facts';
import type { EnvironmentConfig } from '../environments/schema';
import {
  buildReport,
  checkResources,
  DEFAULT_GATE,
  gate,
  InputError,
  loadInputs,
  loadPlan,
  loadAccessReviews,
  DEFAULT_ACCESS_REVIEWS_DIR,
  PROFILE_SELECTIONS,
  selectRules,
  type GateConfig,
  type GateLevel,
  type OperationsPlan,
  type ProfileSelection,
  type Rule,
  type Severity,
} from '../policies';
import type { LoadedInputs } from '../policies/inputs';
import { SEVERITIES } from '../policies/model';
import { renderReport } from '../policies/report';
import { toCheckJsonFinding } from '../policies/report/json';
import { REPORT_FORMATS, type ReportFormat } from '../policies/report/model';
import { parseCommandLine, runCommand } from './command-line';

interface CheckCliOptions {
  plan?: string;
  format: ReportFormat;
  out?: string;
  /** A file, `false` for `--no-waivers`, undefined for the repository's waivers. */
  waivers?: string | false;
  env?: string;
  blockOn?: string;
  rules?: string;
  opsPlan?: string;
  profile: ProfileSelection;
}

/** The waivers `npm run synth` applies (PLATFORM_WAIVERS_FILE overrides it there too). */
export function defaultWaiversFile(): string {
  return path.resolve(process.env.PLATFORM_WAIVERS_FILE || path.join(__dirname, '..', 'policies', 'waivers.yaml'));
}

/** Where this repository's environment files are (PLATFORM_ENVIRONMENTS_DIR overrides it, as for synth). */
function environmentsDir(): string {
  return path.resolve(process.env.PLATFORM_ENVIRONMENTS_DIR || path.join(__dirname, '..', 'environments'));
}

/** The access review records `npm run synth` reads (PLATFORM_ACCESS_REVIEWS_DIR overrides it there too). */
function accessReviewsDir(): string {
  return path.resolve(process.env.PLATFORM_ACCESS_REVIEWS_DIR || DEFAULT_ACCESS_REVIEWS_DIR);
}

/** Thrown for bad command-line usage; reported like unusable input (exit 2). */
class UsageError extends Error {}

function parseBlockOn(value: string): GateLevel {
  const severities = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const unknown = severities.filter((entry) => !SEVERITIES.includes(entry as Severity));
  if (unknown.length || severities.length === 0)
    throw new UsageError(`--block-on: unknown severity ${unknown.join(', ') || '(none given)'} (expected ${SEVERITIES.join(', ')})`);
  return { blockOn: severities as Severity[] };
}

function ruleSelection(value: string | undefined): Rule[] | undefined {
  if (!value) return undefined;
  try {
    return selectRules(
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    );
  } catch (error) {
    throw new UsageError(`--rules: ${(error as Error).message}`);
  }
}

/** `…/stacks/<env>/<file>` → `<env>`: the folder layout `npm run synth` writes (cdk.tf.json, and the plan CI saves beside it). */
function stackEnvironmentOf(file: string): string | undefined {
  const parts = path.resolve(file).split(path.sep);
  return parts.length >= 3 && parts[parts.length - 3] === 'stacks' ? parts[parts.length - 2] : undefined;
}

/** The environment file (or hospital of a group file) that declares the environment, or undefined when none does. */
function declaredEnvironment(environment: string, directory: string): EnvironmentConfig | undefined {
  const candidates = ['yaml', 'yml'].map((extension) => path.join(directory, `${environment}.${extension}`)).filter((file) => fs.existsSync(file));
  const results =
    candidates.length > 0
      ? candidates.map(loadEnvironmentFile)
      : (fs.existsSync(directory) ? fs.readdirSync(directory) : [])
          .filter((entry) => GROUP_FILE_SUFFIX.test(entry))
          .flatMap((entry) => loadGroupFile(path.join(directory, entry)))
          .filter((result) => !result.ok || result.environment.name === environment);
  const found = results.find((result) => result.ok && result.environment.name === environment);
  if (found?.ok) return found.environment;
  const problems = results.flatMap((result) => (result.ok ? [] : result.problems));
  if (candidates.length > 0 && problems.length > 0) throw new ConfigError(problems);
  return undefined;
}

/**
 * The inputs that are this repository's stacks (`…/stacks/<env>/…` whose environment an environment file
 * declares), with that declaration: they get its gate, its facts, and the platform rules.
 */
function repositoryStacks(inputs: LoadedInputs['inputs'], blockOn: string | undefined): EnvironmentConfig[] {
  const stacks = new Map<string, EnvironmentConfig>();
  for (const input of inputs) {
    const stack = stackEnvironmentOf(input.file);
    if (stack === undefined || stack !== input.environment || stacks.has(stack)) continue;
    try {
      const declared = declaredEnvironment(stack, environmentsDir());
      if (declared) stacks.set(stack, declared);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Its gate and its facts (production, break-glass group, …) come from the file: neither is guessed.
      const [what, advice] =
        blockOn === undefined
          ? ['the gate of environment', 'fix the environment file, or choose the gate with --block-on']
          : ['environment', 'fix the environment file'];
      throw new UsageError(`cannot read ${what} "${stack}" (${input.file}):\n  ${error.problems.map(formatProblem).join('\n  ')}\n(${advice})`);
    }
  }
  return [...stacks.values()];
}

/**
 * The gate per environment: `--block-on` for every input when given; otherwise each input that is one
 * of this repository's stacks gets its environment's declared gate (for production, at least the plan's
 * minimum, as in `npm run synth`), and everything else the default.
 */
function gateFor(stacks: readonly EnvironmentConfig[], blockOn: string | undefined, plan: OperationsPlan): GateConfig {
  if (blockOn) return { default: parseBlockOn(blockOn) };
  return { default: DEFAULT_GATE.default, environments: Object.fromEntries(stacks.map((stack) => [stack.name, { blockOn: effectiveBlockOn(stack, plan) }])) };
}

export async function runCheck(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('check')
    .description('Policy check of Terraform JSON, folders of *.tf (HCL), a `terraform show -json` plan, or Kubernetes YAML')
    .addHelpText(
      'after',
      [
        '',
        "Judges like `npm run synth`: the repository's policies/waivers.yaml applies unless --waivers or",
        "--no-waivers says otherwise, and an input that is one of this repository's stacks",
        '(cdktf.out/stacks/<env>/…, with environments/<env>.yaml) is gated as that environment declares.',
        '',
        'Profiles: generic rules (workloads, RBAC basics, network, encryption, secrets, state locking) judge',
        "any input; platform rules (this hospital's plan, backup, monitoring, retention, IDS, DR, break-glass, …)",
        "judge this repository's stacks only under --profile auto. Rules not applied are listed as not applicable.",
        'Exit codes: 0 nothing blocks · 1 blocking findings · 2 unusable input or command line.',
      ].join('\n'),
    )
    .argument('[paths...]', 'cdk.tf.json / *.tf.json files, folders of *.tf or *.tf.json, plan JSON files, Kubernetes YAML files or folders')
    .option('--plan <file>', 'a plan from `terraform show -json`')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--waivers <file>', "waivers YAML file (default: the repository's policies/waivers.yaml)")
    .option('--no-waivers', 'apply no waivers: show every finding as the rules judge it')
    .option('--env <name>', 'environment name for every input (default: cdktf.out/stacks/<env>/, else the folder name)')
    .option(
      '--block-on <severities>',
      "comma-separated severities that block, for every input (default: critical,high, or the environment's gate for this repository's stacks)",
    )
    .option('--ops-plan <file>', 'the operations plan to judge against (default: policies/plan.yaml)')
    .option('--rules <globs>', 'only the rules whose id matches one of these comma-separated globs, e.g. "workload/*,secrets/*"')
    .addOption(
      new Option(
        '--profile <profile>',
        "rule profiles: auto = generic everywhere, platform on this repository's stacks; generic or platform = that profile on every input; all = every rule on every input",
      )
        .choices([...PROFILE_SELECTIONS])
        .default('auto'),
    );

  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  const paths = program.processedArgs[0] as string[];
  const options = program.opts<CheckCliOptions>();
  try {
    if (paths.length === 0 && !options.plan) throw new UsageError('give at least one path or --plan FILE (see --help)');
    if (options.blockOn !== undefined) parseBlockOn(options.blockOn);
    const rules = ruleSelection(options.rules);
    const plan = loadPlan(options.opsPlan);
    const loaded = await loadInputs(paths, { plan: options.plan, env: options.env });
    for (const warning of loaded.warnings) process.stderr.write(`check: warning: ${warning}\n`);
    const stacks = repositoryStacks(loaded.inputs, options.blockOn);
    const gateProblems = options.blockOn === undefined ? productionGateProblems(stacks, plan) : [];
    if (gateProblems.length > 0)
      throw new UsageError(
        `cannot take the gate of a production environment:\n  ${gateProblems.map(formatProblem).join('\n  ')}\n(fix the environment file, or choose the gate with --block-on)`,
      );
    const gateConfig = gateFor(stacks, options.blockOn, plan);
    const waiversFile = options.waivers === false ? undefined : (options.waivers ?? existingFile(defaultWaiversFile()));
    const result = checkResources(loaded.resources, {
      waiversFile,
      rules,
      profile: options.profile,
      policyOptions: {
        plan,
        environments: policyEnvironments(stacks, plan),
        // The quarterly review is a record of this repository: judged where its own stacks are checked.
        ...(stacks.length > 0 ? { accessReviews: loadAccessReviews(accessReviewsDir()) } : {}),
      },
    });
    const verdict = gate(result.findings, gateConfig);

    let output: string;
    if (options.format === 'json') {
      // The `check --format json` contract, key for key (compliance.json adds more beside these).
      output = `${JSON.stringify({ summary: result.summary, findings: result.findings.map(toCheckJsonFinding) }, null, 2)}\n`;
    } else {
      const report = await buildReport(result, { gate: gateConfig, withoutContributors: options.format === 'text' });
      output = renderReport(options.format, report);
      if (!output.endsWith('\n')) output += '\n';
    }
    if (options.out) {
      writeReport(options.out, output);
      const { passed, failed, waived, notApplicable } = result.summary;
      process.stdout.write(
        `${verdict.passed ? 'passed' : `BLOCKED (${verdict.blocking.length} blocking)`}: ${passed} passed, ${failed} failed, ${waived} waived, ${notApplicable} not applicable — report written to ${options.out}\n`,
      );
    } else {
      process.stdout.write(output);
    }
    return verdict.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      process.stderr.write(`check: ${error.message}\n`);
      return 2;
    }
    // Anything else is a defect, but the contract still holds: a message, no stack trace, exit 2.
    process.stderr.write(`check: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    return 2;
  }
}

const existingFile = (file: string): string | undefined => (fs.existsSync(file) ? file : undefined);

/** A report that cannot be written (ENOSPC, EROFS, EACCES) is exit 2 naming the file, never 1. */
function writeReport(file: string, content: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, content, 'utf8');
  } catch (error) {
    throw new UsageError(`--out ${file}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

if (require.main === module) runCommand('check', () => runCheck(process.argv.slice(2)));
