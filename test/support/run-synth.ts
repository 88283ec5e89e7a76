import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './synth';
import { tempDir } from './temp-dir';

export interface SynthRun {
  readonly status: number | null;
  /** The signal that ended the run (a fault injected with `kill`), or null. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A scratch workspace: a copy of the shipped environments and an empty output root. */
export function scratchWorkspace(prefix = 'hospital-synth-'): { root: string; environmentsDir: string; outputRoot: string } {
  const root = tempDir(prefix);
  const environmentsDir = path.join(root, 'environments');
  fs.cpSync(path.join(REPO_ROOT, 'environments'), environmentsDir, {
    recursive: true,
    filter: (source) => fs.statSync(source).isDirectory() || /\.ya?ml$/.test(source),
  });
  // The schema folder is code, not configuration.
  fs.rmSync(path.join(environmentsDir, 'schema'), { recursive: true, force: true });
  const outputRoot = path.join(root, 'out');
  fs.mkdirSync(outputRoot);
  return { root, environmentsDir, outputRoot };
}

/**
 * The node arguments of `npm run synth` as package.json states them (`node <flags> main.ts`), with the
 * repository's files made absolute so they run from a scratch folder: the tests run what users run.
 */
export const SYNTH_NODE_ARGS: readonly string[] = (() => {
  const script = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.synth!;
  const [command, ...args] = script.split(/\s+/);
  if (command !== 'node') throw new Error(`expected npm run synth to be "node …", got "${script}"`);
  return args.map((argument) => (argument.startsWith('-') || !fs.existsSync(path.join(REPO_ROOT, argument)) ? argument : path.join(REPO_ROOT, argument)));
})();

/** Runs the real `npm run synth` entry point against a scratch workspace. */
export function runSynth(environmentsDir: string, outputRoot: string, extraEnv: Record<string, string> = {}): SynthRun {
  const env: NodeJS.ProcessEnv = { ...process.env, PLATFORM_ENVIRONMENTS_DIR: environmentsDir, PLATFORM_OUTPUT_DIR: outputRoot, ...extraEnv };
  delete env.CDKTF_OUTDIR;
  const result = spawnSync(process.execPath, SYNTH_NODE_ARGS, {
    cwd: path.dirname(environmentsDir),
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Every file a reader finds under a folder, with its content: links followed (`cdktf.out`, `artifacts`,
 * `reports` are links to hidden folders of one run), hidden entries at the top (those folders, the
 * lock, the journal) skipped. A dangling link throws.
 */
export function snapshotTree(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current)) {
      if (current === directory && entry.startsWith('.')) continue;
      const full = path.join(current, entry);
      if (fs.statSync(full).isDirectory()) walk(full);
      else files[path.relative(directory, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  if (fs.existsSync(directory)) walk(directory);
  return files;
}

/** Hidden entries an output root holds besides the folders its output links name (leftovers). */
export function unreferencedHiddenEntries(directory: string): string[] {
  const named = new Set(
    fs
      .readdirSync(directory)
      .filter((entry) => !entry.startsWith('.'))
      .flatMap((entry) => {
        try {
          return [fs.readlinkSync(path.join(directory, entry))];
        } catch {
          return [];
        }
      }),
  );
  return fs.readdirSync(directory).filter((entry) => entry.startsWith('.') && !named.has(entry));
}
