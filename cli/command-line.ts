/**
 * What every command of this repository does the same way with its command line and its output:
 * `--help` prints the usage and exits 0, an unknown flag or argument exits 2 with one line saying so,
 * and output cut short by the reader (`npm run check … | head`) ends the command quietly instead of
 * with an EPIPE stack trace.
 */
import { Command, CommanderError } from 'commander';

/** Exit code of a command line the command cannot use (the same as unusable input). */
export const EXIT_USAGE = 2;

let brokenPipeHandled = false;

/**
 * When the reading end of stdout or stderr closes (`| head`, a closed terminal), the reader has what it
 * wanted: the rest of the output is dropped and the command finishes with the exit code it chooses (a
 * blocking gate still exits 1 for `set -o pipefail`), without an EPIPE stack trace.
 */
export function exitQuietlyOnBrokenPipe(): void {
  if (brokenPipeHandled) return;
  brokenPipeHandled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      stream.write = (() => true) as typeof stream.write;
    });
  }
}

export interface CommandLineIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: CommandLineIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

/**
 * Parses `argv` (the arguments after the command) with the command's declared options and arguments.
 * Returns `undefined` when the command should run, or the exit code to end with: 0 after `--help`,
 * 2 after an unknown option, a missing value or an argument too many (the message is already printed).
 */
export function parseCommandLine(program: Command, argv: readonly string[], io: CommandLineIo = processIo): number | undefined {
  program
    .exitOverride()
    .allowExcessArguments(false)
    .allowUnknownOption(false)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(`(run with --help for usage)`);
  try {
    program.parse([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
}

/**
 * Runs a command's main function as the process: its result is the exit code; an unexpected error is
 * one line on stderr (no stack trace unless DEBUG is set) and `failureCode`.
 */
export function runCommand(name: string, main: () => Promise<number>, failureCode = EXIT_USAGE): void {
  exitQuietlyOnBrokenPipe();
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = failureCode;
    },
  );
}
