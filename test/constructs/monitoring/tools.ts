import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * A real validator binary (Debian `prometheus` → promtool, `prometheus-alertmanager` → amtool). Missing
 * tools skip the test only when CI is unset (saying why); under CI=true a missing tool fails the test.
 */
export function requireTool(name: 'promtool' | 'amtool'): string | undefined {
  const candidates = [`/usr/bin/${name}`, `/usr/local/bin/${name}`];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found) return found;
  const which = spawnSync('which', [name], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const reason = `${name} is not installed (Debian package ${name === 'promtool' ? 'prometheus' : 'prometheus-alertmanager'})`;
  if (process.env.CI) throw new Error(`CI is set, so this test may not skip: ${reason}`);
  process.stdout.write(`SKIPPED: ${reason}; set CI=true to make this a failure\n`);
  return undefined;
}

export function run(tool: string, args: readonly string[], cwd: string): { status: number; output: string; stdout: string } {
  const result = spawnSync(tool, args, { cwd, encoding: 'utf8' });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}
