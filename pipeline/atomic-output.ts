import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { faultPoint } from './output-faults';
import { acquireOutputLock, describeOwner, LOCK_FILE, OutputsBusyError, type OutputLock } from './output-lock';

/**
 * The outputs of `npm run synth` — `cdktf.out/`, `artifacts/`, `reports/` and `reports-blocked/` —
 * as a reader finds them at any moment: complete, and all three of one run.
 *
 * Layout. Each output name is a symbolic link to a hidden sibling folder holding one run's output:
 *
 *   cdktf.out -> .cdktf.out.gen-20260612T101500Z-4242-a1b2c3
 *   artifacts -> .artifacts.gen-20260612T101500Z-4242-a1b2c3
 *   reports   -> .reports.gen-20260612T101500Z-4242-a1b2c3
 *
 * Replacing a link is one rename(2), so a reader always finds a complete folder (renaming real
 * folders leaves a moment with none). The folders are siblings of their links, not gathered under
 * one folder, because Terraform resolves the relative paths CDKTF writes (the local backend's
 * `../../../terraform.dev.tfstate`) against the physical folder: a stack must stay at its depth.
 *
 * Promotion, all-or-nothing across the names:
 *   1. the staged folders are complete; their files are flushed (fsync);
 *   2. the journal (`.synth.journal`) lists every link to replace and every Terraform working-data
 *      entry to carry over; it is written aside, fsynced and renamed into place before the first
 *      rename: from here on the promotion is committed;
 *   3. Terraform's working data (`.terraform/`, lock file, saved plans) moves from the previous
 *      stacks into the new ones; each link is replaced; `reports-blocked` goes on a passing run;
 *   4. the journal is removed, then every folder no link names.
 * A run that fails during 2–3 (a rename refused, a full disk) undoes what it did — the journal is
 * first marked `rolling-back` — and exits 3 with the previous outputs in place. A run killed there is
 * completed by the next run (rolled forward; a `rolling-back` journal is rolled back), which does so
 * first of all, under the lock and before it reads any configuration. Every step is idempotent, so a
 * recovery killed half-way is finished by the one after. Folders an older version left (real
 * `cdktf.out/` …) become links on the first run, the one moment a name is briefly missing.
 *
 * pipeline/output-faults.ts (test only) can fail or kill every file-system change made here.
 */

const JOURNAL = '.synth.journal';
export const BLOCKED_REPORTS = 'reports-blocked';

export interface OutputLayout {
  /** Holds artifacts/, reports/, reports-blocked/, the lock and the journal. */
  readonly root: string;
  /** cdktf.out/ (CDKTF_OUTDIR may place it elsewhere). */
  readonly terraformDir: string;
}

/** One run's outputs while it writes them: hidden folders that become the outputs on promotion. */
export interface StagedOutputs {
  readonly terraformDir: string;
  readonly artifactsDir: string;
  readonly reportsDir: string;
}

interface LinkSwap {
  /** The output name (a link), relative to the root. */
  readonly link: string;
  /** The sibling folder it names afterwards; null: the link goes. */
  readonly target: string | null;
  /** What it named before; null: nothing. */
  readonly previous: string | null;
}

interface Move {
  /** Relative to the root. */
  readonly from: string;
  readonly to: string;
}

interface Journal {
  readonly state: 'promoting' | 'rolling-back';
  readonly swaps: readonly LinkSwap[];
  readonly carried: readonly Move[];
}

/** A promotion failed; `restored` says whether the previous outputs are back in place. */
export class PromotionError extends Error {
  constructor(
    readonly failure: unknown,
    readonly restored: boolean,
  ) {
    super(`promotion failed: ${messageOf(failure)}`, { cause: failure });
  }
}

/** The output folders of one run: locked from opening to closing, recovered on opening. */
export class OutputFolders {
  private readonly staged: string[] = [];
  private readonly promoted = new Set<string>();

