/**
 * Reading `policies/plan.yaml`: one parse per file per process, every problem reported with the file
 * and the key path (exit 2 in the commands), never a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { InputError } from '../inputs/errors';
import { planSchema, type OperationsPlan } from './schema';

/** The plan this repository's gate enforces. */
export const DEFAULT_PLAN_FILE = path.join(__dirname, '..', 'plan.yaml');

export function parsePlan(text: string, file: string): OperationsPlan {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) throw new InputError(file, `YAML syntax error: ${document.errors[0]!.message.split('\n')[0]}`);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputError(file, `unusable YAML: ${(error as Error).message}`);
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    // A misspelt key also leaves the intended key missing: name the misspelling, the cause.
    const issue = parsed.error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
    const keyPath = issue.path.map(String).join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key "${issue.keys.join('", "')}"`
        : issue.code === 'invalid_type' && /received undefined$/.test(issue.message)
          ? `required (expected ${issue.expected})`
          : issue.message;
    throw new InputError(file, message, keyPath || undefined);
  }
  return parsed.data;
}

const loaded = new Map<string, OperationsPlan>();

/** The plan in `file` (default: the repository's), parsed once per process. */
export function loadPlan(file: string = DEFAULT_PLAN_FILE): OperationsPlan {
  const key = path.resolve(file);
  let plan = loaded.get(key);
  if (plan) return plan;
  let text: string;
  try {
    text = fs.readFileSync(key, 'utf8');
  } catch (error) {
    throw new InputError(file, `operations plan not readable (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  plan = parsePlan(text, path.relative(process.cwd(), key) || file);
  loaded.set(key, plan);
  return plan;
}
