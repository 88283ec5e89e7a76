/**
 * Helm `values` documents parsed once per run. Several rules read the same releases (keys, secrets,
 * retention, alert rules, encryption); kube-prometheus-stack's values carry every alert rule, so
 * parsing them once instead of once per rule is most of the engine's Helm time.
 */
import { parse as parseYaml } from 'yaml';
import { isObject, type Values } from '../values';

export type ParsedValuesDocument = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const cache = new Map<string, ParsedValuesDocument>();
const CACHE_LIMIT = 10_000;

/** Parses a values document; the result is shared between rules, so it is frozen. */
export function parseValuesDocument(text: string): ParsedValuesDocument {
  let parsed = cache.get(text);
  if (!parsed) {
    try {
      parsed = { ok: true, value: deepFreeze(parseYaml(text)) };
    } catch (error) {
      parsed = { ok: false, error: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, parsed);
  }
  return parsed;
}

/** Merges values the way Helm does: mappings key by key, anything else replaced. Never mutates. */
export function mergeValues(base: Values, overlay: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
