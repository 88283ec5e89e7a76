/**
 * Reading `policies/plan.yaml`: one parse per file per process, every problem reported with the file
 * and the key path (exit 2 in the commands), never a stack trace.
 */
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError, schemaInputError } from '../inputs/errors';
import {
  duplicateKeys,
  excessiveNesting,
  firstAliasLine,
  isAliasBomb,
  MAX_CONFIG_BYTES,
  MAX_YAML_ALIASES,
  NESTING_MESSAGE,
  readRegularFile,
  UnusableFileError,
  yamlSizeProblem,
} from '../inputs/read-file';
import { planSchema, type OperationsPlan } from './schema';

/** The plan this repository's gate enforces. */
export const DEFAULT_PLAN_FILE = path.join(__dirname, '..', 'plan.yaml');

export function parsePlan(text: string, file: string): OperationsPlan {
  const tooLarge = yamlSizeProblem(text);
  if (tooLarge) throw new InputError(file, tooLarge);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) throw new InputError(file, `YAML syntax error: ${document.errors[0]!.message.split('\n')[0]}`);
  const duplicate = duplicateKeys(document, lineCounter)[0];
  if (duplicate) throw new InputError(file, `YAML syntax error: ${duplicate.message} (line ${duplicate.line})`);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (!isAliasBomb(error)) throw new InputError(file, `unusable YAML: ${(error as Error).message}`);
    throw new InputError(
      `${file}:${firstAliasLine(document, lineCounter) ?? 1}`,
      `aliases expand to too many values (more than ${MAX_YAML_ALIASES} per alias)`,
    );
  }
  const deep = excessiveNesting(data);
  if (deep !== undefined) throw new InputError(file, NESTING_MESSAGE, deep);
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) throw schemaInputError(file, parsed.error);
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
    text = readRegularFile(key, { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    if (!(error instanceof UnusableFileError)) throw error;
    throw new InputError(file, `operations plan not readable (${error.code ?? error.reason})`);
  }
  plan = parsePlan(text, path.relative(process.cwd(), key) || file);
  loaded.set(key, plan);
  return plan;
}
