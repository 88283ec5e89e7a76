/**
 * `npm run verify -- --env <name> [--format table|json] [--now <ISO time>]`
 * Checks the live cluster of one environment against what its environment file promised.
 * Reads environments from PLATFORM_ENVIRONMENTS_DIR (default `environments`).
 * Exit codes: 0 every check passed · 1 a check failed · 2 unusable input (unknown environment,
 * invalid environment file, unreadable kubeconfig or unknown context).
 */
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, formatProblem, loadEnvironments } from '../environments/load';
import type { EnvironmentConfig } from '../environments/schema';
import { connectToCluster, KubeconfigError } from '../verify/cluster';
import { expectationsFor, verifyCluster } from '../verify';
import { buildReport, renderJson, renderTable } from '../verify/report';
import { parseCommandLine, runCommand } from './command-line';

const EXIT_FAILED = 1;
const EXIT_BAD_INPUT = 2;

class BadInput extends Error {}

function parseInstant(value: string): Date {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new InvalidArgumentError(`expected an ISO 8601 time such as 2026-11-26T02:00:00Z, got "${value}"`);
  return instant;
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('verify')
    .description('Post-deploy verification of one environment against its live cluster')
    .requiredOption('--env <name>', 'environment name (environments/<name>.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(new Option('--now <time>', 'judge backup schedules as of this time (default: now)').argParser(parseInstant))
    .addHelpText(
      'after',
      '\nEnvironments are read from PLATFORM_ENVIRONMENTS_DIR (default: environments/).\nExit codes: 0 every check passed · 1 a check failed · 2 unusable input or command line.',
    );
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  const options = program.opts<{ env: string; format: 'table' | 'json'; now?: Date }>();

  // All environments, as `npm run synth` reads them: hospitals declared in a group file count too.
  const directory = process.env.PLATFORM_ENVIRONMENTS_DIR || path.join(__dirname, '..', 'environments');
  let environments: EnvironmentConfig[];
  try {
    environments = loadEnvironments(directory);
  } catch (error) {
    if (error instanceof ConfigError) throw new BadInput(error.problems.map(formatProblem).join('\n'));
    throw error;
  }
  const environment = environments.find((candidate) => candidate.name === options.env);
  if (!environment) {
    throw new BadInput(`unknown environment "${options.env}" (environments: ${environments.map((known) => known.name).join(', ')})`);
  }

  const cluster = connectToCluster(environment.cluster);
  const now = options.now ?? new Date();
  const results = await verifyCluster(cluster, expectationsFor(environment), now);
  const report = buildReport(environment.name, cluster.server, now, results);
  process.stdout.write(options.format === 'json' ? renderJson(report) : renderTable(report));
  return report.passed ? 0 : EXIT_FAILED;
}

/** Unusable input exits 2; anything else is a bug in this command, and an unproven cluster is a failure (1). */
async function mainWithExitCodes(argv: readonly string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    if (error instanceof BadInput || error instanceof KubeconfigError) {
      process.stderr.write(`verify: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`verify: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  }
}

runCommand('verify', () => mainWithExitCodes(process.argv.slice(2)), EXIT_FAILED);
