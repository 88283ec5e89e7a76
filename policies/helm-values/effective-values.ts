/**
 * The effective values of a `helm_release` as far as Terraform declares them (shared by rules that judge
 * chart settings; `rules/monitoring/helm-facts.ts` merges the documents only): the `values` documents
 * merged in order, then `set` entries (dotted names, `\.` for a literal dot) — the order Helm applies.
 */
import { parse as parseYaml } from 'yaml';
import { isUnknown, type Resource } from '../model';
import { blocks, isObject, str, type Values } from '../values';

export type EffectiveValues = { readonly known: true; readonly values: Values } | { readonly known: false; readonly reason: string };

function merge(target: Values, source: Values): Values {
  const out: Values = { ...target };
  for (const [key, value] of Object.entries(source)) out[key] = isObject(value) && isObject(out[key]) ? merge(out[key] as Values, value) : value;
  return out;
}

const setPath = (name: string): string[] => name.split(/(?<!\\)\./).map((part) => part.replaceAll('\\.', '.'));

export function effectiveValues(resource: Resource): EffectiveValues {
  let values: Values = {};
  const documents = resource.values.values;
  if (isUnknown(documents)) return { known: false, reason: 'values is known only after apply' };
  for (const [index, document] of (Array.isArray(documents) ? documents : []).entries()) {
    const text = str(document);
    if (text === undefined) return { known: false, reason: `values[${index}] is known only after apply` };
    let parsed: unknown;
    try {
      parsed = parseYaml(text);
    } catch (error) {
      return { known: false, reason: `values[${index}] is not YAML (${error instanceof Error ? error.message : String(error)})` };
    }
    if (isObject(parsed)) values = merge(values, parsed);
  }
  for (const entry of blocks(resource.values.set)) {
    const name = str(entry.name);
    if (name === undefined) continue;
    if (isUnknown(entry.value)) return { known: false, reason: `set "${name}" is known only after apply` };
    const path = setPath(name);
    let cursor = values;
    for (const part of path.slice(0, -1)) {
      cursor[part] = isObject(cursor[part]) ? { ...(cursor[part] as Values) } : {};
      cursor = cursor[part] as Values;
    }
    cursor[path[path.length - 1]!] = entry.value;
  }
  return { known: true, values };
}
