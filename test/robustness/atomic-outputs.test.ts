import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runSynth, scratchWorkspace, snapshotTree, SYNTH_NODE_ARGS, unreferencedHiddenEntries } from '../support/run-synth';
import { REPO_ROOT } from '../support/environments';
import { tempDir } from '../support/temp-dir';

/**
 * A run killed at any moment, or failing at any step of its promotion, leaves the outputs of one run:
 * `cdktf.out/`, `artifacts/` and `reports/` complete, never missing, and all three of the same run once
 * any later run has started — also a run whose environment file is invalid, which recovers before it
 * validates anything.
 */

const OUTPUT_NAMES = ['cdktf.out', 'artifacts', 'reports'];

/** An environments folder whose prod.yaml does not parse: the later run that must still recover. */
const invalidWorkspace = scratchWorkspace('hospital-invalid-');
fs.appendFileSync(path.join(invalidWorkspace.environmentsDir, 'prod.yaml'), '\nbroken: [\n');
afterAll(() => fs.rmSync(invalidWorkspace.root, { recursive: true, force: true }));

function recoverWithInvalidConfiguration(outputRoot: string): void {
  const run = runSynth(invalidWorkspace.environmentsDir, outputRoot);
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: expect.stringMatching(/prod\.yaml:\d+: YAML syntax error/) });
}

/** The outputs that exist are complete folders: none is missing or a dangling link, even mid-promotion. */
function expectNoOutputMissing(outputRoot: string, names: readonly string[]): void {
  expect(names.filter((name) => !fs.existsSync(path.join(outputRoot, name)))).toEqual([]);
}

describe('a run of npm run synth killed at any moment', () => {
  // Two full runs plus seven killed ones and seven recovering ones: on a loaded machine this exceeds the default minute.
  jest.setTimeout(300_000);
  const workspace = scratchWorkspace('hospital-atomic-');
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('never leaves half-written or mixed outputs once a later run (with an invalid configuration) started', async () => {
    let first: ReturnType<typeof runSynth> | undefined;
    const runTime = timed(() => (first = runSynth(workspace.environmentsDir, workspace.outputRoot)));
    expect(first!.status).toBe(0);
    const previous = snapshotTree(workspace.outputRoot);
    // The next run produces different outputs: a changed quota in prod.
    const prodFile = path.join(workspace.environmentsDir, 'prod.yaml');
    fs.writeFileSync(prodFile, fs.readFileSync(prodFile, 'utf8').replace('pods: 60', 'pods: 61'));
    const expectedNext = (() => {
      const other = scratchWorkspace('hospital-atomic-next-');
      fs.cpSync(workspace.environmentsDir, other.environmentsDir, { recursive: true });
      expect(runSynth(other.environmentsDir, other.outputRoot).status).toBe(0);
      const tree = snapshotTree(other.outputRoot);
      fs.rmSync(other.root, { recursive: true, force: true });
      return tree;
    })();
    const comparable = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).map(([file, content]) => [file, normalizeTimes(content)]));

    for (const delayMs of killTimes(runTime)) {
      await killAfter(workspace.environmentsDir, workspace.outputRoot, delayMs);
      expectNoOutputMissing(workspace.outputRoot, OUTPUT_NAMES);
      for (const [file, content] of Object.entries(snapshotTree(workspace.outputRoot))) {
        if (file.endsWith('.json')) expect(() => JSON.parse(content)).not.toThrow();
      }
      recoverWithInvalidConfiguration(workspace.outputRoot);
      const after = comparable(snapshotTree(workspace.outputRoot));
      const isPrevious = JSON.stringify(after) === JSON.stringify(comparable(previous));
      const isNext = JSON.stringify(after) === JSON.stringify(comparable(expectedNext));
      const differences = (expected: Record<string, string>) =>
        [...new Set([...Object.keys(after), ...Object.keys(expected)])].filter((file) => after[file] !== comparable(expected)[file]);
      expect({
        delayMs,
        isPrevious,
        isNext,
        fromPrevious: isPrevious || isNext ? [] : differences(previous),
        fromNext: isPrevious || isNext ? [] : differences(expectedNext),
      }).toEqual({
        delayMs,
        isPrevious: !isNext,
        isNext: !isPrevious,
        fromPrevious: [],
        fromNext: [],
      });
      expect(unreferencedHiddenEntries(workspace.outputRoot)).toEqual([]);
    }
    // A complete run afterwards produces the new outputs and leaves nothing else behind.
    expect(runSynth(workspace.environmentsDir, workspace.outputRoot).status).toBe(0);
    expect(unreferencedHiddenEntries(workspace.outputRoot)).toEqual([]);
    expect(comparable(snapshotTree(workspace.outputRoot))).toEqual(comparable(expectedNext));
  });
});

