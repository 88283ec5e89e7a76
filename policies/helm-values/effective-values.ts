/**
 * The effective values of a `helm_release` as far as Terraform declares them (shared by rules that judge
 * chart settings; `rules/monitoring/helm-facts.ts` merges the documents only): the `values` documents
 * merged in order, then `set` entries (dotted names, `\.` for a literal dot) — the order Helm applies.
 */
import { isUnknown, type Resource } from '../model';
import { blocks, isObject, str, type Values } from '../values';
import { mergeValues, parseValuesDocument } from './values-documents';

export type EffectiveValues = { readonly known: true; readonly values: Values } | { readonly known: false; readonly reason: string };

const setPath = (name: string): string[] => name.split(/(?<!\\)\./).map((part) => part.replaceAll('\\.', '.'));

export function effectiveValues(resource: Resource): EffectiveValues {
  let values: Values = {};
  const documents = resource.values.values;
  if (isUnknown(documents)) return { known: false, reason: 'values is known only after apply' };
  for (const [index, document] of (Array.isArray(documents) ? documents : []).entries()) {
    const text = str(document);
    if (text === undefined) return { known: false, reason: `values[${index}] is known only after apply` };
    const parsed = parseValuesDocument(text);
    if (!parsed.ok) return { known: false, reason: `values[${index}] is not YAML (${parsed.error})` };
    if (isObject(parsed.value)) values = mergeValues(values, parsed.value);
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
