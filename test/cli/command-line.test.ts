/**
 * Every command a user types (`npm run check`, `verify`, `audit:permissions`, `helm:keys`, `synth`),
 * started as package.json starts it: `--help` prints the usage and exits 0 without doing the work,
 * an unknown flag exits 2 with a message, and a reader that goes away (`… | head`) ends the command
 * quietly, with the exit code it would have had and no EPIPE stack trace.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/environments';
import { SYNTH_NODE_ARGS } from '../support/run-synth';
import { tempDir } from '../support/temp-dir';

const TSX = require.resolve('tsx/cli', { paths: [REPO_ROOT] });
const scripts = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The node arguments of an npm script: `tsx <file>` through tsx's CLI, `synth` as package.json writes it. */
function nodeArgs(script: string): string[] {
  if (script === 'synth') return [...SYNTH_NODE_ARGS];
  const [command, file, ...rest] = scripts[script]!.split(/\s+/);
  if (command !== 'tsx') throw new Error(`expected npm run ${script} to be "tsx …", got "${scripts[script]}"`);
  return [TSX, path.join(REPO_ROOT, file!), ...rest];
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; with `closedStdout` the reading end of its stdout is closed at once, as `| head -0` does. */
function run(script: string, args: readonly string[], options: { closedStdout?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs(script), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    if (options.closedStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const COMMANDS = ['check', 'verify', 'audit:permissions', 'helm:keys', 'synth'] as const;
/** Options a command requires, so the unknown flag is what it complains about. */
const REQUIRED: Partial<Record<(typeof COMMANDS)[number], string[]>> = { verify: ['--env', 'dev'] };
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |EPIPE/);

describe.each(COMMANDS)('npm run %s', (script) => {
  it('prints its usage for --help and exits 0 without doing the work', async () => {
    const output = tempDir('command-help-');
    const result = await run(script, ['--help'], { env: { PLATFORM_OUTPUT_DIR: output } });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: /);
    expect(result.stdout).toMatch(/Exit codes: 0/);
    // synth writes cdktf.out/, artifacts/ and reports/ when it runs: --help must not.
    expect(fs.readdirSync(output)).toEqual([]);
  });

  it('refuses an unknown flag with exit 2 and says which', async () => {
    const result = await run(script, [...(REQUIRED[script] ?? []), '--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--no-such-flag'/);
    noStackTrace(result.stderr);
  });

  it('ends quietly when the reader of its output goes away', async () => {
    const result = await run(script, ['--help'], { closedStdout: true });
    expect(result.code).toBe(0);
    noStackTrace(result.stderr);
  });
});

describe('output cut short by the reader keeps the exit code', () => {
  it('npm run check … | head: a blocked check still exits 1, without a stack trace', async () => {
    // Large output (JSON of every finding), so the writes outlast the closed pipe.
    const result = await run('check', ['test/policies/fixtures/broken/cdktf.out', '--format', 'json', '--no-waivers'], { closedStdout: true });
    expect(result.code).toBe(1);
    noStackTrace(result.stderr);
    expect(result.stderr).toBe('');
  });

  it('npm run audit:permissions … | head exits 0 without a stack trace', async () => {
    const result = await run('audit:permissions', ['test/policies/fixtures/tfjson'], { closedStdout: true });
    expect(result.code).toBe(0);
    noStackTrace(result.stderr);
  });

  it('npm run synth | head still synthesizes and exits 0', async () => {
    const root = tempDir('synth-epipe-');
    const environments = path.join(root, 'environments');
    fs.mkdirSync(environments);
    fs.copyFileSync(path.join(REPO_ROOT, 'environments', 'dev.yaml'), path.join(environments, 'dev.yaml'));
    const output = path.join(root, 'out');
    const result = await run('synth', [], {
      closedStdout: true,
      cwd: root,
      env: { PLATFORM_ENVIRONMENTS_DIR: environments, PLATFORM_OUTPUT_DIR: output, CDKTF_OUTDIR: '' },
    });
    expect(result.code).toBe(0);
    noStackTrace(result.stderr);
    expect(fs.existsSync(path.join(output, 'cdktf.out', 'stacks', 'dev', 'cdk.tf.json'))).toBe(true);
  }, 120_000);
});
