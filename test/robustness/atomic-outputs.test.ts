import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recoverInterruptedPromotion } from '../../cli/atomic-output';
import { runSynth, scratchWorkspace, snapshotTree, SYNTH_NODE_ARGS } from '../support/run-synth';

/**
 * A run killed at any moment leaves either the previous outputs or the new ones, never a mixture or
 * a half-written file. The kill times sweep the whole run (start-up, synthesis, gate, promotion).
 */
// Two full runs plus seven killed ones: on a loaded machine this exceeds the default minute.
jest.setTimeout(240_000);

describe('atomic outputs', () => {
  const workspace = scratchWorkspace('hospital-atomic-');
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('never leaves half-written outputs when the run is killed', async () => {
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
    const comparable = (tree: Record<string, string>) =>
      Object.fromEntries(Object.entries(tree).map(([file, content]) => [file, normalizeTimes(content)]));

    for (const delayMs of killTimes(runTime)) {
      await killAfter(workspace.environmentsDir, workspace.outputRoot, delayMs);
      for (const [file, content] of Object.entries(snapshotTree(workspace.outputRoot))) {
        if (file.endsWith('.json') && !file.includes('.tmp-')) expect(() => JSON.parse(content)).not.toThrow();
      }
      // What the next run does first: finish an interrupted promotion, tidy the leftovers.
      recoverInterruptedPromotion(workspace.outputRoot);
      const after = comparable(snapshotTree(workspace.outputRoot));
      const isPrevious = JSON.stringify(after) === JSON.stringify(comparable(previous));
      const isNext = JSON.stringify(after) === JSON.stringify(comparable(expectedNext));
      const differences = (expected: Record<string, string>) =>
        [...new Set([...Object.keys(after), ...Object.keys(expected)])].filter((file) => after[file] !== comparable(expected)[file]);
      expect({ delayMs, isPrevious, isNext, fromPrevious: isPrevious || isNext ? [] : differences(previous), fromNext: isPrevious || isNext ? [] : differences(expectedNext) }).toEqual({
        delayMs,
        isPrevious: !isNext,
        isNext: !isPrevious,
        fromPrevious: [],
        fromNext: [],
      });
    }
    // A complete run afterwards tidies what the killed runs left and produces the new outputs.
    expect(runSynth(workspace.environmentsDir, workspace.outputRoot).status).toBe(0);
    expect(fs.readdirSync(workspace.outputRoot).filter((entry) => entry.startsWith('.'))).toEqual([]);
    expect(comparable(snapshotTree(workspace.outputRoot))).toEqual(comparable(expectedNext));
  });
});

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
