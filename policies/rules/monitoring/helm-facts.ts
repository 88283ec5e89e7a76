/**
 * Facts the monitoring and log-retention rules read from `helm_release` values (the only place the
 * alert rules and Loki limits live: no `kubernetes_manifest`). Works on any Terraform that installs
 * kube-prometheus-stack or Loki through Helm, not only on this repository's constructs.
 */
import { isUnknown, type Estate, type Resource } from '../../model';
import { chartName } from '../../helm-values/keys';
import { mergeValues, parseValuesDocument } from '../../helm-values/values-documents';
import { blocks, isObject, str } from '../../values';

export interface ParsedRelease {
  readonly resource: Resource;
  /** The values documents merged in order (later documents win, as Helm merges them). */
  readonly values: Record<string, unknown>;
  /** Set when a values document is only known after apply or is not YAML. */
  readonly problem?: string;
}

/** Every helm_release of `chart` in the environment, with its values parsed. */
export function releasesOf(estate: Estate, environment: string, chart: string): ParsedRelease[] {
  return estate
    .byType('helm_release', environment)
    .filter((resource) => chartOf(resource) === chart)
    .map(parseRelease);
}

/** The chart a helm_release installs, by name (a repository prefix or an OCI reference stripped). */
export function chartOf(resource: Resource): string | undefined {
  const name = resource.values.chart;
  return typeof name === 'string' ? chartName(name) : undefined;
}

/** One helm_release's values: its documents merged in order, then its `set` entries. */
export function parseRelease(resource: Resource): ParsedRelease {
  const list = resource.values.values;
  if (isUnknown(list)) return { resource, values: {}, problem: 'values is known only after apply; failing closed' };
  let values: Record<string, unknown> = {};
  // Stryker disable next-line ArrayDeclaration: any text in the fallback parses to a scalar, which is not merged (values stay {})
  for (const [index, text] of (Array.isArray(list) ? list : []).entries()) {
    if (isUnknown(text)) return { resource, values, problem: `values[${index}] is known only after apply; failing closed` };
    const document = parseValuesDocument(String(text));
    if (!document.ok) return { resource, values, problem: `values[${index}] is not valid YAML (${document.error})` };
    if (isObject(document.value)) values = mergeValues(values, document.value);
  }
  // `set` entries override the documents, as Helm applies them (`a.b\.c` names key "b.c").
  for (const entry of blocks(resource.values.set)) {
    const name = str(entry.name);
    if (name === undefined) continue;
    if (isUnknown(entry.value)) return { resource, values, problem: `set "${name}" is known only after apply; failing closed` };
    const path = name.split(/(?<!\\)\./).map((part) => part.replaceAll('\\.', '.'));
    const overlay = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), setValue(entry.value, str(entry.type)));
    values = mergeValues(values, overlay as Record<string, unknown>);
  }
  return { resource, values };
}

/** The value at a dotted path of Helm values (`singleBinary.persistence.enabled`), or undefined. */
export const valueAt = (values: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), values);

/** A `set` value as Helm reads it: `type = "string"` keeps text, otherwise `true`/`false`/numbers are typed. */
function setValue(value: unknown, type: string | undefined): unknown {
  if (type === 'string' || typeof value !== 'string') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  if (value !== '' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

export interface AlertRuleFact {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly release: Resource;
  /** The rule group's name and its own evaluation interval (`interval`), if set. */
  readonly group: string;
  readonly groupInterval?: string;
}

/** The alerting rules kube-prometheus-stack releases carry in `additionalPrometheusRulesMap`. */
export function alertRulesOf(release: ParsedRelease): AlertRuleFact[] {
  const map = release.values.additionalPrometheusRulesMap;
  if (!isObject(map)) return [];
  const rules: AlertRuleFact[] = [];
  for (const entry of Object.values(map)) {
    // Stryker disable next-line ArrayDeclaration: an element of the fallback is a string, which the loop below skips as a group without rules
    const groups = isObject(entry) && Array.isArray(entry.groups) ? entry.groups : [];
    for (const group of groups) {
      // Stryker disable next-line ArrayDeclaration: an element of the fallback is a string, which the next line skips as not a rule
      for (const rule of isObject(group) && Array.isArray(group.rules) ? group.rules : []) {
        if (!isObject(rule) || typeof rule.alert !== 'string' || typeof rule.expr !== 'string') continue;
        const strings = (value: unknown) => (isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {});
        rules.push({
          alert: rule.alert,
          expr: rule.expr,
          ...(typeof rule.for === 'string' ? { for: rule.for } : {}),
          labels: strings(rule.labels),
          annotations: strings(rule.annotations),
          release: release.resource,
          group: isObject(group) && typeof group.name === 'string' ? group.name : '',
          ...(isObject(group) && group.interval !== undefined && group.interval !== null ? { groupInterval: String(group.interval) } : {}),
        });
      }
    }
  }
  return rules;
}

/** A label matcher of a PromQL selector (`deployment=~"a|b"`). */
export interface Matcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** The matchers of every selector of `metric` in `expr` (one list per occurrence). */
export function selectorsOf(expr: string, metric: string): Matcher[][] {
  const selectors: Matcher[][] = [];
  const pattern = new RegExp(`(?<![A-Za-z0-9_:])${metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(\\{([^}]*)\\})?`, 'g');
  for (const match of expr.matchAll(pattern)) {
    const body = match[2] ?? '';
    const matchers: Matcher[] = [];
    for (const part of body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)) {
      matchers.push({ label: part[1]!, op: part[2] as Matcher['op'], value: part[3]!.replace(/\\\\/g, '\\') });
    }
    selectors.push(matchers);
  }
  return selectors;
}

/** Whether a set of labels satisfies every matcher (regexes are anchored, as in PromQL). */
export function matchesAll(matchers: readonly Matcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((matcher) => {
    const value = labels[matcher.label] ?? '';
    switch (matcher.op) {
      case '=':
        return value === matcher.value;
      case '!=':
        return value !== matcher.value;
      case '=~':
        return new RegExp(`^(?:${matcher.value})$`).test(value);
      case '!~':
        return !new RegExp(`^(?:${matcher.value})$`).test(value);
    }
  });
}

/** Prometheus/Loki duration (`87672h`, `3653d`, `10y`, `1w2d`) in days; undefined when unparsable. */
export function durationDays(value: unknown): number | undefined {
  const text = str(value) ?? (typeof value === 'number' ? `${value}s` : undefined);
  if (!text || !/^(\d+(\.\d+)?(ms|s|m|h|d|w|y))+$/.test(text)) return undefined;
  const units: Record<string, number> = { ms: 1 / 86_400_000, s: 1 / 86400, m: 1 / 1440, h: 1 / 24, d: 1, w: 7, y: 365 };
  let days = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d|w|y)/g)) days += Number(amount) * units[unit!]!;
  return days;
}
