/**
 * Normalization of resource bodies, done once per resource in the adapters so that rules never care
 * where the input came from: CDKTF writes a single nested block as an object, `hcl2json` and plans as a
 * list. After normalization every nested block is an array of objects and map attributes stay objects.
 */
import { UnknownValue } from '../model';

/**
 * Attributes of the kubernetes and helm providers whose value is a MAP (or free-form object), not a
 * nested block. Taken from the prebuilt providers' generated code (attributes converted with
 * `cdktf.hashMapper`) plus `manifest`/`object` (free-form YAML as objects). Add an attribute here when
 * a rule needs a map this list misses; otherwise it is wrapped as a one-block list.
 */
export const KNOWN_MAP_ATTRIBUTES: ReadonlySet<string> = new Set([
  'labels',
  'annotations',
  'template_annotations',
  'match_labels',
  'data',
  'binary_data',
  'data_wo',
  'binary_data_wo',
  'string_data',
  'limits',
  'requests',
  'node_selector',
  'selector',
  'capacity',
  'hard',
  'parameters',
  'volume_attributes',
  'options',
  'default',
  'default_request',
  'min',
  'max',
  'max_limit_request_ratio',
  'fields',
  'manifest',
  'manifests',
  'object',
  'objects',
]);

/**
 * `selector` is a map on Services and ReplicationControllers but a block (holding `match_labels` /
 * `match_expressions`) on Deployments, PDBs, PVCs, …: decide by its keys.
 */
const BLOCK_SELECTOR_KEYS = new Set(['match_labels', 'match_expressions']);
function isMapAttribute(key: string, value: Record<string, unknown>): boolean {
  if (!KNOWN_MAP_ATTRIBUTES.has(key)) return false;
  if (key !== 'selector') return true;
  for (const inner of Object.keys(value)) if (BLOCK_SELECTOR_KEYS.has(inner)) return false;
  return true;
}

/** A string holding an interpolation, remembered so the adapter can resolve it after all resources are read. */
export interface PendingInterpolation {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly template: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnknownValue);

/**
 * Normalizes a resource body (fresh objects throughout; the input is not modified). CDKTF metadata
 * (`//`) is dropped. Strings containing `${` are reported to `pending` for resolution.
 */
export function normalizeBody(body: Record<string, unknown>, pending: PendingInterpolation[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in body) {
    const value = body[key];
    // `null` means "not set" in every source (plans write every unset attribute as null).
    if (key === '//' || value === null || value === undefined) continue;
    if (isPlainObject(value)) {
      out[key] = isMapAttribute(key, value) ? copyMap(value, pending) : [normalizeBody(value, pending)];
    } else if (Array.isArray(value)) {
      out[key] = normalizeList(value, pending);
    } else {
      out[key] = value;
      if (typeof value === 'string' && value.includes('${')) pending.push({ container: out, key, template: value });
    }
  }
  return out;
}

function normalizeList(list: unknown[], pending: PendingInterpolation[]): unknown[] {
  const out: unknown[] = new Array(list.length);
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (isPlainObject(item)) out[index] = normalizeBody(item, pending);
    else if (Array.isArray(item)) out[index] = normalizeList(item, pending);
    else {
      out[index] = item;
      if (typeof item === 'string' && item.includes('${')) pending.push({ container: out, key: index, template: item });
    }
  }
  return out;
}

/** Maps keep their shape; their values are copied deeply (free-form manifests nest) without block wrapping. */
function copyMap(map: Record<string, unknown>, pending: PendingInterpolation[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in map) {
    const value = map[key];
    if (isPlainObject(value)) out[key] = copyMap(value, pending);
    else if (Array.isArray(value)) out[key] = value.map((item) => (isPlainObject(item) ? copyMap(item, pending) : item));
    else {
      out[key] = value;
      if (typeof value === 'string' && value.includes('${')) pending.push({ container: out, key, template: value });
    }
  }
  return out;
}

/** First element of an `hcl2json`-style list, or the value itself (tf.json writes single objects). */
export function single(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

export { isPlainObject };
