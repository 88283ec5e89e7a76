import * as fs from 'node:fs';
import * as path from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { MAX_CONFIG_BYTES, readRegularFile, shortKey, UnusableFileError } from '../policies/inputs/read-file';
import { parseConfigYaml, reservedKeyProblems } from './config-yaml';
import { expandGroupFile, GROUP_FILE_SUFFIX } from './group';
import type { z } from 'zod';
import { environmentSchema, type BackendConfig, type ClusterConnection, type EnvironmentConfig } from './schema';

/** One problem in one environment file, located by key path (and line when known). */
export interface ConfigProblem {
  readonly file: string;
  /** Dotted key path, e.g. `clinicalSystems.registration.autoscaling.max` (empty for the whole file). */
  readonly keyPath: string;
  readonly message: string;
  readonly line?: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export const formatProblem = (problem: ConfigProblem): string =>
  `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.keyPath ? `${problem.keyPath}: ` : ''}${problem.message}`;

export type LoadResult = { readonly ok: true; readonly environment: EnvironmentConfig } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,30}$/;

/** The repository: environment files may be symlinks to files inside it (or inside their own folder). */
const REPOSITORY_ROOT = path.resolve(__dirname, '..');

/**
 * Reads an environment or group file: a regular file of at most MAX_CONFIG_BYTES, whose real path lies
 * in its own folder or the repository (a symlink to `/etc/shadow` is refused before it is read).
 */
export function readConfigFile(file: string, displayFile: string): { ok: true; text: string } | { ok: false; problem: ConfigProblem } {
  try {
    return {
      ok: true,
      text: readRegularFile(file, { maxBytes: MAX_CONFIG_BYTES, display: displayFile, within: [path.dirname(path.resolve(file)), REPOSITORY_ROOT] }),
    };
  } catch (error) {
    if (!(error instanceof UnusableFileError)) throw error;
    return { ok: false, problem: { file: displayFile, keyPath: '', message: error.reason } };
  }
}

/** Reads and validates one environment file. Never throws: every failure is a located problem. */
export function loadEnvironmentFile(file: string): LoadResult {
  const displayFile = path.relative(process.cwd(), file) || file;
  const name = path.basename(file).replace(/\.ya?ml$/, '');
  const read = readConfigFile(file, displayFile);
  if (!read.ok) return fail(read.problem);
  const text = read.text;
  if (!ENVIRONMENT_NAME.test(name)) {
    return fail({
      file: displayFile,
      keyPath: '',
      message: `expected a file name of lower-case letters, digits and "-" (it names the stack), got "${name}"`,
    });
  }
  return loadEnvironmentText(text, { file: displayFile, name });
}

/** Validates environment YAML text; `name` is the environment (file) name. */
export function loadEnvironmentText(text: string, source: { file: string; name: string }): LoadResult {
  const parsed = parseConfigYaml(text, source.file);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { document, lineCounter, data } = parsed;
  return validateEnvironment(data, source, (keys) => lineOfPath(document, lineCounter, keys));
}

/**
 * Validates an environment document however it was written (a file, or a group's expansion).
 * `locateLine` finds the line of a key path when the document came from text.
 */
export function validateEnvironment(
  data: unknown,
  source: { file: string; name: string; keyPrefix?: string; note?: string },
  locateLine: (keys: string[]) => number | undefined = () => undefined,
): LoadResult {
  const relocate = (problem: ConfigProblem): ConfigProblem => ({
    ...problem,
    keyPath: [source.keyPrefix, problem.keyPath].filter(Boolean).join('.'),
    message: source.note ? `${problem.message} (${source.note})` : problem.message,
  });
  const reserved = reservedKeyProblems(data, source.file, locateLine);
  if (reserved.length > 0) return { ok: false, problems: reserved.map(relocate) };
  const parsed = environmentSchema.safeParse(data ?? {}, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.flatMap((issue) => describeIssue(issue, source.file, locateLine)).map(relocate) };
  }
  // Where state may be local is the policy gate's to judge (rule state/remote-backend-locking, from the
  // environment's own gate and role), not the file name's.
  return { ok: true, environment: { ...parsed.data, name: source.name, file: source.file } };
}

/**
 * Loads every environment of a folder: each `<name>.yaml` is one environment, each `*.group.yaml`
 * expands to one environment per hospital. All problems of all files are collected before failing.
 */
