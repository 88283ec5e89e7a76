import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { faultPoint } from './output-faults';

/**
 * One `npm run synth` at a time per output folder: a second run fails at once (exit 3) naming the
 * lock file and its holder rather than waiting. Two runs in one folder are a mistake (two terminals,
 * an editor hook beside a manual run), a waiting run would promote outputs of a configuration its
 * user did not look at, and a hung holder would stall CI until its job timeout.
 *
 * Hand-written rather than `proper-lockfile` (last release 2021): that library judges staleness only
 * by an mtime heartbeat refreshed from a timer, which in-process synthesis blocks for seconds, and it
 * records no holder to name. Here the lock file holds its owner (pid, host, start time); it appears
 * complete or not at all (written aside, then hard-linked into place: link(2) fails if the name
 * exists). A lock is stale when its holder is provably gone: the same machine and PID namespace and
 * that pid is not running (or is a zombie, or is another process that reused the pid), or the machine
 * rebooted since; a holder that cannot be checked from here (another host sharing the folder) is
 * presumed gone after UNVERIFIABLE_HOLDER_STALE_AFTER_MS.
 */

export const LOCK_FILE = '.synth.lock';

/** The largest benchmarked estate (100 clusters, docs/performance.md) synthesizes in 16 s. */
const UNVERIFIABLE_HOLDER_STALE_AFTER_MS = 60 * 60 * 1000;

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  /** Linux: tells a reboot (every pid is gone) and another PID namespace (pids not comparable). */
  readonly bootId?: string;
  readonly pidNamespace?: string;
  /** Linux: the process's start time in clock ticks after boot, so a reused pid is not taken for the holder. */
  readonly processStart?: string;
  readonly token: string;
}

export class OutputsBusyError extends Error {
  constructor(
    readonly lockFile: string,
    readonly owner: LockOwner | undefined,
    situation = `is held by ${owner ? describeOwner(owner) : 'a process that could not be identified'}`,
  ) {
    super(
      `Another run is writing the outputs in ${path.dirname(lockFile)}: the lock ${lockFile} ${situation}.\n` +
        `  Wait for it to finish. If that process is gone, delete the lock file.`,
    );
  }
}

export interface OutputLock {
  readonly file: string;
  /** The holder of a stale lock this run removed, to say so. */
  readonly replacedStaleOwner: LockOwner | 'unreadable' | undefined;
  /** False once another run has taken the lock over (it judged this one stale). */
  isHeld(): boolean;
  release(): void;
}

export function acquireOutputLock(directory: string): OutputLock {
  const file = path.join(directory, LOCK_FILE);
  faultPoint('lock', file);
  fs.mkdirSync(directory, { recursive: true });
  removeAbandonedDrafts(directory);
  const owner = describeThisProcess();
  const content = `${JSON.stringify(owner, null, 2)}\n`;
  const draft = `${file}.draft-${owner.pid}-${owner.token}`;
  fs.writeFileSync(draft, content);
  let replacedStaleOwner: OutputLock['replacedStaleOwner'];
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        fs.linkSync(draft, file);
        return {
          file,
          replacedStaleOwner,
          isHeld: () => readLock(file)?.raw === content,
          release: () => {
            if (readLock(file)?.raw === content) fs.rmSync(file, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readLock(file);
      if (!holder) continue; // released meanwhile
      if (holder.owner && !holderIsGone(holder.owner)) throw new OutputsBusyError(file, holder.owner);
      if (takeOverStaleLock(file, holder.raw)) replacedStaleOwner = holder.owner ?? 'unreadable';
    }
    throw new OutputsBusyError(file, readLock(file)?.owner);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

export function describeOwner(owner: LockOwner): string {
  const ageSeconds = Math.max(0, Math.round((Date.now() - Date.parse(owner.startedAt)) / 1000));
  return `pid ${owner.pid} on host ${owner.host}, started ${owner.startedAt} (${ageSeconds} s ago)`;
}

function readLock(file: string): { raw: string; owner: LockOwner | undefined } | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const owner = JSON.parse(raw) as LockOwner;
    return { raw, owner: Number.isInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.startedAt === 'string' ? owner : undefined };
  } catch {
    // Lock files appear complete (hard link), so an unreadable one was not written by a run: stale.
    return { raw, owner: undefined };
  }
}

/**
 * Removes the stale lock unless another run replaced it between our reading and our moving it: the
 * lock is moved aside first and compared with what was judged, and a fresh lock moved by mistake is
 * linked back.
 */
function takeOverStaleLock(file: string, judged: string): boolean {
  const aside = `${file}.stale-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') === judged) return true;
    try {
      fs.linkSync(aside, file);
    } catch {
      // A third run locked meanwhile; the displaced run sees isHeld() false before it promotes.
    }
    return false;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

function holderIsGone(owner: LockOwner): boolean {
  const here = thisMachine();
  if (owner.host === here.host && owner.bootId !== undefined && here.bootId !== undefined && owner.bootId !== here.bootId) return true;
  if (owner.host === here.host && owner.pidNamespace === here.pidNamespace) return !processIsRunning(owner.pid, owner.processStart);
  return Date.now() - Date.parse(owner.startedAt) > UNVERIFIABLE_HOLDER_STALE_AFTER_MS;
}

/** Drafts (lock content written aside before linking) of runs killed before they removed them. */
function removeAbandonedDrafts(directory: string): void {
  for (const entry of fs.readdirSync(directory)) {
    const pid = new RegExp(`^${LOCK_FILE.replace('.', '\\.')}\\.(?:draft|stale)-(\\d+)-`).exec(entry)?.[1];
    if (pid && !processIsRunning(Number(pid), undefined)) fs.rmSync(path.join(directory, entry), { force: true });
  }
}

export function processIsRunning(pid: number, expectedStart: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  if (stat === undefined) return true; // no /proc: the signal test is all there is
  // A killed process nobody reaped (containers often lack an init that reaps) is a zombie: gone.
  if (stat.state === 'Z') return false;
  return expectedStart === undefined || stat.start === expectedStart;
}

/** State and start time (field 22) from /proc/<pid>/stat; the command name may hold spaces and parentheses. */
function procStat(pid: number | 'self'): { state: string; start: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, start: fields[19]! };
  } catch {
    return undefined;
  }
}

function readOptional(file: string, read: (file: string) => string): string | undefined {
  try {
    return read(file).trim();
  } catch {
    return undefined;
  }
}

function thisMachine(): Pick<LockOwner, 'host' | 'bootId' | 'pidNamespace'> {
  const bootId = readOptional('/proc/sys/kernel/random/boot_id', (file) => fs.readFileSync(file, 'utf8'));
  const pidNamespace = readOptional('/proc/self/ns/pid', fs.readlinkSync);
  return { host: os.hostname(), ...(bootId === undefined ? {} : { bootId }), ...(pidNamespace === undefined ? {} : { pidNamespace }) };
}

/** Computed once: recomputing from the uptime drifts by a millisecond. */
const PROCESS_STARTED_AT = new Date(Date.now() - process.uptime() * 1000).toISOString();

function describeThisProcess(): LockOwner {
  const processStart = procStat('self')?.start;
  return {
    pid: process.pid,
    ...thisMachine(),
    startedAt: PROCESS_STARTED_AT,
    ...(processStart === undefined ? {} : { processStart }),
    token: crypto.randomBytes(8).toString('hex'),
  };
}
