/**
 * Hand-written YAML (environment and group files) → data, within the input limits of
 * policies/inputs/read-file.ts. Problems are located by file, key path and line, never by content.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { duplicateKeys, excessiveNesting, firstAliasLine, isAliasBomb, MAX_YAML_ALIASES, NESTING_MESSAGE, yamlSizeProblem } from '../policies/inputs/read-file';
import type { ConfigProblem } from './load';

/**
 * Hand-written YAML → data, within the input limits: entries counted before parsing, duplicate keys
 * found in linear time, aliases capped, nesting bounded. Problems name the file and line, never content.
 */
export function parseConfigYaml(
  text: string,
  file: string,
): { ok: true; document: Document; lineCounter: LineCounter; data: unknown } | { ok: false; problems: ConfigProblem[] } {
  const tooLarge = yamlSizeProblem(text);
  if (tooLarge) return { ok: false, problems: [{ file, keyPath: '', message: tooLarge }] };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        file,
        keyPath: '',
        line: lineCounter.linePos(error.pos[0]).line,
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const duplicates = duplicateKeys(document, lineCounter);
  if (duplicates.length > 0)
    return { ok: false, problems: duplicates.map((problem) => ({ file, ...problem, message: `YAML syntax error: ${problem.message}` })) };
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (!isAliasBomb(error)) throw error;
    return {
      ok: false,
      problems: [
        {
          file,
          keyPath: '',
          line: firstAliasLine(document, lineCounter),
          message: `aliases expand to too many values (more than ${MAX_YAML_ALIASES} per alias; a "billion laughs" document?)`,
        },
      ],
    };
  }
  const deep = excessiveNesting(data);
  if (deep !== undefined) return { ok: false, problems: [{ file, keyPath: deep === '(top level)' ? '' : deep, message: NESTING_MESSAGE }] };
  return { ok: true, document, lineCounter, data };
}

/**
 * Keys that name JavaScript's object machinery: `__proto__` inside a record would be dropped silently
 * by the schema (it sets the prototype instead of adding a key), `constructor`/`prototype` would match
 * inherited members in `name in object` lookups. They are never valid names in this configuration.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every reserved key of a document, with its key path (iterative: the document is of any shape). */
function reservedKeys(data: unknown): string[][] {
  const found: string[][] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path: at } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...at, String(index)] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) found.push([...at, key]);
      else stack.push({ value: (value as Record<string, unknown>)[key], path: [...at, key] });
    }
  }
  return found.sort((a, b) => a.join('.').localeCompare(b.join('.')));
}

/** Problems for reserved keys anywhere in a document (see RESERVED_KEYS). */
export function reservedKeyProblems(data: unknown, file: string, lineOf: (keys: string[]) => number | undefined = () => undefined): ConfigProblem[] {
  return reservedKeys(data).map((keys) => ({
    file,
    keyPath: keys.join('.'),
    line: lineOf(keys),
    message: `"${keys[keys.length - 1]}" is a reserved word and cannot be used as a name or key here`,
  }));
}