/**
 * Every file-system step of a promotion, killed (SIGKILL) or failed (EBUSY, as renaming a bind mount
 * does), through the test-only fault hook (pipeline/output-faults.ts). The promoting process is
 * test/support/promote-fixture.ts: the real lock, recovery and promotion with small outputs naming
 * their run. Before: run A passed (with Terraform working data beside its prod stack) and run X was
 * blocked (reports-blocked/). The promoted run is B.
 */
describe('every step of a promotion, killed or failed', () => {
  jest.setTimeout(600_000);
  const scratch = tempDir('hospital-promotion-');
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const before = path.join(scratch, 'before');
  let copies = 0;
  const copyOf = (root: string) => {
    const copy = path.join(scratch, `run-${(copies += 1)}`);
    fs.cpSync(root, copy, { recursive: true, verbatimSymlinks: true });
    return copy;
  };
  let stateA: Record<string, string>;
  let stateB: Record<string, string>;
  /** Every file-system step of promoting B, its target relative to the output root. */
  let steps: { step: number; label: string; target: string }[];
  const consistentState = (root: string) => {
    const state = snapshotTree(root);
    return JSON.stringify(state) === JSON.stringify(stateA) ? 'A' : JSON.stringify(state) === JSON.stringify(stateB) ? 'B' : state;
  };

  beforeAll(() => {
    expect(fixture(before, 'pass', 'A').status).toBe(0);
    // What `cdktf deploy` leaves beside a stack: it must survive every promotion exactly once.
    fs.mkdirSync(path.join(before, 'cdktf.out/stacks/prod/.terraform/providers'), { recursive: true });
    fs.writeFileSync(path.join(before, 'cdktf.out/stacks/prod/.terraform/providers/kubernetes'), 'provider binary');
    fs.writeFileSync(path.join(before, 'cdktf.out/stacks/prod/.terraform.lock.hcl'), 'provider lock');
    expect(fixture(before, 'blocked', 'X').status).toBe(0);
    stateA = snapshotTree(before);
    const promoted = copyOf(before);
    const log = path.join(scratch, 'steps.log');
    expect(fixture(promoted, 'pass', 'B', undefined, log).status).toBe(0);
    stateB = snapshotTree(promoted);
    steps = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('\t'))
      .map(([step, label, target]) => ({ step: Number(step), label: label!, target: path.relative(promoted, target!) }));
  });

  it('knows the states to expect and the steps to fail', () => {
    expect(stateA['cdktf.out/stacks/prod/.terraform/providers/kubernetes']).toBe('provider binary');
    expect(JSON.parse(stateA['reports-blocked/compliance.json']!).run).toBe('X');
    expect(JSON.parse(stateB['reports/compliance.json']!).run).toBe('B');
    // B carried A's Terraform working data and removed the blocked reports.
    expect(stateB['cdktf.out/stacks/prod/.terraform.lock.hcl']).toBe('provider lock');
    expect(Object.keys(stateB).filter((file) => file.startsWith('reports-blocked/'))).toEqual([]);
    const labels = new Set(steps.map((step) => step.label));
    for (const label of ['lock', 'stage', 'sync', 'journal', 'carry', 'link', 'swap', 'unlink', 'unjournal', 'prune']) expect(labels).toContain(label);
  });

  it('kill at every step: no output ever missing; a later run (with an invalid environment file for each kind of step) leaves one run complete', () => {
    const journalStep = steps.find((step) => step.label === 'journal')!.step;
    // The real entry point recovers once per kind of promotion step (each run costs seconds); the
    // other steps are recovered by the fixture, which calls the same OutputFolders.open first.
    const realRecoveries = new Set(
      steps.filter((step) => step.step >= journalStep && steps.find((first) => first.label === step.label) === step).map((step) => step.step),
    );
    const outcomes = steps.map(({ step, label }) => {
      const root = copyOf(before);
      const killed = fixture(root, 'pass', 'B', `kill@${step}`);
      expect({ step, label, signal: killed.signal }).toEqual({ step, label, signal: 'SIGKILL' });
      expectNoOutputMissing(root, OUTPUT_NAMES);
      if (realRecoveries.has(step)) recoverWithInvalidConfiguration(root);
      else expect(fixture(root, 'recover', '-').status).toBe(0);
      return { step, label, state: consistentState(root), leftovers: unreferencedHiddenEntries(root) };
    });
    expect(realRecoveries.size).toBeGreaterThanOrEqual(6);
    for (const outcome of outcomes) expect(outcome).toEqual({ ...outcome, state: expect.stringMatching(/^[AB]$/), leftovers: [] });
    // Killed before its journal was written the run never happened; killed after, it is completed.
    const states = (chosen: typeof outcomes) => chosen.map((outcome) => `${outcome.step} ${outcome.label} ${outcome.state}`);
    expect(states(outcomes.filter((outcome) => outcome.step <= journalStep))).toEqual(
      states(outcomes.filter((outcome) => outcome.step <= journalStep).map((outcome) => ({ ...outcome, state: 'A' }))),
    );
    expect(states(outcomes.filter((outcome) => outcome.step > journalStep))).toEqual(
      states(outcomes.filter((outcome) => outcome.step > journalStep).map((outcome) => ({ ...outcome, state: 'B' }))),
    );
  });

  it('rename failure (EBUSY) at every step: exit 3 naming the path, the previous outputs in place, nothing left behind', () => {
    for (const { step, label, target } of steps) {
      const root = copyOf(before);
      const failed = fixture(root, 'pass', 'B', `EBUSY@${step}`);
      // Only removing the previous run's folders comes after the promotion: it warns, and B stands.
      const promoted = label === 'prune' && step > steps.find((candidate) => candidate.label === 'unjournal')!.step;
      expect({ step, label, status: failed.status, state: consistentState(root) }).toEqual({
        step,
        label,
        status: promoted ? 0 : 3,
        state: promoted ? 'B' : 'A',
      });
      if (promoted) expect(failed.stderr).toMatch(/the outputs are promoted, but earlier outputs could not all be removed \(the next run removes them\)/);
      else {
        expect({ step, label, leftovers: unreferencedHiddenEntries(root) }).toEqual({ step, label, leftovers: [] });
        // Each run names its staged folders after itself: compare without the run's name.
        const withoutRun = (text: string) => text.replace(/\.gen-[\w-]+/g, '.gen-RUN');
        expect(withoutRun(failed.stderr)).toContain(withoutRun(`EBUSY: resource busy or locked, ${label} '${path.join(root, target)}'`));
        expect(failed.stderr).not.toMatch(/\n\s+at /);
      }
      expect(fixture(root, 'recover', '-').status).toBe(0);
      expect({ step, state: consistentState(root), leftovers: unreferencedHiddenEntries(root) }).toEqual({ step, state: promoted ? 'B' : 'A', leftovers: [] });
    }
  });

  it('a recovery killed at any of its own steps is finished by the next one', () => {
    // The state a run killed between its first and second link swap leaves.
    const secondSwap = steps.filter((step) => step.label === 'swap')[1]!.step;
    const interrupted = copyOf(before);
    expect(fixture(interrupted, 'pass', 'B', `kill@${secondSwap}`).signal).toBe('SIGKILL');
    const log = path.join(scratch, 'recovery.log');
    const probe = path.join(scratch, 'recovery-probe');
    fs.cpSync(interrupted, probe, { recursive: true, verbatimSymlinks: true });
    expect(fixture(probe, 'recover', '-', undefined, log).status).toBe(0);
    const recoverySteps = fs.readFileSync(log, 'utf8').trim().split('\n').length;
    expect(recoverySteps).toBeGreaterThan(3);
    for (let step = 1; step <= recoverySteps; step += 1) {
      const root = path.join(scratch, `recovery-${step}`);
      fs.cpSync(interrupted, root, { recursive: true, verbatimSymlinks: true });
      expect(fixture(root, 'recover', '-', `kill@${step}`).signal).toBe('SIGKILL');
      expect(fixture(root, 'recover', '-').status).toBe(0);
      expect({ step, state: consistentState(root), leftovers: unreferencedHiddenEntries(root) }).toEqual({ step, state: 'B', leftovers: [] });
    }
  });
});

