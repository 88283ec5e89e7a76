/**
 * The one way every command reads a file it was given (environment and group files, waivers, the
 * operations plan, `npm run check` and `npm run netpol` inputs): regular files only, with a size cap,
 * and for hand-written configuration a bound on how much YAML structure it may hold. Without this a
 * FIFO blocks forever, `/dev/zero` grows the process until the machine kills it, and a few megabytes of
 * keys or aliases keep the YAML parser busy for minutes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlias, isMap, isScalar, visit, type Document, type LineCounter } from 'yaml';

const MEBIBYTE = 1024 * 1024;

/** Hand-written configuration (environment, group, waiver and operations-plan files). */
export const MAX_CONFIG_BYTES = 5 * MEBIBYTE;
/** Machine-written inputs of `check` and `netpol` (a prod `cdk.tf.json` is about 1 MB, its plan a few). */
export const MAX_INPUT_BYTES = 64 * MEBIBYTE;
/**
 * YAML lines plus flow-collection commas of one file, counted before parsing: a bound on the number of
 * keys and items the parser will build (an environment file has about a thousand).
 */
export const MAX_YAML_ENTRIES = 100_000;
/** The same bound for machine-written manifests (`helm template` of a whole estate). */
export const MAX_INPUT_YAML_ENTRIES = 1_000_000;
/** Alias expansions per document (`toJS({ maxAliasCount })`): a billion-laughs file stops here. */
export const MAX_YAML_ALIASES = 100;
/** Nesting of mappings and lists: Kubernetes objects and Terraform JSON stay far below it. */
export const MAX_NESTING_DEPTH = 256;

/** The file cannot be used: not found, not a regular file, too large, outside where it must be. */
export class UnusableFileError extends Error {
  constructor(
    /** The path as the user gave it (or relative to the working directory). */
    readonly file: string,
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'UnusableFileError';
  }
}

export interface ReadOptions {
  /** Refuse larger files (the message states the cap). */
  readonly maxBytes: number;
  /** How the file is named in messages (default: the path as given). */
  readonly display?: string;
  /**
   * When set, the file's real path (symlinks followed) must lie inside one of these folders: an
   * environment file linked to `/etc/shadow` is refused before it is read.
   */
  readonly within?: readonly string[];
}

const describeSize = (bytes: number): string => (bytes % MEBIBYTE === 0 ? `${bytes / MEBIBYTE} MB` : `${bytes} bytes`);

/** Reads a regular file as UTF-8; anything else throws an UnusableFileError naming the path. */
export function readRegularFile(file: string, options: ReadOptions): string {
  const shown = options.display ?? file;
  if (options.within) assertWithin(file, shown, options.within);
  let descriptor: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer that never comes.
    descriptor = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw systemFailure(error, shown);
  }
  try {
    const stat = fs.fstatSync(descriptor);
    if (stat.isDirectory()) throw new UnusableFileError(shown, 'is a folder, expected a file', 'EISDIR');
    if (!stat.isFile()) throw new UnusableFileError(shown, `is ${kindOf(stat)}, expected a regular file`);
    if (stat.size > options.maxBytes)
      throw new UnusableFileError(shown, `file of ${stat.size} bytes is larger than the ${describeSize(options.maxBytes)} limit`);
    // Read at most one byte past the cap: a file that grows while being read is refused too.
    const buffer = Buffer.alloc(Math.min(stat.size, options.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = fs.readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) {
        if (length > options.maxBytes) throw new UnusableFileError(shown, `file is larger than the ${describeSize(options.maxBytes)} limit`);
        break;
      }
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof UnusableFileError) throw error;
    throw systemFailure(error, shown);
  } finally {
    fs.closeSync(descriptor);
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function assertWithin(file: string, shown: string, folders: readonly string[]): void {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (error) {
    throw systemFailure(error, shown);
  }
  const inside = folders.some((folder) => {
    let root: string;
    try {
      root = fs.realpathSync(folder);
    } catch {
      return false;
    }
    const relative = path.relative(root, real);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
  // The target is not named: where a link points can itself be sensitive.
  if (!inside) throw new UnusableFileError(shown, 'is a symbolic link to a file outside the repository; copy the file in instead');
}

/** An operating-system failure (ENOENT, EACCES, EIO, …) as a message naming the path. */
export function systemFailure(error: unknown, shown: string): UnusableFileError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a folder, expected a file'
          : `cannot read the file (${code ?? String(error)})`;
  return new UnusableFileError(shown, reason, code);
}

/**
 * Refuses YAML text with more entries than the parser should build, before parsing it; returns the
 * problem or undefined.
 */
export function yamlSizeProblem(text: string, limit: number = MAX_YAML_ENTRIES): string | undefined {
  let entries = 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 44) entries++;
  }
  return entries > limit ? `more than ${limit} lines and list items (the limit for one YAML file)` : undefined;
}

