import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { StackArtifacts } from '../constructs/artifacts';
import type { EnvironmentConfig } from '../environments/schema';
import { HospitalPlatformStack } from '../stacks/hospital-platform-stack';

/** Files each environment produced besides Terraform JSON, keyed by environment then relative path. */
export type ArtifactsByEnvironment = Map<string, ReadonlyMap<string, string>>;

export interface SynthesisResult {
  readonly artifacts: ArtifactsByEnvironment;
  /** Peak resident memory of each worker process (bytes; none when synthesized in process). */
  readonly workerPeakMemoryBytes: readonly number[];
}

/**
 * Stacks per CDKTF app. A construct tree stays in memory until its app is synthesized, so a large
 * estate is synthesized in batches whose trees are dropped one after another.
 */
const STACKS_PER_APP = 10;

/** Builds one stack per environment into `outdir` (in this process), in batches. */
export function synthesizeInProcess(environments: readonly EnvironmentConfig[], outdir: string): ArtifactsByEnvironment {
  fs.mkdirSync(outdir, { recursive: true });
  if (environments.length <= STACKS_PER_APP) return synthesizeApp(environments, outdir);
  const artifacts: ArtifactsByEnvironment = new Map();
  const batchDirs: string[] = [];
  for (let start = 0; start < environments.length; start += STACKS_PER_APP) {
    const batchDir = path.join(outdir, `.batch-${batchDirs.length}`);
    batchDirs.push(batchDir);
    for (const [environment, files] of synthesizeApp(environments.slice(start, start + STACKS_PER_APP), batchDir)) artifacts.set(environment, files);
  }
  mergeSynthesizedFolders(batchDirs, outdir, environments);
  return artifacts;
}

function synthesizeApp(environments: readonly EnvironmentConfig[], outdir: string): ArtifactsByEnvironment {
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, stackTraces: false });
  const stacks = environments.map((environment) => new HospitalPlatformStack(app, environment));
  app.synth();
  return new Map(stacks.map((stack) => [stack.environment.name, new Map(StackArtifacts.of(stack).entries())]));
}

/**
 * Moves the stacks of several synthesized folders into `outdir` with one manifest listing them all
 * in environment order, exactly as a single CDKTF app would have written it.
 */
function mergeSynthesizedFolders(folders: readonly string[], outdir: string, environments: readonly EnvironmentConfig[]): void {
  const manifest: { version?: string; stacks: Record<string, unknown> } = { stacks: {} };
  fs.mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
  for (const folder of folders) {
    const partial = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as typeof manifest;
    manifest.version = partial.version;
    Object.assign(manifest.stacks, partial.stacks);
    for (const stack of fs.readdirSync(path.join(folder, 'stacks'))) {
      fs.renameSync(path.join(folder, 'stacks', stack), path.join(outdir, 'stacks', stack));
    }
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const ordered = Object.fromEntries(environments.map((environment) => [environment.name, manifest.stacks[environment.name]]));
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ ...manifest, stacks: ordered }, null, 2));
}

/**
 * How many worker processes to use: none for a single hospital's few environments (forking costs more
 * than it saves), otherwise one per core, at most one per ten environments. PLATFORM_SYNTH_WORKERS
 * overrides it (1 = in process).
 */
export function workerCount(environmentCount: number): number {
  const configured = Number(process.env.PLATFORM_SYNTH_WORKERS);
  if (Number.isInteger(configured) && configured >= 1) return Math.min(configured, environmentCount);
  if (environmentCount < 20) return 1;
  return Math.max(1, Math.min(os.availableParallelism(), Math.ceil(environmentCount / 10)));
}

export interface WorkerReply {
  readonly artifacts: [string, [string, string][]][];
  readonly peakMemoryBytes: number;
  /** A failure, with the system error's code and path when there is one (a full disk, a read-only folder). */
  readonly error?: { readonly message: string; readonly code?: string; readonly path?: string; readonly syscall?: string };
}

/**
 * Synthesizes all environments, in parallel worker processes when there are many. Each worker writes
 * its stacks into its own folder; the stacks are then moved into `outdir` and one manifest lists all,
 * exactly as a single CDKTF app would have written it.
 */
export async function synthesizeEnvironments(environments: readonly EnvironmentConfig[], outdir: string): Promise<SynthesisResult> {
  const workers = workerCount(environments.length);
  if (workers <= 1) {
    const artifacts = synthesizeInProcess(environments, outdir);
    return { artifacts, workerPeakMemoryBytes: [] };
  }
  const chunks = Array.from({ length: workers }, (_, index) => environments.filter((_, position) => position % workers === index));
  const workerDirs = chunks.map((_, index) => path.join(outdir, `.worker-${index}`));
  const children: ChildProcess[] = [];
  let replies: WorkerReply[];
  try {
    replies = await Promise.all(chunks.map((chunk, index) => runWorker(chunk, workerDirs[index]!, children)));
  } catch (error) {
    // One worker failed: the run fails, so the others' work is wasted; stop them now.
    for (const child of children) child.kill('SIGKILL');
    throw error;
  }
  mergeSynthesizedFolders(workerDirs, outdir, environments);
  const artifacts: ArtifactsByEnvironment = new Map();
  for (const reply of replies) for (const [environment, files] of reply.artifacts) artifacts.set(environment, new Map(files));
  return {
    artifacts: new Map(environments.map((environment) => [environment.name, artifacts.get(environment.name) ?? new Map()])),
    workerPeakMemoryBytes: replies.map((reply) => reply.peakMemoryBytes),
  };
}

function runWorker(environments: readonly EnvironmentConfig[], outdir: string, children: ChildProcess[]): Promise<WorkerReply> {
  fs.mkdirSync(outdir, { recursive: true });
  return new Promise((resolve, reject) => {
    // The worker inherits this process's loader flags (tsx), so it runs the TypeScript sources as-is;
    // it is told this process's pid to die with it.
    const child = fork(path.join(__dirname, 'synthesize-worker'), [String(process.pid)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    let reply: WorkerReply | undefined;
    child.on('message', (message) => {
      reply = message as WorkerReply;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (reply?.error) reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, path: reply.error.path, syscall: reply.error.syscall }));
      else if (code !== 0 || !reply) reject(new Error(`synthesis worker exited with code ${code}`));
      else resolve(reply);
    });
    child.send({ environments, outdir });
  });
}
