import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireOutputLock, LOCK_FILE, OutputsBusyError, type LockOwner } from '../../pipeline/output-lock';
import { runSynth, scratchWorkspace, snapshotTree, SYNTH_NODE_ARGS, unreferencedHiddenEntries } from '../support/run-synth';
import { tempDir } from '../support/temp-dir';

/**
 * One `npm run synth` per output folder: a second fails at once with exit 3 naming the lock and its
 * holder; a lock whose holder is provably gone is taken over.
 */
describe('the output lock', () => {
  const scratch = tempDir('hospital-lock-');
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  let folders = 0;
  const folder = () => fs.mkdirSync(path.join(scratch, `root-${(folders += 1)}`), { recursive: true })!;
  const thisProcess = JSON.parse(
    (() => {
      const probe = folder();
      const lock = acquireOutputLock(probe);
      const content = fs.readFileSync(lock.file, 'utf8');
      lock.release();
      return content;
    })(),
  ) as LockOwner;
  const writeLock = (directory: string, owner: Partial<LockOwner>) =>
    fs.writeFileSync(path.join(directory, LOCK_FILE), JSON.stringify({ ...thisProcess, token: 'other', ...owner }));

  it('records who holds it: pid, host, start time', () => {
    expect(thisProcess).toMatchObject({ pid: process.pid, host: os.hostname(), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(Date.parse(thisProcess.startedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a second holder while the first runs, naming the lock file and the holder', () => {
    const directory = folder();
    const first = acquireOutputLock(directory);
    let refusal: unknown;
    try {
      acquireOutputLock(directory);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(OutputsBusyError);
    expect((refusal as Error).message).toContain(
      `the lock ${path.join(directory, LOCK_FILE)} is held by pid ${process.pid} on host ${os.hostname()}, started ${thisProcess.startedAt}`,
    );
    expect(first.isHeld()).toBe(true);
    first.release();
    expect(fs.readdirSync(directory)).toEqual([]);
    acquireOutputLock(directory).release();
  });

  const deadPid = () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  };

  const staleLocks: [string, (directory: string) => void][] = [
    ['its process has ended', (directory) => writeLock(directory, { pid: deadPid() })],
    ['its pid now belongs to another process (reused)', (directory) => writeLock(directory, { processStart: '1' })],
    ['the machine rebooted since', (directory) => writeLock(directory, { bootId: 'another-boot' })],
    [
      'it is from another host and older than an hour',
      (directory) => writeLock(directory, { host: 'ci-runner-7', startedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }),
    ],
    ['it is not a lock this program wrote', (directory) => fs.writeFileSync(path.join(directory, LOCK_FILE), 'garbage')],
  ];

  it.each(staleLocks)('takes over a stale lock: %s', (_case, writeStale) => {
    const directory = folder();
    writeStale(directory);
    const lock = acquireOutputLock(directory);
    expect(lock.replacedStaleOwner).toBeDefined();
    expect(lock.isHeld()).toBe(true);
    lock.release();
    expect(fs.readdirSync(directory)).toEqual([]);
  });

  it('refuses while a holder on another host, which it cannot check, started less than an hour ago', () => {
    const directory = folder();
    writeLock(directory, { host: 'ci-runner-7', startedAt: new Date(Date.now() - 60_000).toISOString() });
    expect(() => acquireOutputLock(directory)).toThrow(/held by pid \d+ on host ci-runner-7, started .* \(6\d s ago\)/);
  });

  it('a run whose lock was taken over does not remove its successor lock', () => {
    const directory = folder();
    const first = acquireOutputLock(directory);
    // Another run judged it stale and took over (as if this process had been presumed gone).
    writeLock(directory, { pid: process.pid, token: 'successor' });
    expect(first.isHeld()).toBe(false);
    first.release();
    expect(JSON.parse(fs.readFileSync(path.join(directory, LOCK_FILE), 'utf8')).token).toBe('successor');
  });
});

describe('two runs of npm run synth in one folder', () => {
  jest.setTimeout(240_000);
  const workspace = scratchWorkspace('hospital-lock-synth-');
  afterAll(() => fs.rmSync(workspace.root, { recursive: true, force: true }));

  it('the second fails at once with exit 3 naming the lock and the first run; a later run takes over when the first was killed', async () => {
    expect(runSynth(workspace.environmentsDir, workspace.outputRoot).status).toBe(0);
    const before = snapshotTree(workspace.outputRoot);
    // The first run stops (test hook) right after it took the lock and recovered, when it stages.
    const log = path.join(workspace.root, 'steps.log');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PLATFORM_ENVIRONMENTS_DIR: workspace.environmentsDir,
      PLATFORM_OUTPUT_DIR: workspace.outputRoot,
      PLATFORM_TEST_FAULT: 'stall@stage',
      PLATFORM_TEST_FAULT_LOG: log,
    };
    delete env.CDKTF_OUTDIR;
    const first = spawn(process.execPath, SYNTH_NODE_ARGS, { cwd: workspace.root, env, stdio: 'ignore' });
    const firstEnded = new Promise((resolve) => first.on('exit', resolve));
    try {
      await until(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('\tstage\t'));
      const second = runSynth(workspace.environmentsDir, workspace.outputRoot);
      expect(second.status).toBe(3);
      expect(second.stderr).toContain(
        `Another run is writing the outputs in ${workspace.outputRoot}: the lock ${path.join(workspace.outputRoot, LOCK_FILE)} is held by pid ${first.pid} on host ${os.hostname()}, started `,
      );
      expect(second.stderr).not.toMatch(/\n\s+at /);
      expect(snapshotTree(workspace.outputRoot)).toEqual(before);
    } finally {
      first.kill('SIGKILL');
      await firstEnded;
    }
    const third = runSynth(workspace.environmentsDir, workspace.outputRoot);
    expect(third.status).toBe(0);
    expect(third.stderr).toContain(`outputs: removed the stale lock of pid ${first.pid} on host ${os.hostname()}, started `);
    expect(unreferencedHiddenEntries(workspace.outputRoot)).toEqual([]);
    expect(Object.keys(snapshotTree(workspace.outputRoot)).sort()).toEqual(Object.keys(before).sort());
  });
});

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
