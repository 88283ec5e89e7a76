/**
 * `npm run check` judges what `npm run synth` judged the same way (issue 16, item 9): the repository's
 * waivers by default, and for one of this repository's stacks that environment's gate. The README's own
 * `npm run check` examples are run, as written, on what synth just wrote and passed.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workload } from '../../policies/rules/fixture-builders';
import { REPO_ROOT } from '../support/environments';
import { runSynth, scratchWorkspace } from '../support/run-synth';
import { tempDir } from '../support/temp-dir';

const TSX = require.resolve('tsx/cli', { paths: [REPO_ROOT] });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function check(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSX, path.join(REPO_ROOT, 'cli/check.ts'), ...args],
      { cwd: options.cwd ?? REPO_ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The `npm run check -- …` lines of the README's code blocks, as argument lists. */
function readmeCheckExamples(): string[][] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => /^npm run (--silent )?check -- /.test(line))
    .map((line) =>
      line
        .replace(/^npm run (--silent )?check -- /, '')
        .split(/\s+/)
        .filter(Boolean),
    );
}

describe('check agrees with synth', () => {
  const workspace = scratchWorkspace('hospital-check-synth-');
  const synth = runSynth(workspace.environmentsDir, workspace.outputRoot);
  const stacks = path.join(workspace.outputRoot, 'cdktf.out');
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('synthesizes and passes the gate', () => {
    expect(synth.status).toBe(0);
  });

  it("exits 0 for every README example on synth's passed output", async () => {
    const examples = readmeCheckExamples();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    // The examples on synth's own output; a plan needs `terraform plan` against a cluster (the deploy
    // workflow checks the plan it applies), manifests are someone else's input.
    const runnable = examples.filter((args) => !args.includes('--plan') && args.some((arg) => arg === 'cdktf.out' || arg.endsWith('cdk.tf.json')));
    process.stdout.write(`README check examples on synth output run here: ${runnable.length} of ${examples.length}\n`);
    expect(runnable.length).toBeGreaterThanOrEqual(2);
    const out = tempDir('check-readme-');
    for (const args of runnable) {
      // The README's placeholders: a stack file, the output folder, a report file.
      const concrete = args.map((arg) =>
        arg === 'path/to/cdk.tf.json'
          ? path.join(stacks, 'stacks', 'prod', 'cdk.tf.json')
          : arg === 'cdktf.out'
            ? stacks
            : arg.endsWith('.sarif') || arg.endsWith('.html')
              ? path.join(out, arg)
              : arg,
      );
      const result = await check(concrete, { cwd: workspace.outputRoot });
      expect({ args: args.join(' '), code: result.code, stderr: result.stderr }).toEqual({ args: args.join(' '), code: 0, stderr: '' });
    }
  }, 120_000);

  it('applies the repository waivers by default; --no-waivers shows the raw findings', async () => {
    const [waived, raw] = await Promise.all([check([stacks, '--format', 'json']), check([stacks, '--format', 'json', '--no-waivers'])]);
    expect(waived.code).toBe(0);
    expect(JSON.parse(waived.stdout).summary.waived).toBeGreaterThan(0);
    expect(raw.code).toBe(1);
    expect(JSON.parse(raw.stdout).summary.waived).toBe(0);
    const blocking = JSON.parse(raw.stdout).findings.filter((finding: { status: string }) => finding.status === 'fail');
    expect(blocking.map((finding: { ruleId: string }) => finding.ruleId)).toContain('workload/no-host-namespaces');
  }, 120_000);

  it('keeps the repository waivers valid when --rules selects only some rules', async () => {
    const result = await check([path.join(stacks, 'stacks', 'prod', 'cdk.tf.json'), '--rules', 'workload/*', '--format', 'json']);
    expect(result.code).toBe(0);
    const invalid = JSON.parse(result.stdout).findings.filter(
      (finding: { ruleId: string; status: string }) => finding.ruleId === 'waiver/valid' && finding.status === 'fail',
    );
    expect(invalid).toEqual([]);
  }, 60_000);
});

describe("check gates this repository's stacks as their environment declares", () => {
  /** A stack whose only finding (with --rules) is a medium one: a Deployment in the default namespace. */
  const mediumOnly = JSON.stringify(workload('kubernetes_deployment_v1', 'web', { namespace: null }));
  const root = tempDir('check-gate-');
  const stackFile = (environment: string) => {
    const file = path.join(root, 'cdktf.out', 'stacks', environment, 'cdk.tf.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, mediumOnly);
    return file;
  };
  const rules = ['--rules', 'workload/no-default-namespace'];
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("blocks prod's medium finding (prod blocks on medium) but not dev's; --block-on overrides", async () => {
    const [prod, dev, overridden, elsewhere] = await Promise.all([
      check([stackFile('prod'), ...rules]),
      check([stackFile('dev'), ...rules]),
      check([stackFile('prod'), ...rules, '--block-on', 'critical,high']),
      // Not one of this repository's stacks: the default gate, even when named prod.
      check([path.join(root, 'cdktf.out', 'stacks', 'prod'), ...rules, '--env', 'prod-copy']),
    ]);
    expect(prod.code).toBe(1);
    expect(prod.stdout).toMatch(/prod .* critical,high,medium/);
    expect(dev.code).toBe(0);
    expect(overridden.code).toBe(0);
    expect(elsewhere.code).toBe(0);
  }, 60_000);

  it('reads the gate of a hospital declared in a group file, and refuses an invalid environment file', async () => {
    const environments = path.join(root, 'environments');
    fs.mkdirSync(environments, { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'environments', 'staging.yaml'), path.join(environments, 'staging.yaml'));
    fs.writeFileSync(
      path.join(environments, 'north.group.yaml'),
      [
        'group: north',
        'templates:',
        '  county:',
        '    extends: staging.yaml',
        '    overrides:',
        '      gate: { blockOn: [critical, high, medium] }',
        '      cluster: { kubeconfig: { path: ~/.kube/config, context: "{{hospital}}" } }',
        '      backend: { secretSuffix: "{{hospital}}" }',
        'hospitals:',
        '  county-a: { template: county }',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(environments, 'broken.yaml'), 'site: [unclosed\n');
    const env = { PLATFORM_ENVIRONMENTS_DIR: environments };
    const [grouped, broken] = await Promise.all([check([stackFile('county-a'), ...rules], { env }), check([stackFile('broken'), ...rules], { env })]);
    expect(grouped.code).toBe(1);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/cannot read the gate of environment "broken".*\n.*broken\.yaml:\d+: YAML syntax error/);
    expect(broken.stderr).toMatch(/--block-on/);
  }, 60_000);
});
