/**
 * `npm run netpol -- <path> [--format json|md|dot|svg] [--out FILE] [--deny "A -> B"]…`
 * Connectivity of a folder of Kubernetes YAML or a synthesized `cdk.tf.json`.
 * Exit codes: 0 ok · 1 a denied flow exists, or the proof is incomplete (values known only after apply,
 * objects Kubernetes would reject) · 2 unusable input.
 */
import { Command, CommanderError, Option } from 'commander';
import { parseCidr } from '../policies/network/addresses';
import {
  analyzeCluster,
  findViolations,
  formatViolation,
  loadNetworkModel,
  NetworkInputError,
  parseDenyRule,
  resolveDenyRule,
  toDot,
  toJson,
  toMarkdown,
  toSvg,
  type DenyRule,
} from '../policies/network';
import { writeFileAtomically } from '../pipeline/atomic-output';

export const NETPOL_FORMATS = ['json', 'md', 'dot', 'svg'] as const;

function isCidr(text: string): boolean {
  try {
    parseCidr(text);
    return true;
  } catch {
    return false;
  }
}

export interface NetpolIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const defaultIo: NetpolIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** Runs the command; returns the exit code (never throws for bad input). */
export async function runNetpol(argv: readonly string[], io: NetpolIo = defaultIo): Promise<number> {
  const program = new Command('netpol')
    .description('Which workloads can reach which, under the NetworkPolicies of a cdk.tf.json or a folder of Kubernetes YAML')
    .argument('<path>', 'a cdk.tf.json (or other Terraform the policy engine reads), a Kubernetes YAML/JSON file, or a folder of them')
    .addOption(new Option('--format <format>', 'output format').choices(NETPOL_FORMATS))
    .option('--out <file>', 'write the result (--format, default md) to this file, atomically, instead of stdout')
    .option(
      '--deny <flow>',
      'forbidden flow "<side> -> <side>" (repeatable; exit 1 if any such connection exists); a side is a label selector over namespace or pod labels, <namespace>, <namespace>/<workload>, <namespace>/*, external, external:<cidr> or *',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--cluster-cidr <cidr>',
      "the cluster's pod CIDR (repeatable; default: recorded in the policies' annotations): ipBlocks overlapping it are taken to reach every pod",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--node-cidr <cidr>',
      "the nodes' addresses (repeatable): host-network workloads match only ipBlocks overlapping them",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse(['node', 'netpol', ...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const [target] = program.args as [string];
  const options = program.opts<{ format?: (typeof NETPOL_FORMATS)[number]; out?: string; deny: string[]; clusterCidr: string[]; nodeCidr: string[] }>();
  try {
    const parsedRules: DenyRule[] = options.deny.map(parseDenyRule);
    const cluster = await loadNetworkModel(target);
    // Before any output: a side that matches nothing in this input is an error, not a vacuous pass.
    const denyRules = parsedRules.map((rule) => resolveDenyRule(rule, cluster));
    const cidrs = [...options.clusterCidr, ...options.nodeCidr];
    const badCidr = cidrs.find((cidr) => !isCidr(cidr));
    if (badCidr !== undefined) throw new NetworkInputError(`--cluster-cidr/--node-cidr: "${badCidr}" is not a CIDR`);
    const analysis = analyzeCluster(cluster, {
      ...(options.clusterCidr.length > 0 ? { clusterCidrs: options.clusterCidr } : {}),
      ...(options.nodeCidr.length > 0 ? { nodeCidrs: options.nodeCidr } : {}),
    });
    for (const warning of cluster.warnings) io.stderr(`warning: ${warning}\n`);
    for (const unknown of cluster.unknowns) io.stderr(`warning: known only after apply: ${unknown}\n`);
    for (const rejected of cluster.rejected) io.stderr(`warning: rejected input: ${rejected}\n`);

    // With --deny and neither --format nor --out, print only the verdict.
    const format = options.format ?? (denyRules.length > 0 && options.out === undefined ? undefined : 'md');
    let result: string | undefined;
    if (format === 'json') result = `${JSON.stringify(toJson(analysis), null, 2)}\n`;
    if (format === 'md') result = toMarkdown(analysis, `Network reachability: ${target}`);
    if (format === 'dot') result = toDot(analysis, target);
    if (format === 'svg') result = `${await toSvg(analysis, target)}\n`;
    if (result !== undefined) {
      if (options.out === undefined) io.stdout(result);
      else writeResult(options.out, result);
    }

    if (denyRules.length === 0) return 0;
    const violations = findViolations(analysis, denyRules);
    // The verdict goes where the result does not: stdout when the result is in a file or absent.
    const report = format && options.out === undefined ? io.stderr : io.stdout;
    if (violations.length === 0) {
      report(
        `OK: no connection matches ${denyRules.map((r) => `"${r.text}"`).join(', ')} (${analysis.cluster.workloads.length} workloads, ${analysis.cluster.policies.length} policies, ${analysis.connections.length} connections)\n`,
      );
      if (cluster.unknowns.length > 0) {
        report(`but the proof is incomplete: ${cluster.unknowns.length} value(s) are known only after apply (see warnings)\n`);
        return 1;
      }
      if (cluster.rejected.length > 0) {
        report(
          `but the proof is incomplete: ${cluster.rejected.length} object(s) or port(s) of the input would be rejected by Kubernetes and were left out (see warnings); fix them and run again\n`,
        );
        return 1;
      }
      return 0;
    }
    report(`${violations.map(formatViolation).join('\n\n')}\n\n${violations.length} denied connection(s) exist.\n`);
    return 1;
  } catch (error) {
    if (error instanceof NetworkInputError) {
      io.stderr(`netpol: ${error.message}\n`);
      return 2;
    }
    io.stderr(`netpol: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function writeResult(file: string, content: string): void {
  try {
    writeFileAtomically(file, content);
  } catch (error) {
    throw new NetworkInputError(`--out ${file}: cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

if (require.main === module) {
  void runNetpol(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
