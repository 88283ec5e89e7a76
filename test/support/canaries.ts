import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { loadEnvironmentText } from '../../environments/load';
import type { EnvironmentConfig } from '../../environments/schema';
import { REPO_ROOT } from './environments';

/** The shipped prod environment file with canaries added the way an engineer would write them. */
export function prodWithCanaries(canaries: Record<string, Record<string, unknown>>): EnvironmentConfig {
  const file = path.join(REPO_ROOT, 'environments/prod.yaml');
  const document = parseDocument(fs.readFileSync(file, 'utf8'));
  for (const [system, canary] of Object.entries(canaries)) document.setIn(['clinicalSystems', system, 'canary'], canary);
  const result = loadEnvironmentText(document.toString(), { file: 'environments/prod.yaml', name: 'prod' });
  if (!result.ok) throw new Error(result.problems.map((problem) => `${problem.keyPath}: ${problem.message}`).join('\n'));
  return result.environment;
}
