import * as fs from 'node:fs';
import * as util from 'node:util';

/**
 * TEST-ONLY fault injection for the output folders (pipeline/atomic-output.ts, pipeline/output-lock.ts) and the
 * synthesis workers. Nothing sets these variables outside the robustness tests; unset, every hook is
 * one environment look-up.
 *
 *   PLATFORM_TEST_FAULT=<fault>@<step>   fault: `kill` (SIGKILL this process), `stall` (block the
 *                                        thread for a minute, as a long synthesis does) or an errno
 *                                        code (`EBUSY`, `ENOSPC`, `EROFS`, `EACCES`, …) thrown as the
 *                                        file-system call would; step: the 1-based number of the
 *                                        file-system change in this process, or its label (`swap`,
 *                                        …: every step so labelled) or `<label>#<n>` (the n-th)
 *   PLATFORM_TEST_FAULT_LOG=<file>       appends `<number>\t<label>\t<path>\t<pid>` per step, so a test can
 *                                        enumerate the steps and then fail each one in turn
 */

let stepsTaken = 0;
const stepsTakenByLabel = new Map<string, number>();

/** Called before every file-system change the output folders make (and where workers synthesize). */
export function faultPoint(label: string, target: string): void {
  const spec = process.env.PLATFORM_TEST_FAULT;
  const log = process.env.PLATFORM_TEST_FAULT_LOG;
  if (!spec && !log) return;
  stepsTaken += 1;
  const occurrence = (stepsTakenByLabel.get(label) ?? 0) + 1;
  stepsTakenByLabel.set(label, occurrence);
  if (log) fs.appendFileSync(log, `${stepsTaken}\t${label}\t${target}\t${process.pid}\n`);
  const [fault, step] = (spec ?? '').split('@');
  if (!fault || (step !== String(stepsTaken) && step !== label && step !== `${label}#${occurrence}`)) return;
  if (fault === 'kill') {
    process.kill(process.pid, 'SIGKILL');
    blockFor(60_000); // the signal is delivered at once; never run the step meanwhile
  }
  if (fault === 'stall') return blockFor(60_000);
  throw systemError(fault, label, target);
}

function blockFor(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/** The error Node itself raises for `code` (same message shape, `code`, `syscall` and `path`). */
function systemError(code: string, syscall: string, target: string): NodeJS.ErrnoException {
  const entry = [...util.getSystemErrorMap()].find(([, [name]]) => name === code);
  if (!entry) throw new Error(`PLATFORM_TEST_FAULT: unknown fault "${code}" (kill, stall or an errno code such as EBUSY)`);
  const [errno, [, description]] = entry;
  return Object.assign(new Error(`${code}: ${description}, ${syscall} '${target}'`), { errno, code, syscall, path: target });
}
