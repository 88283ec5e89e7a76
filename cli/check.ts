/**
 * `npm run check -- <path…> [--plan FILE] [--format …] [--out FILE] [--waivers FILE] [--env NAME] [--ops-plan FILE]`
 *
 * Policy check of Terraform JSON files, folders of `*.tf` / `*.tf.json`, or a `terraform show -json`
 * plan. Exit codes: 0 nothing blocks · 1 blocking findings · 2 unusable input (message names the file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { buildReport, checkResources, DEFAULT_GATE, gate, InputError, loadInputs, loadPlan, selectRules, type GateConfig, type Rule, type Severity } from '../policies';
import { SEVERITIES } from '../policies/model';
import { renderReport } from '../policies/report';
import { toCheckJsonFinding } from '../policies/report/json';
import { REPORT_FORMATS, type ReportFormat } from '../policies/report/model';

interface CheckCliOptions {
  plan?: string;
  format: ReportFormat;
  out?: string;
  waivers?: string;
  env?: string;
  blockOn?: string;
  rules?: string;
  opsPlan?: string;
}

/** Thrown for bad command-line usage; reported like unusable input (exit 2). */
class UsageError extends Error {}

function parseBlockOn(value: string | undefined): GateConfig {
  if (!value) return DEFAULT_GATE;
  const severities = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const unknown = severities.filter((entry) => !SEVERITIES.includes(entry as Severity));
  if (unknown.length) throw new UsageError(`--block-on: unknown severity ${unknown.join(', ')} (expected ${SEVERITIES.join(', ')})`);
  return { default: { blockOn: severities as Severity[] } };
}

function ruleSelection(value: string | undefined): Rule[] | undefined {
  if (!value) return undefined;
  try {
    return selectRules(value.split(',').map((entry) => entry.trim()).filter(Boolean));
  } catch (error) {
    throw new UsageError(`--rules: ${(error as Error).message}`);
  }
}

export async function runCheck(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name('check')
    .description('Policy check of Terraform JSON, folders of *.tf (HCL) or a `terraform show -json` plan')
    .argument('[paths...]', 'cdk.tf.json / *.tf.json files, folders of *.tf or *.tf.json, plan JSON files')
    .option('--plan <file>', 'a plan from `terraform show -json`')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--waivers <file>', 'waivers YAML file')
    .option('--env <name>', 'environment name for every input (default: cdktf.out/stacks/<env>/, else the folder name)')
    .option('--block-on <severities>', 'comma-separated severities that block (default: critical,high)')
    .option('--ops-plan <file>', 'the operations plan to judge against (default: policies/plan.yaml)')
    .option('--rules <globs>', 'only the rules whose id matches one of these comma-separated globs, e.g. "workload/*,secrets/*"')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError(false);

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const paths = program.processedArgs[0] as string[];
  const options = program.opts<CheckCliOptions>();
  try {
    if (paths.length === 0 && !options.plan) throw new UsageError('give at least one path or --plan FILE (see --help)');
    const gateConfig = parseBlockOn(options.blockOn);
    const rules = ruleSelection(options.rules);
    const plan = loadPlan(options.opsPlan);
    const { resources } = await loadInputs(paths, { plan: options.plan, env: options.env });
    const result = checkResources(resources, { waiversFile: options.waivers, rules, policyOptions: { plan } });
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
      fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
      fs.writeFileSync(options.out, output, 'utf8');
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

if (require.main === module) {
  runCheck(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`check: ${(error as Error)?.message ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
