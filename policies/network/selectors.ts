/**
 * Label selector matching (matchLabels AND every matchExpression) and the kubectl selector syntax used
 * on the command line (`a=b,c!=d,e in (x,y),f notin (z),g,!h`).
 */
import type { LabelSelector, SelectorRequirement } from './cluster';

export const EMPTY_SELECTOR: LabelSelector = { matchLabels: {}, matchExpressions: [] };

export function requirementMatches(requirement: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(value!);
    case 'NotIn':
      return !has || !requirement.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return compiledMatches(compiledOf(selector), labels);
}

/** A selector's `matchLabels` as pairs, read once (the analysis matches each selector against every workload). */
interface CompiledSelector {
  readonly pairs: readonly (readonly [string, string])[];
  readonly requirements: readonly SelectorRequirement[];
}

const compiled = new WeakMap<LabelSelector, CompiledSelector>();

function compiledOf(selector: LabelSelector): CompiledSelector {
  let result = compiled.get(selector);
  if (!result) compiled.set(selector, (result = { pairs: Object.entries(selector.matchLabels), requirements: selector.matchExpressions }));
  return result;
}

// A module-level function over the compiled pairs rather than a matcher closure per selector: V8 keeps
// its optimized code from one run to the next (see policies/README.md, Performance).
function compiledMatches(selector: CompiledSelector, labels: Readonly<Record<string, string>>): boolean {
  const { pairs, requirements } = selector;
  for (let i = 0; i < pairs.length; i++) if (labels[pairs[i]![0]] !== pairs[i]![1]) return false;
  for (let i = 0; i < requirements.length; i++) if (!requirementMatches(requirements[i]!, labels)) return false;
  return true;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** `{}` for the empty selector, else `app=web, tier in (a,b), !legacy`. */
export function describeSelector(selector: LabelSelector): string {
  if (isEmptySelector(selector)) return '{} (everything)';
  const parts = Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`);
  for (const r of selector.matchExpressions) {
    if (r.operator === 'In') parts.push(`${r.key} in (${r.values.join(',')})`);
    if (r.operator === 'NotIn') parts.push(`${r.key} notin (${r.values.join(',')})`);
    if (r.operator === 'Exists') parts.push(r.key);
    if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
  }
  return parts.join(', ');
}

export class SelectorSyntaxError extends Error {}

/** Parses kubectl's label selector syntax into requirements. */
export function parseSelector(text: string): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: SelectorRequirement[] = [];
  // Split on commas that are not inside parentheses.
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  const key = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
  const value = String.raw`[-A-Za-z0-9_.]*`;
  for (const raw of terms) {
    const term = raw.trim();
    if (term === '') {
      if (terms.length === 1) break;
      throw new SelectorSyntaxError(`empty requirement in selector "${text}"`);
    }
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^(${key})\\s*(==|=)\\s*(${value})$`).exec(term))) matchLabels[m[1]!] = m[3]!;
    else if ((m = new RegExp(`^(${key})\\s*!=\\s*(${value})$`).exec(term))) matchExpressions.push({ key: m[1]!, operator: 'NotIn', values: [m[2]!] });
    else if ((m = new RegExp(`^(${key})\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(term))) {
      const values = m[3]!
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      matchExpressions.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = new RegExp(`^!\\s*(${key})$`).exec(term))) matchExpressions.push({ key: m[1]!, operator: 'DoesNotExist', values: [] });
    else if ((m = new RegExp(`^(${key})$`).exec(term))) matchExpressions.push({ key: m[1]!, operator: 'Exists', values: [] });
    else
      throw new SelectorSyntaxError(
        `cannot read requirement "${term}" in selector "${text}" (expected key=value, key!=value, key in (a,b), key notin (a,b), key or !key)`,
      );
  }
  return { matchLabels, matchExpressions };
}
