import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatMs, markdownTable, median, timeCommand, type BenchSection } from './measure';

const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * The main job (`npm run synth`: synthesis, gate and reports, TypeScript through pipeline/typescript-loader.cjs)
 * against the CDKTF CLI path (`npx cdktf synth`, which runs the same app, `npx tsx main.ts`, from its own
 * process). Both are timed as a user
 * types them, package-manager wrappers included. Goal: the main job takes at most half the CLI's time.
 */
export function benchSynthVersusCli(runs: number): BenchSection {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true', PLATFORM_OUTPUT_DIR: scratch };
  delete env.CDKTF_OUTDIR;
  const mainJob: number[] = [];
  const cli: number[] = [];
  const runMainJob = () => timeCommand('npm', ['run', '--silent', 'synth'], { cwd: REPO_ROOT, env });
  const runCli = () => timeCommand('npx', ['--no-install', 'cdktf', 'synth', '--output', path.join(scratch, 'cli.out')], { cwd: REPO_ROOT, env });
  try {
    // One untimed run each: both TypeScript runners (tsx, pipeline/typescript-loader.cjs) cache their
    // transforms, and a user's runs after the first find them warm.
    runMainJob();
    runCli();
    for (let run = 0; run < runs; run += 1) {
      mainJob.push(runMainJob());
      cli.push(runCli());
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const ratio = median(mainJob) / median(cli);
  return {
    title: `Main job vs CDKTF CLI (shipped environments, ${runs} runs each)`,
    markdown: markdownTable(
      ['path', 'median', 'min', 'max'],
      [
        ['`npm run synth`', formatMs(median(mainJob)), formatMs(Math.min(...mainJob)), formatMs(Math.max(...mainJob))],
        ['`npx cdktf synth`', formatMs(median(cli)), formatMs(Math.min(...cli)), formatMs(Math.max(...cli))],
      ],
    ),
    goals: [{ goal: 'main job ≤ 0.5 × CDKTF CLI', met: ratio <= 0.5, measured: `${ratio.toFixed(2)} ×` }],
  };
}