export function loadEnvironments(directory: string): EnvironmentConfig[] {
  let entries: string[];
  try {
    entries = fs
      .readdirSync(directory)
      .filter((entry) => /\.ya?ml$/.test(entry))
      .sort();
  } catch {
    throw new ConfigError([{ file: directory, keyPath: '', message: 'environments folder not found' }]);
  }
  if (entries.length === 0) {
    throw new ConfigError([{ file: directory, keyPath: '', message: 'expected at least one environment file (*.yaml), found none' }]);
  }
  const results: LoadResult[] = [];
  for (const entry of entries) {
    const file = path.join(directory, entry);
    if (GROUP_FILE_SUFFIX.test(entry)) results.push(...loadGroupFile(file));
    else results.push(loadEnvironmentFile(file));
  }
  const environments = results.flatMap((result) => (result.ok ? [result.environment] : []));
  const problems = results.flatMap((result) => (result.ok ? [] : result.problems));
  const seen = new Map<string, string>();
  for (const environment of environments) {
    const other = seen.get(environment.name);
    if (other) problems.push({ file: environment.file, keyPath: '', message: `environment "${environment.name}" is also declared in ${other}` });
    seen.set(environment.name, environment.file);
  }
  problems.push(...sharedStateOrCluster(environments));
  if (problems.length > 0) throw new ConfigError(problems);
  return environments;
}

/**
 * Where an environment's Terraform state lives, as one comparable string: two environments with the
 * same location would overwrite each other's state (and each plan would destroy the other's resources).
 */
