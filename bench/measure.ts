import { spawnSync } from 'node:child_process';

/** One benchmark's results: a Markdown table and the goals it checks. */
export interface BenchSection {
  readonly title: string;
  readonly markdown: string;
  readonly goals: readonly { readonly goal: string; readonly met: boolean; readonly measured: string }[];
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Wall time of a command in milliseconds; fails loudly when the command exits with a code not in
 * `okCodes` (checkers exit 1 when they find something, which is a successful run for a benchmark).
 */
export function timeCommand(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; okCodes?: readonly number[] }): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (!(options.okCodes ?? [0]).includes(result.status ?? -1)) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${(result.stderr || result.stdout).slice(-2000)}`);
  }
  return elapsed;
}

export const formatMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

export const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