/** The same faults inside the real `npm run synth`: between two link swaps, and a swap refused. */
describe('npm run synth failing or killed during its promotion', () => {
  jest.setTimeout(300_000);
  const workspace = scratchWorkspace('hospital-promotion-synth-');
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));
  beforeAll(() => {
    expect(runSynth(workspace.environmentsDir, workspace.outputRoot).status).toBe(0);
    const prodFile = path.join(workspace.environmentsDir, 'prod.yaml');
    fs.writeFileSync(prodFile, fs.readFileSync(prodFile, 'utf8').replace('pods: 60', 'pods: 61'));
  });
  const quotaOf = () => (fs.readFileSync(path.join(workspace.outputRoot, 'cdktf.out/stacks/prod/cdk.tf.json'), 'utf8').match(/"pods": "\d+"/g) ?? []).join();

  it("keeps each stack at its depth: the local backend's relative state path names the file beside the outputs", () => {
    // Terraform opens `../../../terraform.dev.tfstate` from the physical folder the link leads to.
    const backend = JSON.parse(fs.readFileSync(path.join(workspace.outputRoot, 'cdktf.out/stacks/dev/cdk.tf.json'), 'utf8')).terraform.backend.local
      .path as string;
    const physicalStack = fs.realpathSync(path.join(workspace.outputRoot, 'cdktf.out/stacks/dev'));
    expect(physicalStack).not.toBe(path.join(workspace.outputRoot, 'cdktf.out/stacks/dev'));
    expect(path.resolve(physicalStack, backend)).toBe(path.join(fs.realpathSync(workspace.outputRoot), 'terraform.dev.tfstate'));
  });

  it('exits 3 naming the path when a link cannot be replaced, with the previous outputs in place', () => {
    const previous = snapshotTree(workspace.outputRoot);
    const run = runSynth(workspace.environmentsDir, workspace.outputRoot, { PLATFORM_TEST_FAULT: 'EBUSY@swap#3' });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`EBUSY: resource busy or locked, swap '${escapeRegExp(path.join(workspace.outputRoot, 'reports'))}'`));
    expect(run.stderr).toMatch(/previous cdktf\.out\/, artifacts\/ and reports\/ are unchanged/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(snapshotTree(workspace.outputRoot)).toEqual(previous);
    expect(unreferencedHiddenEntries(workspace.outputRoot)).toEqual([]);
  });

  it('is completed by a later run with an invalid environment file when killed between two link swaps', () => {
    const killed = runSynth(workspace.environmentsDir, workspace.outputRoot, { PLATFORM_TEST_FAULT: 'kill@swap#2' });
    expect(killed.signal).toBe('SIGKILL');
    // cdktf.out/ is already the new run's, artifacts/ and reports/ not yet: mixed until a run recovers.
    expectNoOutputMissing(workspace.outputRoot, OUTPUT_NAMES);
    expect(quotaOf()).toContain('"pods": "61"');
    recoverWithInvalidConfiguration(workspace.outputRoot);
    const linked = OUTPUT_NAMES.map((name) => fs.readlinkSync(path.join(workspace.outputRoot, name)).replace(/^\.[\w.-]+?\.gen-/, ''));
    expect(new Set(linked).size).toBe(1);
    expect(quotaOf()).toContain('"pods": "61"');
    expect(unreferencedHiddenEntries(workspace.outputRoot)).toEqual([]);
  });
});

