/**
 * Where the peer tools of the side-by-side benchmarks are: an explicit path in an environment
 * variable, the PATH, or the per-user cache where the README's commands install them. Peers are
 * optional: a missing one makes its benchmark section say so and skip.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PEERS_CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'hospital-platform', 'peers');

export interface Peer {
  readonly command: string;
  readonly version: string;
}

/** The peer's executable and the version it reports, or the reason it cannot be used. */
export function findPeer(
  name: string,
  options: { envVariable: string; cached: string; versionArgs: readonly string[]; /** For tools that cannot print their version. */ versionLabel?: string },
): Peer | { missing: string } {
  const candidates = [process.env[options.envVariable], path.join(PEERS_CACHE, options.cached)].filter((file): file is string => Boolean(file));
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  const command = [...candidates, onPath].find((file) => file && fs.existsSync(file));
  if (!command) return { missing: `${name} not found (${options.envVariable}, PATH, ${path.join(PEERS_CACHE, options.cached)})` };
  const probe = spawnSync(command, options.versionArgs, { encoding: 'utf8' });
  if (probe.status !== 0) return { missing: `${command} ${options.versionArgs.join(' ')} exited ${probe.status}` };
  return { command, version: options.versionLabel ?? `${probe.stdout}${probe.stderr}`.trim().split('\n')[0] ?? '' };
}