export interface YamlProblem {
  readonly line: number;
  readonly keyPath: string;
  readonly message: string;
}

/**
 * Duplicate keys of every mapping of a parsed document, in one pass with a set per mapping (the `yaml`
 * library's own `uniqueKeys` compares each key with every earlier one: minutes for 40,000 keys).
 * Keys are compared as written scalars; only the key is named, never its value.
 */
export function duplicateKeys(document: Document, lineCounter: LineCounter): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(document, {
    Map(_, map, ancestry) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        const name = isScalar(key) ? String(key.value) : isAlias(key) ? `*${key.source}` : undefined;
        if (name === undefined) continue;
        if (seen.has(name)) {
          const offset = isScalar(key) || isAlias(key) ? (key.range?.[0] ?? 0) : 0;
          problems.push({
            line: lineCounter.linePos(offset).line,
            keyPath: [...keyPathOf(ancestry), shortKey(name)].join('.'),
            message: `Map keys must be unique: "${shortKey(name)}" appears more than once`,
          });
        }
        seen.add(name);
      }
    },
  });
  return problems;
}

/** The key path of a node from the `visit` ancestry (mapping keys and list indexes). */
function keyPathOf(ancestry: readonly unknown[]): string[] {
  const keys: string[] = [];
  for (let index = 0; index < ancestry.length; index++) {
    const node = ancestry[index];
    const next = ancestry[index + 1];
    if (isMap(node) || node === undefined) continue;
    if (typeof node === 'object' && node !== null && 'key' in node && 'value' in node) {
      const key = (node as { key: unknown }).key;
      if (isScalar(key)) keys.push(shortKey(String(key.value)));
    } else if (typeof node === 'object' && node !== null && 'items' in node && next !== undefined) {
      const position = (node as { items: unknown[] }).items.indexOf(next);
      if (position >= 0) keys[keys.length - 1] = `${keys[keys.length - 1] ?? ''}[${position}]`;
    }
  }
  return keys;
}

/** A key as it may appear in a message: a line of a foreign file read as a key is cut short. */
export function shortKey(key: string): string {
  const line = key.split('\n')[0]!;
  return line.length > 40 || line !== key ? `${line.slice(0, 37)}...` : key;
}

/** The line of the first alias of a document: where an alias bomb shows itself. */
export function firstAliasLine(document: Document, lineCounter: LineCounter): number | undefined {
  let line: number | undefined;
  visit(document, {
    Alias(_, alias) {
      line = lineCounter.linePos(alias.range?.[0] ?? 0).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** Whether the YAML library refused to expand aliases (`maxAliasCount`). */
export const isAliasBomb = (error: unknown): boolean => /alias count/i.test((error as Error)?.message ?? '');

/**
 * The key path of the first place a value nests deeper than MAX_NESTING_DEPTH, or undefined. Iterative:
 * a 100,000-deep document is judged without exhausting the stack the later (recursive) steps need.
 */
export function excessiveNesting(value: unknown): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: current, depth, path: at } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_NESTING_DEPTH) return at || '(top level)';
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) stack.push({ value: current[index], depth: depth + 1, path: depth < 8 ? `${at}[${index}]` : at });
    } else {
      for (const [key, inner] of Object.entries(current))
        stack.push({ value: inner, depth: depth + 1, path: depth < 8 ? (at ? `${at}.${shortKey(key)}` : shortKey(key)) : at });
    }
  }
  return undefined;
}

export const NESTING_MESSAGE = `nested deeper than ${MAX_NESTING_DEPTH} levels (the limit for any input)`;