function fixture(root: string, mode: 'pass' | 'blocked' | 'recover', run: string, fault?: string, log?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PLATFORM_TEST_FAULT;
  delete env.PLATFORM_TEST_FAULT_LOG;
  if (fault) env.PLATFORM_TEST_FAULT = fault;
  if (log) env.PLATFORM_TEST_FAULT_LOG = log;
  const args = ['--require', path.join(REPO_ROOT, 'pipeline/typescript-loader.cjs'), path.join(REPO_ROOT, 'test/support/promote-fixture.ts'), root, mode, run];
  return spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 60_000 });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function timed(action: () => unknown): number {
  const started = Date.now();
  action();
  return Date.now() - started;
}

/** Kill times spread over a whole run, denser near the end where outputs are promoted. */
const killTimes = (runMs: number) => [0.2, 0.5, 0.8, 0.9, 0.95, 0.98, 1.0].map((fraction) => Math.round(runMs * fraction));

/** Reports carry the time they were generated (JUnit without a zone suffix); everything else must match byte for byte. */
const normalizeTimes = (content: string) => content.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, 'TIME');

function killAfter(environmentsDir: string, outputRoot: string, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PLATFORM_ENVIRONMENTS_DIR: environmentsDir, PLATFORM_OUTPUT_DIR: outputRoot };
    delete env.CDKTF_OUTDIR;
    // Same working folder as runSynth: reports name input files relative to it.
    const child = spawn(process.execPath, SYNTH_NODE_ARGS, { cwd: path.dirname(environmentsDir), env, stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      // Kill the whole process group: synthesis workers, when there are any, are child processes.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already finished */
      }
    }, delayMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
