import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Outputs (`cdktf.out/`, `artifacts/`, `reports/`) are built in staging folders beside their final
 * places and promoted only when the run succeeded, so an invalid configuration or a blocked gate
 * changes nothing. Promotion swaps whole folders (renames within one file system are atomic) under a
 * journal: a run killed during promotion is rolled forward by the next run, so no output is ever
 * left half-written or mixed from two runs once any later run starts.
 */

const JOURNAL = '.promotion.json';

export interface PromotionStep {
  readonly staged: string;
  readonly final: string;
  /** Keep Terraform's working data beside each synthesized stack (only for `cdktf.out/`). */
  readonly keepTerraformWorkingData?: boolean;
}

interface Journal {
  readonly pid: number;
  readonly steps: readonly PromotionStep[];
}

/** A staging folder beside `finalDir` (same file system, so the final rename is atomic). */
export function createStagingDirectory(finalDir: string): string {
  const parent = path.dirname(finalDir);
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `.staging-${process.pid}-`));
}

/** Promotes every staged folder to its final place, in order, journaled for crash recovery. */
export function promoteOutputs(outputRoot: string, steps: readonly PromotionStep[]): void {
  const journalFile = path.join(outputRoot, JOURNAL);
  writeFileAtomically(journalFile, JSON.stringify({ pid: process.pid, steps } satisfies Journal));
  for (const step of steps) applyStep(step, process.pid);
  fs.rmSync(journalFile, { force: true });
}

/**
 * Called at the start of every run: finishes a promotion a killed run had started (its staging was
 * complete before the journal was written), then removes what killed runs left behind.
 */
export function recoverInterruptedPromotion(outputRoot: string): void {
  fs.mkdirSync(outputRoot, { recursive: true });
  const journalFile = path.join(outputRoot, JOURNAL);
  if (fs.existsSync(journalFile)) {
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
    } catch {
      journal = undefined; // written atomically, so only a foreign file can be unreadable
    }
    if (journal && !isAlive(journal.pid)) {
      for (const step of journal.steps) applyStep(step, journal.pid);
      fs.rmSync(journalFile, { force: true });
    } else if (!journal) fs.rmSync(journalFile, { force: true });
  }
  removeLeftoversOfDeadRuns(outputRoot);
}

/** Idempotent: safe to repeat after a crash at any point of a previous attempt. */
function applyStep(step: PromotionStep, pid: number): void {
  const previous = `${step.final}.previous-${pid}`;
  if (fs.existsSync(step.staged)) {
    if (fs.existsSync(step.final)) {
      if (step.keepTerraformWorkingData) carryOverTerraformWorkingData(step.final, step.staged);
      fs.renameSync(step.final, previous);
    }
    fs.renameSync(step.staged, step.final);
  }
  fs.rmSync(previous, { recursive: true, force: true });
}

/**
 * Keeps what Terraform wrote beside each synthesized stack (`.terraform/`, the lock file, saved
 * plans) for the stacks that still exist; a removed environment's stale stack goes.
 */
function carryOverTerraformWorkingData(previousDir: string, stagedDir: string): void {
  const stagedStacks = path.join(stagedDir, 'stacks');
  if (!fs.existsSync(stagedStacks)) return;
  for (const stack of fs.readdirSync(stagedStacks)) {
    const previousStack = path.join(previousDir, 'stacks', stack);
    if (!fs.existsSync(previousStack) || !fs.statSync(previousStack).isDirectory()) continue;
    for (const entry of fs.readdirSync(previousStack)) {
      const target = path.join(stagedStacks, stack, entry);
      if (!fs.existsSync(target)) fs.renameSync(path.join(previousStack, entry), target);
    }
  }
}

function removeLeftoversOfDeadRuns(directory: string): void {
  for (const entry of fs.readdirSync(directory)) {
    const owner = /^\.staging-(\d+)-/.exec(entry)?.[1] ?? /\.previous-(\d+)$/.exec(entry)?.[1];
    if (owner && !isAlive(Number(owner))) fs.rmSync(path.join(directory, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process nobody reaped (containers often lack an init that reaps) is a zombie: dead.
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Writes a file so that readers see the old content or the new, never a part. */
export function writeFileAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

export function removeQuietly(directory: string): void {
  fs.rmSync(directory, { recursive: true, force: true });
}
