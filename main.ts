/**
 * The CDKTF app and the main job's entry point (`npm run synth`, also run by `npx cdktf synth|diff|deploy`):
 * reads the settings from the environment, runs the pipeline (`pipeline/run.ts`: load every environment →
 * one stack each → synthesize → policy gate → reports) and turns its outcome into the exit code.
 * Exit codes: 0 ok, 1 blocking findings, 2 invalid configuration, 3 outputs not written (another run
 * holds the output folder's lock, or a file-system error; the previous outputs stay in place).
 */
import './pipeline/token-stack-traces';
import * as path from 'node:path';
import { Command } from 'commander';
import { exitQuietlyOnBrokenPipe, parseCommandLine } from './cli/command-line';
import { OUTPUTS_NOT_WRITTEN, run, type SynthesisOptions } from './pipeline/run';
import { DEFAULT_ACCESS_REVIEWS_DIR, DEFAULT_PLAN_FILE } from './policies';

export function optionsFromEnvironment(): SynthesisOptions {
  const outputRoot = path.resolve(process.env.PLATFORM_OUTPUT_DIR || __dirname);
  return {
    environmentsDir: path.resolve(process.env.PLATFORM_ENVIRONMENTS_DIR || path.join(__dirname, 'environments')),
    waiversFile: path.resolve(process.env.PLATFORM_WAIVERS_FILE || path.join(__dirname, 'policies', 'waivers.yaml')),
    planFile: path.resolve(process.env.PLATFORM_PLAN_FILE || DEFAULT_PLAN_FILE),
    accessReviewsDir: path.resolve(process.env.PLATFORM_ACCESS_REVIEWS_DIR || DEFAULT_ACCESS_REVIEWS_DIR),
    outputRoot,
    cdktfOutDir: path.resolve(process.env.CDKTF_OUTDIR || path.join(outputRoot, 'cdktf.out')),
  };
}

/**
 * A failure no step reported itself. Never exit 1, the code of a blocking finding: a file-system
 * failure (ENOSPC, EROFS, EACCES on a path outside the output folders) is "outputs not written" (3)
 * with the path; anything else is a defect, reported as unusable input (2) without a stack trace.
 */
export function describeUnexpectedFailure(error: unknown): { message: string; exitCode: number } {
  const systemError = error as NodeJS.ErrnoException | undefined;
  if (typeof systemError?.code === 'string' && typeof systemError.syscall === 'string') {
    const where = typeof systemError.path === 'string' ? systemError.path : '(no path given)';
    return {
      message: `synthesis failed: ${where}: ${systemError.syscall} failed (${systemError.code}); nothing was promoted, the previous outputs are unchanged`,
      exitCode: OUTPUTS_NOT_WRITTEN,
    };
  }
  return { message: `synthesis failed: internal error: ${error instanceof Error ? error.message : String(error)}`, exitCode: 2 };
}

/** `npm run synth` takes no arguments (the CDKTF CLI passes none): everything is set by the environment. */
function synthCommandLine(argv: readonly string[]): number | undefined {
  const program = new Command('synth')
    .description('Synthesize every environment, run the policy gate and write the reports (also what `cdktf synth|diff|deploy` runs)')
    .addHelpText(
      'after',
      [
        '',
        'Settings (environment variables):',
        '  PLATFORM_ENVIRONMENTS_DIR  environment files (default: environments/)',
        '  PLATFORM_OUTPUT_DIR        where cdktf.out/, artifacts/ and reports/ go (default: this folder)',
        '  PLATFORM_WAIVERS_FILE      waivers (default: policies/waivers.yaml)',
        '  PLATFORM_PLAN_FILE         the operations plan (default: policies/plan.yaml)',
        '  PLATFORM_ACCESS_REVIEWS_DIR  the quarterly access review records (default: reviews/access/)',
        '  PLATFORM_SYNTH_WORKERS     worker processes for many environments',
        '  CDKTF_OUTDIR               the Terraform output folder (default: cdktf.out/)',
        '  DEBUG=1                    stack traces with TypeScript line numbers',
        'Exit codes: 0 ok · 1 blocking findings · 2 invalid configuration or command line · 3 outputs not written (lock held, file-system error).',
      ].join('\n'),
    );
  return parseCommandLine(program, argv);
}

if (require.main === module) {
  exitQuietlyOnBrokenPipe();
  const usage = synthCommandLine(process.argv.slice(2));
  if (usage !== undefined) {
    process.exitCode = usage;
  } else {
    run(optionsFromEnvironment()).then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        // An unexpected failure: say what happened without a stack trace (DEBUG=1 shows it).
        const failure = describeUnexpectedFailure(error);
        process.stderr.write(`${failure.message}\n`);
        if (process.env.DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
        process.exitCode = failure.exitCode;
      },
    );
  }
}
