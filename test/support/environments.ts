import * as path from 'node:path';
import { loadEnvironmentFile } from '../../environments/load';
import type { EnvironmentConfig } from '../../environments/schema';

// Apart from test/support/synth.ts so that tests reading environment files do not load cdktf and the providers.
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** A shipped environment, validated exactly as `npm run synth` validates it. */
export function shippedEnvironment(name: string): EnvironmentConfig {
  const result = loadEnvironmentFile(path.join(REPO_ROOT, 'environments', `${name}.yaml`));
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result.environment;
}
