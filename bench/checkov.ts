/**
 * Side by side with Checkov (PyPI `checkov`, `--framework terraform_json`): the same synthesized
 * `cdk.tf.json` of every shipped environment, checked by `npm run check` and by Checkov as processes
 * (median wall time), and their verdicts compared resource by resource for the concerns both cover.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEnvironments } from '../environments/load';
import { ruleUnits } from '../policies/rules/fixture-registry';
import { synthesizeInProcess } from '../pipeline/synthesize';
import { formatMs, markdownTable, median, timeCommand, type BenchSection } from './measure';
import { findPeer } from './peers';

const REPO_ROOT = path.resolve(__dirname, '..');

/** Concerns both tools check, with Checkov's check ids and our rule ids for each. */
export const OVERLAPPING_CONCERNS: readonly { concern: string; checkov: readonly string[]; ours: readonly string[] }[] = [
  { concern: 'privileged containers', checkov: ['CKV_K8S_16'], ours: ['workload/no-privileged'] },
  { concern: 'privilege escalation', checkov: ['CKV_K8S_20'], ours: ['workload/no-privilege-escalation'] },
  { concern: 'host PID / IPC / network', checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'], ours: ['workload/no-host-namespaces'] },
  { concern: 'host ports', checkov: ['CKV_K8S_26'], ours: ['workload/no-host-port'] },
  { concern: 'capabilities dropped', checkov: ['CKV_K8S_28', 'CKV_K8S_37'], ours: ['workload/drop-all-capabilities'] },
  { concern: 'read-only root filesystem', checkov: ['CKV_K8S_22'], ours: ['workload/read-only-root-filesystem'] },
  { concern: 'non-root user', checkov: ['CKV_K8S_23', 'CKV_K8S_40'], ours: ['workload/run-as-non-root'] },
  { concern: 'seccomp RuntimeDefault', checkov: ['CKV_K8S_31', 'CKV_K8S_32'], ours: ['workload/seccomp-runtime-default'] },
  { concern: 'image pinned by digest', checkov: ['CKV_K8S_43'], ours: ['workload/image-pinned-digest'] },
  { concern: 'requests and limits', checkov: ['CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13'], ours: ['workload/resources-set'] },
  { concern: 'liveness and readiness probes', checkov: ['CKV_K8S_8', 'CKV_K8S_9'], ours: ['workload/probes-set'] },
  { concern: 'default namespace', checkov: ['CKV_K8S_21'], ours: ['workload/no-default-namespace'] },
  { concern: 'service-account token mounted', checkov: ['CKV_K8S_38'], ours: ['workload/no-automount-token'] },
  { concern: 'RBAC wildcards', checkov: ['CKV_K8S_49'], ours: ['rbac/no-wildcards'] },
];

/** Verdict per `environment resource-name`: true when any of the concern's checks failed there. */
type Verdicts = Map<string, boolean>;

/**
 * CDKTF's logical ids are unique within a stack, so the name alone identifies a resource; Checkov
 * 3.3 reports CDKTF JSON resources as `resource.<name>`, without their type.
 */
const resourceName = (address: string): string => address.slice(address.indexOf('.') + 1);

const environmentOf = (file: string): string => /stacks\/([^/]+)\/cdk\.tf\.json$/.exec(file)?.[1] ?? file;

interface CheckovResult {
  readonly check_id: string;
  readonly resource: string;
  readonly file_path: string;
}
interface CheckovReport {
  readonly results: { readonly passed_checks: readonly CheckovResult[]; readonly failed_checks: readonly CheckovResult[] };
}

export function checkovVerdicts(output: string, checkIds: readonly string[]): Verdicts {
  const parsed = JSON.parse(output) as CheckovReport | CheckovReport[];
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  const verdicts: Verdicts = new Map();
  for (const report of reports) {
    for (const [results, failed] of [
      [report.results.passed_checks, false],
      [report.results.failed_checks, true],
    ] as const) {
      for (const result of results) {
        if (!checkIds.includes(result.check_id)) continue;
        const key = `${environmentOf(result.file_path)} ${resourceName(result.resource)}`;
        verdicts.set(key, (verdicts.get(key) ?? false) || failed);
      }
    }
  }
  return verdicts;
}

interface OurFinding {
  readonly ruleId: string;
  readonly status: 'pass' | 'fail' | 'waived' | 'not-applicable';
  readonly resource: string;
  readonly environment: string;
}

export function ourVerdicts(output: string, ruleIds: readonly string[]): Verdicts {
  const { findings } = JSON.parse(output) as { findings: readonly OurFinding[] };
  const verdicts: Verdicts = new Map();
  for (const finding of findings) {
    if (!ruleIds.includes(finding.ruleId) || finding.status === 'not-applicable') continue;
    const key = `${finding.environment} ${resourceName(finding.resource)}`;
    verdicts.set(key, (verdicts.get(key) ?? false) || finding.status !== 'pass');
  }
  return verdicts;
}

export interface ConcernComparison {
  readonly concern: string;
  readonly bothChecked: number;
  readonly agree: number;
  readonly onlyCheckovFails: readonly string[];
  readonly onlyOursFails: readonly string[];
  readonly onlyCheckovChecked: number;
  readonly onlyOursChecked: number;
}

export function compareConcern(concern: string, checkov: Verdicts, ours: Verdicts): ConcernComparison {
  const both = [...checkov.keys()].filter((key) => ours.has(key)).sort();
  return {
    concern,
    bothChecked: both.length,
    agree: both.filter((key) => checkov.get(key) === ours.get(key)).length,
    onlyCheckovFails: both.filter((key) => checkov.get(key) && !ours.get(key)),
    onlyOursFails: both.filter((key) => !checkov.get(key) && ours.get(key)),
    onlyCheckovChecked: [...checkov.keys()].filter((key) => !ours.has(key)).length,
    onlyOursChecked: [...ours.keys()].filter((key) => !checkov.has(key)).length,
  };
}

function output(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

/**
 * The passing and failing Terraform inputs of our rules for the overlapping concerns, one file per case
 * (`stacks/<case>/cdk.tf.json`, so both tools name its environment after the case): unlike the shipped
 * environments, half of them violate something, which is where verdicts can differ.
 */
function writeFixtureCorpus(directory: string): string[] {
  const ruleIds = new Set(OVERLAPPING_CONCERNS.flatMap((concern) => concern.ours));
  const files: string[] = [];
  for (const { fixtures } of ruleUnits().filter((unit) => ruleIds.has(unit.rule.id))) {
    for (const [kind, cases] of [
      ['pass', fixtures.pass],
      ['fail', fixtures.fail],
    ] as const) {
      cases.forEach((fixture, index) => {
        if (!fixture.terraform || fixture.options || fixture.otherEnvironments) return;
        const file = path.join(directory, 'stacks', `${fixtures.ruleId.replace('/', '-')}-${kind}-${index}`, 'cdk.tf.json');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(fixture.terraform));
        files.push(file);
      });
    }
  }
  return files;
}

function compareOn(files: readonly string[], checkovCommand: string): ConcernComparison[] {
  const oursOutput = output(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['cli/check.ts', ...files, '--format', 'json']);
  const checkovOutput = output(checkovCommand, ['--framework', 'terraform_json', ...files.flatMap((file) => ['-f', file]), '-o', 'json', '--compact']);
  return OVERLAPPING_CONCERNS.map(({ concern, checkov, ours }) =>
    compareConcern(concern, checkovVerdicts(checkovOutput, checkov), ourVerdicts(oursOutput, ours)),
  );
}

function comparisonTable(comparisons: readonly ConcernComparison[]): string {
  const sample = (keys: readonly string[]) => (keys.length === 0 ? '0' : `${keys.length} (e.g. \`${keys[0]}\`)`);
  const bothChecked = comparisons.reduce((sum, c) => sum + c.bothChecked, 0);
  const agree = comparisons.reduce((sum, c) => sum + c.agree, 0);
  return [
    markdownTable(
      ['concern', 'resources both check', 'same verdict', 'only Checkov fails', 'only ours fails', 'checked by Checkov only', 'checked by ours only'],
      comparisons.map((c) => [
        c.concern,
        String(c.bothChecked),
        String(c.agree),
        sample(c.onlyCheckovFails),
        sample(c.onlyOursFails),
        String(c.onlyCheckovChecked),
        String(c.onlyOursChecked),
      ]),
    ),
    '',
    `Same verdict on ${agree} of ${bothChecked} (resource, concern) pairs both tools check.`,
  ].join('\n');
}

export async function benchCheckov(runs: number): Promise<BenchSection> {
  const title = 'Checkov side by side (the shipped environments’ cdk.tf.json)';
  const peer = findPeer('checkov', { envVariable: 'CHECKOV', cached: 'checkov-venv/bin/checkov', versionArgs: ['--version'] });
  if ('missing' in peer) {
    return {
      title,
      markdown: `Skipped: ${peer.missing}. Install: \`python3 -m venv ~/.cache/hospital-platform/peers/checkov-venv && ~/.cache/hospital-platform/peers/checkov-venv/bin/pip install checkov==3.3.30\`.`,
      goals: [],
    };
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-checkov-'));
  try {
    synthesizeInProcess(loadEnvironments(path.join(REPO_ROOT, 'environments')), scratch);
    const files = fs
      .readdirSync(path.join(scratch, 'stacks'))
      .map((environment) => path.join(scratch, 'stacks', environment, 'cdk.tf.json'))
      .filter((file) => fs.existsSync(file));
    const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
    const oursArgs = ['cli/check.ts', ...files, '--format', 'json'];
    const checkovArgs = ['--framework', 'terraform_json', ...files.flatMap((file) => ['-f', file]), '-o', 'json', '--compact'];
    const oursTimes: number[] = [];
    const checkovTimes: number[] = [];
    for (let run = 0; run < runs; run++) {
      oursTimes.push(timeCommand(tsx, oursArgs, { cwd: REPO_ROOT, okCodes: [0, 1] }));
      checkovTimes.push(timeCommand(peer.command, checkovArgs, { cwd: REPO_ROOT, okCodes: [0, 1] }));
    }
    const shipped = compareOn(files, peer.command);
    const fixtures = compareOn(writeFixtureCorpus(path.join(scratch, 'fixtures')), peer.command);
    const ours = median(oursTimes);
    const theirs = median(checkovTimes);
    const timing = markdownTable(
      ['command', 'median wall time'],
      [
        [`\`npm run check -- <${files.length} files> --format json\``, formatMs(ours)],
        [`\`checkov --framework terraform_json -f … -o json\` (${peer.version})`, formatMs(theirs)],
      ],
    );
    return {
      title: `${title}, median of ${runs} runs`,
      markdown: [
        timing,
        '',
        `Checkov takes ${(theirs / ours).toFixed(2)} × the time of \`npm run check\` on the same ${files.length} files (both as processes, start-up included).`,
        '',
        '**Verdicts on the shipped environments** (every one passes our gate):',
        '',
        comparisonTable(shipped),
        '',
        '**Verdicts on our rules’ own passing and failing fixtures** for these concerns (one file per case):',
        '',
        comparisonTable(fixtures),
        '',
        '"Checked by … only": resources the other tool does not look at for that concern (Checkov has no such checks for some types, e.g. `kubernetes_cron_job_v1`).',
      ].join('\n'),
      goals: [],
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
