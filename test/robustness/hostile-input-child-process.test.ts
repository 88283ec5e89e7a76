/**
 * Issue 19: hostile inputs that hung `check` and `netpol` or grew to gigabytes before the fix (a FIFO,
 * /dev/zero). They run in a child process with a timeout, so a regression fails instead of hanging the
 * suite (full suite: each starts tsx).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/environments';
import { tempDir } from '../support/temp-dir';

const TSX = require.resolve('tsx/cli', { paths: [REPO_ROOT] });
const temp = tempDir('hostile-child-');

/** Runs a command in a child process with a time bound: a hang is a failure, not a stuck suite. */
function child(args: string[], env: Record<string, string> = {}): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [TSX, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stderr: result.stderr };
}

describe('check and netpol inputs', () => {
  it('a FIFO among check and netpol inputs, and /dev/zero, exit 2 naming the path (they hung or grew to gigabytes)', () => {
    const folder = path.join(temp, 'fifo-inputs');
    fs.mkdirSync(folder);
    execFileSync('mkfifo', [path.join(folder, 'pipe.yaml')]);
    const check = child(['cli/check.ts', folder, '--no-waivers']);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/pipe\.yaml: is a named pipe \(FIFO\), expected a regular file/);
    const zero = child(['cli/check.ts', '/dev/zero', '--no-waivers']);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/\/dev\/zero: is a character device, expected a regular file/);
    const netpol = child(['cli/netpol.ts', folder]);
    expect(netpol.status).toBe(2);
    expect(netpol.stderr).toMatch(/pipe\.yaml: is a named pipe/);
  }, 120_000);
});