  private constructor(
    readonly layout: OutputLayout,
    private readonly lock: OutputLock,
    /** What opening found and repaired, for the user. */
    readonly notes: readonly string[],
  ) {}

  /** Takes the lock, then finishes whatever an interrupted run left (before any configuration is read). */
  static open(layout: OutputLayout): OutputFolders {
    const lock = acquireOutputLock(layout.root);
    const notes: string[] = [];
    const stale = lock.replacedStaleOwner;
    if (stale) notes.push(stale === 'unreadable' ? 'removed an unreadable lock file' : `removed the stale lock of ${describeOwner(stale)}`);
    try {
      notes.push(...recoverOutputs(layout));
    } catch (error) {
      lock.release();
      throw error;
    }
    return new OutputFolders(layout, lock, notes);
  }

  /** Hidden folders beside the outputs (same file systems, so promotion is renames only). */
  stage(): StagedOutputs {
    const run = `${new Date().toISOString().replace(/[-:]|\.\d+/g, '')}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
    const [terraformDir, artifactsDir, reportsDir] = [this.layout.terraformDir, artifactsOf(this.layout), reportsOf(this.layout)].map((output) =>
      path.join(path.dirname(output), `.${path.basename(output)}.gen-${run}`),
    ) as [string, string, string];
    for (const folder of [terraformDir, artifactsDir, reportsDir]) {
      faultPoint('stage', folder);
      fs.mkdirSync(path.dirname(folder), { recursive: true });
      fs.mkdirSync(folder);
      this.staged.push(folder);
    }
    return { terraformDir, artifactsDir, reportsDir };
  }

  /** Makes the staged outputs the outputs, all three at once; removes reports-blocked/. Returns warnings. */
  promote(staged: StagedOutputs): Promise<string[]> {
    const { root } = this.layout;
    const swaps: LinkSwap[] = [
      swapTo(root, this.layout.terraformDir, staged.terraformDir),
      swapTo(root, artifactsOf(this.layout), staged.artifactsDir),
      swapTo(root, reportsOf(this.layout), staged.reportsDir),
      swapTo(root, path.join(root, BLOCKED_REPORTS), null),
    ];
    return this.commit([staged.terraformDir, staged.artifactsDir, staged.reportsDir], swaps, terraformWorkingData(this.layout, staged.terraformDir));
  }

  /** A blocked run: its reports become reports-blocked/; the outputs stay those of the last passing run. */
  promoteBlockedReports(staged: StagedOutputs): Promise<string[]> {
    return this.commit([staged.reportsDir], [swapTo(this.layout.root, path.join(this.layout.root, BLOCKED_REPORTS), staged.reportsDir)], []);
  }

  /** Removes what this run staged and did not promote, then releases the lock. */
  close(): void {
    try {
      for (const folder of this.staged) if (!this.promoted.has(folder)) fs.rmSync(folder, { recursive: true, force: true });
    } catch {
      // Unreferenced folders are removed by the next run's recovery.
    } finally {
      this.lock.release();
    }
  }

  private async commit(folders: readonly string[], swaps: readonly LinkSwap[], carried: readonly Move[]): Promise<string[]> {
    await flushTrees(folders);
    // Another run took the lock over (it judged this one stale): promoting now would mix two runs.
    if (!this.lock.isHeld()) throw new OutputsBusyError(this.lock.file, undefined, 'was taken over by another run while this one synthesized');
    const journal: Journal = { state: 'promoting', swaps, carried };
    try {
      writeJournal(this.layout.root, journal);
      rollForward(this.layout.root, journal);
    } catch (failure) {
      // No journal in place: nothing was renamed yet.
      if (!exists(path.join(this.layout.root, JOURNAL))) throw new PromotionError(failure, true);
      let restored = true;
      try {
        rollBack(this.layout.root, journal);
      } catch {
        restored = false;
      }
      throw new PromotionError(failure, restored);
    }
    for (const folder of folders) this.promoted.add(folder);
    try {
      prune(this.layout);
      return [];
    } catch (error) {
      return [`the outputs are promoted, but earlier outputs could not all be removed (the next run removes them): ${messageOf(error)}`];
    }
  }
}

/**
 * What the user reads when writing the outputs failed (exit 3), or undefined when `error` is not
 * about the output folders: the lock is held, a promotion failed, or a file-system call on an output
 * path failed (its message names the path and the error).
 */
export function describeOutputFailure(error: unknown, layout: OutputLayout): string | undefined {
  const unchanged = 'The previous cdktf.out/, artifacts/ and reports/ are unchanged.';
  if (error instanceof OutputsBusyError) return error.message;
  if (error instanceof PromotionError) {
    return `Could not promote the outputs: ${messageOf(error.failure)}\n  ${
      error.restored ? unchanged : 'The previous outputs could not be put back either: the next run completes or undoes this promotion before anything else.'
    }`;
  }
  const systemError = error as NodeJS.ErrnoException | undefined;
  if (typeof systemError?.code === 'string' && typeof systemError.path === 'string' && isOutputPath(layout, systemError.path)) {
    return `Could not write the outputs: ${systemError.message}\n  ${unchanged}`;
  }
  return undefined;
}

function artifactsOf(layout: OutputLayout): string {
  return path.join(layout.root, 'artifacts');
}

function reportsOf(layout: OutputLayout): string {
  return path.join(layout.root, 'reports');
}

/** Each folder holding output links, with the names of the links in it. */
function outputParents(layout: OutputLayout): Map<string, string[]> {
  const parents = new Map<string, string[]>([[layout.root, ['artifacts', 'reports', BLOCKED_REPORTS]]]);
  const terraformParent = path.dirname(layout.terraformDir);
  parents.set(terraformParent, [...(parents.get(terraformParent) ?? []), path.basename(layout.terraformDir)]);
  return parents;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Folders and links this module owns in a parent folder (the folders of runs, their next links). */
const ownedEntry = (names: readonly string[]) => new RegExp(`^\\.(?:${names.map(escapeRegExp).join('|')})\\.(?:(?:gen|legacy)-.+|next)$`);

/** What earlier versions of this module left behind when killed. */
const olderLeftover = (names: readonly string[]) =>
  new RegExp(`^(?:\\.staging-\\d+-.+|(?:${names.map(escapeRegExp).join('|')})\\.previous-\\d+|\\.promotion\\.json)$`);

function isOutputPath(layout: OutputLayout, file: string): boolean {
  const absolute = path.resolve(file);
  for (const [parent, names] of outputParents(layout)) {
    if (absolute === parent) return true;
    const first = path.relative(parent, absolute).split(path.sep)[0]!;
    if (first.startsWith('..') || path.isAbsolute(first)) continue;
    if (names.includes(first) || ownedEntry(names).test(first) || first.startsWith(LOCK_FILE) || first.startsWith(JOURNAL)) return true;
  }
  return false;
}

function readLink(link: string): string | undefined {
  try {
    return fs.readlinkSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EINVAL') return undefined; // missing, or not a link
    throw error;
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function swapTo(root: string, link: string, folder: string | null): LinkSwap {
  return { link: path.relative(root, link), target: folder === null ? null : path.basename(folder), previous: readLink(link) ?? null };
}

/**
 * Entries beside each previous stack that synthesis does not write (`.terraform/`, the dependency
 * lock file, saved plans): Terraform's working data, carried into the new stack of the same name.
 * A removed environment's stack is not carried.
 */
function terraformWorkingData(layout: OutputLayout, stagedTerraform: string): Move[] {
  const previousTarget = readLink(layout.terraformDir);
  if (previousTarget === undefined) return [];
  const previousStacks = path.join(path.resolve(path.dirname(layout.terraformDir), previousTarget), 'stacks');
  const stagedStacks = path.join(stagedTerraform, 'stacks');
  if (!fs.existsSync(previousStacks) || !fs.existsSync(stagedStacks)) return [];
  const moves: Move[] = [];
  for (const stack of fs.readdirSync(stagedStacks)) {
    const previousStack = path.join(previousStacks, stack);
    if (!fs.existsSync(previousStack) || !fs.statSync(previousStack).isDirectory()) continue;
    for (const entry of fs.readdirSync(previousStack)) {
      const to = path.join(stagedStacks, stack, entry);
      if (!exists(to)) moves.push({ from: path.relative(layout.root, path.join(previousStack, entry)), to: path.relative(layout.root, to) });
    }
  }
  return moves;
}

/** Points `link` at `target` (a sibling's name) by renaming a new link over it; null removes it. */
function pointLink(link: string, target: string | null): void {
  const current = readLink(link);
  if (target === null) {
    if (current !== undefined) {
      faultPoint('unlink', link);
      fs.unlinkSync(link);
    }
    return;
  }
  if (current === target) return;
  const next = path.join(path.dirname(link), `.${path.basename(link)}.next`);
  faultPoint('link', next);
  fs.rmSync(next, { force: true });
  fs.symlinkSync(target, next);
  try {
    faultPoint('swap', link);
    fs.renameSync(next, link);
  } catch (error) {
    fs.rmSync(next, { force: true });
    throw error;
  }
}

/** Idempotent: completes a promotion from any point after its journal was written. */
function rollForward(root: string, journal: Journal): void {
  for (const move of journal.carried) {
    const from = path.resolve(root, move.from);
    const to = path.resolve(root, move.to);
    if (!exists(to) && exists(from)) {
      faultPoint('carry', to);
      fs.renameSync(from, to);
    }
  }
  for (const swap of journal.swaps) pointLink(path.resolve(root, swap.link), swap.target);
  syncLinkFolders(root, journal);
  removeJournal(root);
}

/** Idempotent: undoes a promotion from any point after its journal was written. */
function rollBack(root: string, journal: Journal): void {
  if (journal.state !== 'rolling-back') {
    try {
      writeJournal(root, { ...journal, state: 'rolling-back' });
    } catch {
      // Undo all the same (a full disk refuses the mark, not the renames); if this is interrupted, the
      // next run completes the promotion instead, which is as consistent.
    }
  }
  for (const swap of [...journal.swaps].reverse()) pointLink(path.resolve(root, swap.link), swap.previous);
  for (const move of [...journal.carried].reverse()) {
    const from = path.resolve(root, move.from);
    const to = path.resolve(root, move.to);
    if (!exists(from) && exists(to)) {
      faultPoint('uncarry', from);
      fs.renameSync(to, from);
    }
  }
  syncLinkFolders(root, journal);
  removeJournal(root);
}

/** What every run does first, under the lock. Returns notes for the user. */
function recoverOutputs(layout: OutputLayout): string[] {
  const notes: string[] = [];
  const journal = readJournal(layout.root);
  if (journal === 'unreadable') {
    notes.push(`removed an unreadable ${JOURNAL} (not written by this program); if the outputs look mixed, run again`);
    removeJournal(layout.root);
  } else if (journal?.state === 'promoting') {
    rollForward(layout.root, journal);
    notes.push('completed the promotion of an interrupted run');
  } else if (journal?.state === 'rolling-back') {
    rollBack(layout.root, journal);
    notes.push('undid the promotion of a run that failed while promoting');
  }
  adoptOlderLayout(layout);
  prune(layout);
  return notes;
}

/**
 * An earlier version wrote real folders (and so does a checkout of it): each becomes a link to a
 * sibling folder. Idempotent: a name whose folder was moved aside but not yet linked gets its link.
 */
function adoptOlderLayout(layout: OutputLayout): void {
  for (const [parent, names] of outputParents(layout)) {
    if (!fs.existsSync(parent)) continue;
    for (const name of names) {
      const output = path.join(parent, name);
      const stat = fs.lstatSync(output, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        const aside = `.${name}.legacy-${Date.now()}-${process.pid}`;
        faultPoint('adopt', output);
        fs.renameSync(output, path.join(parent, aside));
        faultPoint('link', output);
        fs.symlinkSync(aside, output);
      } else if (!stat) {
        const movedAt = (entry: string) => Number(/\.legacy-(\d+)-/.exec(entry)?.[1]);
        const latest = fs
          .readdirSync(parent)
          .filter((entry) => entry.startsWith(`.${name}.legacy-`))
          .sort((a, b) => movedAt(a) - movedAt(b))
          .at(-1);
        if (latest) {
          faultPoint('link', output);
          fs.symlinkSync(latest, output);
        }
      }
    }
  }
}

/** Removes every folder of a run that no output link names, and what killed runs left. */
function prune(layout: OutputLayout): void {
  for (const [parent, names] of outputParents(layout)) {
    if (!fs.existsSync(parent)) continue;
    const named = new Set(names.map((name) => readLink(path.join(parent, name))));
    const owned = ownedEntry(names);
    const older = olderLeftover(names);
    for (const entry of fs.readdirSync(parent)) {
      const leftover = (owned.test(entry) && !named.has(entry)) || older.test(entry) || (parent === layout.root && entry.startsWith(`${JOURNAL}.tmp-`));
      if (!leftover) continue;
      faultPoint('prune', path.join(parent, entry));
      fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}

function readJournal(root: string): Journal | 'unreadable' | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, JOURNAL), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const journal = JSON.parse(text) as Journal;
    return (journal.state === 'promoting' || journal.state === 'rolling-back') && Array.isArray(journal.swaps) && Array.isArray(journal.carried)
      ? journal
      : 'unreadable';
  } catch {
    return 'unreadable'; // written aside and renamed, so never half-written by this program
  }
}

function writeJournal(root: string, journal: Journal): void {
  const file = path.join(root, JOURNAL);
  faultPoint('journal', file);
  writeFileAtomically(file, JSON.stringify(journal, null, 2));
}

/**
 * Written aside, flushed, renamed into place and the folder flushed: after a crash the file is whole
 * or absent, never half-written (the journal, `netpol --out`, `check --out`).
 */
export function writeFileAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.tmp-${process.pid}`;
  const descriptor = fs.openSync(draft, 'w');
  try {
    fs.writeSync(descriptor, content);
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  fs.renameSync(draft, file);
  syncFolder(path.dirname(file));
}

function removeJournal(root: string): void {
  const file = path.join(root, JOURNAL);
  if (!exists(file)) return;
  faultPoint('unjournal', file);
  fs.rmSync(file, { force: true });
  syncFolder(root);
}

function syncLinkFolders(root: string, journal: Journal): void {
  for (const folder of new Set(journal.swaps.map((swap) => path.dirname(path.resolve(root, swap.link))))) syncFolder(folder);
}

const FOLDER_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EISDIR']);

/** Flushes a folder's entries (renames, new links) to disk. */
function syncFolder(folder: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(folder, 'r');
    fs.fsyncSync(descriptor);
  } catch (error) {
    // Some file systems cannot flush a folder; the renames still happened.
    if (!FOLDER_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

/**
 * Flushes every file and folder of the staged folders, so that a committed promotion never names
 * empty files after a power loss. In parallel: the file system commits concurrent flushes together
 * (31 files of the shipped estate: about 50 ms, against 250 ms one after another).
 */
async function flushTrees(folders: readonly string[]): Promise<void> {
  const entries: string[] = [];
  const collect = (folder: string) => {
    entries.push(folder);
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) collect(path.join(folder, entry.name));
      else if (entry.isFile()) entries.push(path.join(folder, entry.name));
    }
  };
  for (const folder of folders) {
    faultPoint('sync', folder);
    collect(folder);
  }
  await Promise.all(
    entries.map(async (entry) => {
      const handle = await fs.promises.open(entry, 'r');
      try {
        await handle.sync();
      } catch (error) {
        // Some file systems cannot flush a folder; its entries are flushed with the journal's folder.
        if (!FOLDER_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      } finally {
        await handle.close();
      }
    }),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
