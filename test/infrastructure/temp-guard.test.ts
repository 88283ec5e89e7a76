import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * `npm test` fails when a test leaves anything in the temp folder. The guard (jest's globalSetup and
 * globalTeardown) runs here in a plain node process, as jest runs it: os.tmpdir() reads the real
 * environment, which a test file's sandboxed process.env does not change.
 */
const GUARD = path.join(__dirname, '../support/temp-guard.js');

function runGuard(leave: string): { status: number | null; stdout: string; stderr: string } {
  const script = `
    const fs = require('node:fs'); const os = require('node:os'); const path = require('node:path');
    const guard = require(${JSON.stringify(GUARD)});
    (async () => {
      await guard.setup();
      const dir = os.tmpdir();
      console.log(dir);
      ${leave}
      await guard.teardown();
      console.log(fs.existsSync(dir) ? 'kept' : 'removed');
    })().catch((error) => { console.error(error.message); process.exit(1); });
  `;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}

describe('the temp-folder guard of the test run', () => {
  it('points the run at a folder of its own, passes when the tests removed what they made, and removes the folder', () => {
    const run = runGuard(`fs.rmSync(fs.mkdtempSync(path.join(dir, 'cdktf.outdir.')), { recursive: true });`);
    const [folder, verdict] = run.stdout.trim().split('\n');
    expect(run.status).toBe(0);
    expect(path.basename(folder!)).toMatch(/^hospital-platform-tests-/);
    expect(verdict).toBe('removed');
  });

  it('fails naming what a test left behind', () => {
    const run = runGuard(`fs.mkdtempSync(path.join(dir, 'backup-chain-')); fs.writeFileSync(path.join(dir, 'compliance-report.png'), '');`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Tests left 2 entries in the temp folder: backup-chain-\w+, compliance-report\.png/);
    expect(run.stderr).toContain('test/support/temp-dir.ts');
  });

  it('ignores the compile cache tsx keeps for child processes', () => {
    const run = runGuard(`fs.mkdirSync(path.join(dir, 'tsx-0'));`);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
