import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processIsRunning } from '../../pipeline/output-lock';
import { runSynth, scratchWorkspace, snapshotTree, SYNTH_NODE_ARGS, unreferencedHiddenEntries } from '../support/run-synth';

/**
 * Writing the outputs fails (a full disk, a read-only folder, a refused path): `npm run synth` exits
 * 3 — not 1, the code of a blocking finding — naming the path and the error, without a stack trace,
 * and the previous outputs stay in place.
 *
 * The tests run as root, which permissions do not stop (chmod 0555 still lets root write), so a
 * read-only folder (EROFS), a full disk (ENOSPC) and a refused write (EACCES) are injected through
 * the test-only hook (pipeline/output-faults.ts) as the kernel would report them; an output folder below a
 * regular file (ENOTDIR) is a real failure.
 */
describe('npm run synth when the outputs cannot be written', () => {
  jest.setTimeout(240_000);
  const workspace = scratchWorkspace('hospital-io-');
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));
  let previous: Record<string, string>;
  beforeAll(() => {
    expect(runSynth(workspace.environmentsDir, workspace.outputRoot).status).toBe(0);
    previous = snapshotTree(workspace.outputRoot);
  });

  const expectExit3Naming = (run: ReturnType<typeof runSynth>, error: RegExp) => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 3, stderr: expect.stringMatching(error) });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toMatch(/synthesis failed/);
  };

  it('an output folder below a regular file (ENOTDIR)', () => {
    const file = path.join(workspace.root, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const outputRoot = path.join(file, 'out');
    expectExit3Naming(
      runSynth(workspace.environmentsDir, outputRoot),
      new RegExp(`Could not write the outputs: ENOTDIR: not a directory, mkdir '${escapeRegExp(outputRoot)}'`),
    );
  });

  const faults: [string, string, RegExp, Record<string, string>][] = [
    [
      'a read-only output folder (EROFS) when staging',
      'EROFS@stage',
      /Could not write the outputs: EROFS: read-only file system, stage '.*\/out\/\.cdktf\.out\.gen-[\w-]+'/,
      {},
    ],
    [
      'a full disk (ENOSPC) when writing the journal',
      'ENOSPC@journal',
      /Could not promote the outputs: ENOSPC: no space left on device, journal '.*\/out\/\.synth\.journal'/,
      {},
    ],
    [
      'a refused write (EACCES) in a synthesis worker',
      'EACCES@synthesize',
      /Could not write the outputs: EACCES: permission denied, synthesize '.*\/out\/\.cdktf\.out\.gen-[\w-]+\/\.worker-\d'/,
      { PLATFORM_SYNTH_WORKERS: '2' },
    ],
  ];

  it.each(faults)('%s: exit 3 naming the path, previous outputs intact', (_case, fault, error, extraEnv) => {
    expectExit3Naming(runSynth(workspace.environmentsDir, workspace.outputRoot, { PLATFORM_TEST_FAULT: fault, ...extraEnv }), error);
    expect(snapshotTree(workspace.outputRoot)).toEqual(previous);
    expect(unreferencedHiddenEntries(workspace.outputRoot)).toEqual([]);
  });
});

describe('synthesis workers', () => {
  jest.setTimeout(120_000);
  const workspace = scratchWorkspace('hospital-workers-');
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('die with the main process when it is killed, even while synthesis blocks them', async () => {
    // Each worker blocks for a minute where it would synthesize (test hook), as a large estate does.
    const log = path.join(workspace.root, 'steps.log');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PLATFORM_ENVIRONMENTS_DIR: workspace.environmentsDir,
      PLATFORM_OUTPUT_DIR: workspace.outputRoot,
      PLATFORM_SYNTH_WORKERS: '2',
      PLATFORM_TEST_FAULT: 'stall@synthesize',
      PLATFORM_TEST_FAULT_LOG: log,
    };
    delete env.CDKTF_OUTDIR;
    const main = spawn(process.execPath, SYNTH_NODE_ARGS, { cwd: workspace.root, env, stdio: 'ignore' });
    const mainEnded = new Promise((resolve) => main.on('exit', resolve));
    const workers = () =>
      (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '')
        .split('\n')
        .filter((line) => line.split('\t')[1] === 'synthesize')
        .map((line) => Number(line.split('\t')[3]));
    try {
      await until(() => workers().length === 2);
    } finally {
      main.kill('SIGKILL'); // the main process only, as an out-of-memory kill or a cancelled CI job does
      await mainEnded;
    }
    const [first, second] = workers();
    await until(() => !processIsRunning(first!, undefined) && !processIsRunning(second!, undefined), 10_000).catch(() => undefined);
    expect({ first: processIsRunning(first!, undefined), second: processIsRunning(second!, undefined) }).toEqual({ first: false, second: false });
  });
});

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
