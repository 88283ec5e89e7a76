/**
 * Accessors rules use to read normalized resource values. Adapters already turn every nested block into
 * an array of objects, but these helpers also accept a single object where a block is expected, so a
 * rule (or a hand-built test resource) never has to care.
 *
 * Paths are Terraform-style: `spec.template.spec.container[0].image`. A name segment applied to a
 * block list reads the first block (blocks with `max_items = 1` such as `metadata` or `spec`); use
 * `all()` to read through every block.
 */
import { UnknownValue } from './model';

// tsx (esbuild) compiles each use of an imported binding into a call of a getter on the exporting
// module; the accessors below run for every value every rule reads, so they read the class once.
const UnknownClass = UnknownValue;
const isUnknown = (value: unknown): value is UnknownValue => value instanceof UnknownClass;

export type Values = Record<string, unknown>;
type Segment = string | number;

const parsedPaths = new Map<string, readonly Segment[]>();

/** `a.b[0].c` → ['a', 'b', 0, 'c'] (memoized: rules read the same few paths millions of times). */
export function parsePath(path: string): readonly Segment[] {
  let segments = parsedPaths.get(path) as Segment[] | undefined;
  if (!segments) {
    segments = [];
    for (const part of path.split('.')) {
      if (part === '') continue;
      const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
      if (!match) throw new Error(`invalid value path "${path}"`);
      if (match[1] !== '') segments.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
      for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
    }
    parsedPaths.set(path, segments);
  }
  return segments;
}

export const isObject = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnknownClass);

/** One step of a path. Returns an UnknownValue as soon as the path runs into one. */
function step(current: unknown, segment: Segment): unknown {
  if (isUnknown(current)) return current;
  if (typeof segment === 'number') {
    if (Array.isArray(current)) return current[segment];
    return segment === 0 && isObject(current) ? current : undefined;
  }
  if (Array.isArray(current)) current = current[0];
  return isObject(current) ? current[segment] : undefined;
}

/** The value at `path`, or undefined; an UnknownValue met on the way is returned as is. */
export function get(values: unknown, path: string): unknown {
  const segments = parsePath(path);
  let current = values;
  for (let index = 0; index < segments.length; index++) {
    current = step(current, segments[index]!);
    if (current === undefined || isUnknown(current)) return current;
  }
  return current;
}

/** The blocks found at a value: an array's objects, a single object as a one-element list, else []. */
export function blocks(value: unknown): Values[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first of `blocks(value)` without building the list: a list's first object, or the object itself. */
export function firstBlock(value: unknown): Values | undefined {
  if (!Array.isArray(value)) return isObject(value) ? value : undefined;
  for (let index = 0; index < value.length; index++) if (isObject(value[index])) return value[index] as Values;
  return undefined;
}

/** The first block at `path` (a `max_items = 1` block such as `metadata`), or undefined. */
export function block(values: unknown, path: string): Values | undefined {
  return firstBlock(get(values, path));
}

/** Every value at `path`, reading through every block of every list on the way (`all(pod, 'volume.host_path')`). */
export function all(values: unknown, path: string): unknown[] {
  let current: unknown[] = [values];
  for (const segment of parsePath(path)) {
    const next: unknown[] = [];
    for (const item of current) {
      if (isUnknown(item)) {
        next.push(item);
      } else if (typeof segment === 'number') {
        const value = step(item, segment);
        if (value !== undefined) next.push(value);
      } else {
        for (const entry of Array.isArray(item) ? item : [item]) {
          const value = step(entry, segment);
          if (value !== undefined) next.push(value);
        }
      }
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

/**
 * A map attribute (labels, annotations, data, limits, …) at `path` as a plain object; `{}` when absent.
 * An UnknownValue is returned as is (the whole map is known only after apply).
 */
export function map(values: unknown, path: string): Values | UnknownValue {
  const value = get(values, path);
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) return isObject(value[0]) ? value[0] : {};
  return isObject(value) ? value : {};
}

/** A string value, or undefined when absent or not a string (unknowns: check `isUnknown` first). */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A number value; numeric strings count (HCL and CDKTF tokens sometimes carry numbers as strings). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** A boolean value; `"true"`/`"false"` strings count (HCL allows them). */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** A list of strings (a single string counts as a one-element list); unknown entries are kept. */
export function strings(value: unknown): (string | UnknownValue)[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((item): item is string | UnknownValue => typeof item === 'string' || isUnknown(item));
}

/** The label map of a resource's (or block's) `metadata`. */
export function labelsOf(values: unknown, metadataPath = 'metadata'): Values | UnknownValue {
  return map(values, `${metadataPath}.labels`);
}

/** One label's value; an unknown label map yields the UnknownValue. */
export function label(values: unknown, key: string, metadataPath = 'metadata'): unknown {
  const labels = labelsOf(values, metadataPath);
  return isUnknown(labels) ? labels : labels[key];
}

/** The first UnknownValue anywhere inside a value, with its relative path, for fail-closed messages. */
export function findUnknown(value: unknown, path = ''): { path: string; value: UnknownValue } | undefined {
  // Most values hold no unknown at all: scan first, and build path strings only along the way to one.
  if (!containsUnknown(value)) return undefined;
  if (isUnknown(value)) return { path, value };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (containsUnknown(value[index])) return findUnknown(value[index], `${path}[${index}]`);
    }
  } else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (containsUnknown(inner)) return findUnknown(inner, path ? `${path}.${key}` : key);
    }
  }
  return undefined;
}

/** Whether an UnknownValue is anywhere inside a value (the traversal of `findUnknown`). */
function containsUnknown(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) if (containsUnknown(value[index])) return true;
    return false;
  }
  // `for…in` reads the object's cached key list; `Object.values` would copy it for every object scanned.
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key) && containsUnknown((value as Values)[key])) return true;
  return false;
}

/** A short rendering of a value for messages: strings quoted, unknowns as `(known after apply)`. */
export function show(value: unknown): string {
  if (isUnknown(value)) return '(known only after apply)';
  if (value === undefined) return 'unset';
  return JSON.stringify(value);
}