export function stateLocation(backend: BackendConfig): { key: string; describe: string; change: string } {
  switch (backend.type) {
    case 'local':
      return { key: `local ${path.normalize(backend.path)}`, describe: `local state file ${backend.path}`, change: 'backend.path' };
    case 'pg': {
      // The state is the schema in that database: the connection's options (sslmode, …) do not move it.
      const database = backend.connStr
        .replace(/[?#].*$/, '')
        .replace(/\/+$/, '')
        .toLowerCase();
      return {
        key: `pg ${database} ${backend.schemaName}`,
        describe: `PostgreSQL schema ${backend.schemaName} in ${backend.connStr.replace(/[?#].*$/, '')}`,
        change: 'backend.schemaName',
      };
    }
    case 's3':
      return {
        key: `s3 ${backend.endpoint ?? 'aws'} ${backend.bucket} ${backend.key}`,
        describe: `S3 object s3://${backend.bucket}/${backend.key}`,
        change: 'backend.key',
      };
    case 'kubernetes':
      return {
        key: `kubernetes ${backend.configContext} ${backend.namespace} ${backend.secretSuffix}`,
        describe: `Kubernetes state Secret suffix "${backend.secretSuffix}" in namespace ${backend.namespace} of context ${backend.configContext}`,
        change: 'backend.secretSuffix',
      };
  }
}

/** The cluster an environment deploys to, as one comparable string. */
export function clusterIdentity(cluster: ClusterConnection): { key: string; describe: string; change: string } {
  if ('kubeconfig' in cluster) {
    return {
      key: `context ${path.normalize(cluster.kubeconfig.path)} ${cluster.kubeconfig.context}`,
      describe: `kubeconfig context ${cluster.kubeconfig.context} of ${cluster.kubeconfig.path}`,
      change: 'cluster.kubeconfig.context',
    };
  }
  return { key: `host ${cluster.host.replace(/\/+$/, '').toLowerCase()}`, describe: `API server ${cluster.host}`, change: 'cluster.host' };
}

/**
 * Two environments sharing a state location or a cluster: the usual result of copying a file (as
 * "Adding an environment" starts) without changing what makes it another environment. The problem is
 * reported on the later file in name order and names the other one.
 */
function sharedStateOrCluster(environments: readonly EnvironmentConfig[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const checks = [
    {
      what: 'Terraform state',
      of: (environment: EnvironmentConfig) => stateLocation(environment.backend),
      consequence: 'each would overwrite the other’s state',
    },
    { what: 'cluster', of: (environment: EnvironmentConfig) => clusterIdentity(environment.cluster), consequence: 'each would deploy over the other' },
  ];
  for (const check of checks) {
    const first = new Map<string, EnvironmentConfig>();
    for (const environment of environments) {
      const location = check.of(environment);
      const earlier = first.get(location.key);
      if (!earlier) {
        first.set(location.key, environment);
        continue;
      }
      const inGroup = GROUP_FILE_SUFFIX.test(environment.file);
      problems.push({
        file: environment.file,
        keyPath: inGroup ? `hospitals.${environment.name}.overrides.${location.change}` : location.change.split('.')[0]!,
        line: inGroup ? undefined : lineOfKeyInFile(environment.file, location.change.split('.')[0]!),
        // Which of the two is the copy only the author knows: the advice names the key to change in it.
        message:
          `environment "${environment.name}" uses the same ${check.what} as environment "${earlier.name}" (${earlier.file}): ${location.describe}; ${check.consequence}. ` +
          `Give the new one its own ${location.change}${inGroup ? ' (or use {{hospital}} in the template)' : ' (a copied file keeps the original’s)'}`,
      });
    }
  }
  return problems;
}

function lineOfKeyInFile(file: string, key: string): number | undefined {
  try {
    // Only files that already loaded get here: they are regular, small and well-formed.
    const lineCounter = new LineCounter();
    const document = parseDocument(readRegularFile(file, { maxBytes: MAX_CONFIG_BYTES }), { lineCounter, prettyErrors: false });
    return lineOfPath(document, lineCounter, [key]);
  } catch {
    return undefined;
  }
}

/** Expands a group file and validates every hospital's environment. */
export function loadGroupFile(file: string): LoadResult[] {
  const displayFile = path.relative(process.cwd(), file) || file;
  const read = readConfigFile(file, displayFile);
  if (!read.ok) return [fail(read.problem)];
  const expansion = expandGroupFile(file, read.text);
  if (!expansion.ok) return [{ ok: false, problems: expansion.problems.map((problem) => ({ file: displayFile, ...problem })) }];
  return expansion.environments.map((environment) =>
    validateEnvironment(environment.document, {
      file: displayFile,
      name: environment.name,
      keyPrefix: `hospitals.${environment.name}`,
      note: `in the environment built from ${environment.origin}`,
    }),
  );
}

const fail = (problem: ConfigProblem): LoadResult => ({ ok: false, problems: [problem] });

function describeIssue(issue: z.core.$ZodIssue, file: string, lineOf: (keys: string[]) => number | undefined): ConfigProblem[] {
  const basePath = issue.path.map(String);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        file,
        keyPath: [...basePath, shortKey(key)].join('.'),
        line: lineOf([...basePath, key]),
        message: `unknown key "${shortKey(key)}"`,
      }));
    case 'invalid_type':
      return [
        {
          file,
          keyPath: basePath.join('.'),
          line: lineOf(basePath),
          message:
            issue.input === undefined
              ? `required key missing (expected ${describeExpected(issue.expected)})`
              : // A whole document that is not a mapping may be a foreign file: its content is not echoed.
                `expected ${describeExpected(issue.expected)}, got ${basePath.length === 0 && typeof issue.input === 'string' ? 'text' : describeValue(issue.input)}`,
        },
      ];
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const relation = issue.code === 'too_small' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
      const what = issue.origin === 'number' ? `a number ${relation} ${String(bound)}` : `${issue.origin} with length ${relation} ${String(bound)}`;
      return [{ file, keyPath: basePath.join('.'), line: lineOf(basePath), message: `expected ${what}, got ${describeValue(issue.input)}` }];
    }
    case 'invalid_value':
      return [
        {
          file,
          keyPath: basePath.join('.'),
          line: lineOf(basePath),
          message: `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(issue.input)}`,
        },
      ];
    case 'invalid_union': {
      // Report the branch that got furthest: the one whose problems sit deepest in the document.
      const branches = issue.errors.filter((branch) => branch.length > 0);
      const deepest = branches.sort((a, b) => maxDepth(b) - maxDepth(a))[0];
      if (!deepest || (issue as { discriminator?: string }).discriminator) {
        return [
          {
            file,
            keyPath: basePath.join('.'),
            line: lineOf(basePath),
            message: issue.message === 'Invalid input' ? `expected one of the allowed forms, got ${describeValue(issue.input)}` : issue.message,
          },
        ];
      }
      return deepest.flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, file, lineOf));
    }
    default: {
      const message = issue.code === 'invalid_format' || issue.code === 'custom' ? issue.message : issue.message;
      const input = (issue as { input?: unknown }).input;
      const suffix = issue.code === 'invalid_format' && input !== undefined ? `, got ${describeValue(input)}` : '';
      return [{ file, keyPath: basePath.join('.'), line: lineOf(basePath), message: `${message}${suffix}` }];
    }
  }
}

const maxDepth = (issues: readonly z.core.$ZodIssue[]) => Math.max(...issues.map((inner) => inner.path.length));

function describeExpected(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'number':
    case 'int':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // Several lines are text, not a value someone typed (a foreign file read as YAML): never echoed.
  if (typeof value === 'string')
    return value.includes('\n') ? `text of ${value.split('\n').length} lines` : JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  return String(value);
}

function lineOfPath(document: Document, lineCounter: LineCounter, keys: string[]): number | undefined {
  for (let length = keys.length; length >= 0; length -= 1) {
    const node = document.getIn(keys.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
