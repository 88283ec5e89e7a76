/**
 * Derives the set of values keys a Helm chart accepts from its default `values.yaml`, so a typo such as
 * `prometheusSpec.retension` is caught before Helm silently ignores it.
 *
 * Hand-written (no library derives key sets from chart defaults; `values.schema.json` is absent from
 * most charts). The rules, in order:
 *
 * 1. Every key present in the defaults is valid, at every depth (sub-chart keys come from the
 *    sub-chart's own defaults, nested under the sub-chart's name or alias).
 * 2. A map whose default is empty (`podLabels: {}`, `nodeSelector: {}`, `additionalPrometheusRulesMap: {}`,
 *    `customRules: {}`) accepts any sub-keys: charts use `{}` for user-defined maps.
 * 3. A value whose default is `null` or a list (`tolerations: []`, `extraArgs: []`) accepts anything
 *    beneath it: list items and placeholders are not described by the defaults.
 * 4. A key annotated by the chart's helm-schema comments as open (`# @schema additionalProperties:true`
 *    or `skipProperties:true`, as the Loki chart does for `loki.limits_config`) accepts any sub-keys.
 * 5. Configuration blocks of the packaged program, listed in `OPEN_BLOCKS` with the reason, accept any
 *    sub-keys (e.g. `alertmanager.config` is Alertmanager's own configuration file).
 *
 * Keys only shown in comments of the defaults are NOT valid: "every key must exist in the defaults".
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** A key tree: `'*'` accepts anything beneath, `'='` is a scalar, an object lists the known sub-keys. */
export type KeyTree = '*' | '=' | { readonly [key: string]: KeyTree };

/** Program configuration blocks whose defaults show an example, not the full key set. */
export const OPEN_BLOCKS: Readonly<Record<string, readonly { readonly path: string; readonly reason: string }[]>> = {
  'kube-prometheus-stack': [{ path: 'alertmanager.config', reason: "Alertmanager's configuration file (receivers, routes, inhibit rules)" }],
  'prometheus-snmp-exporter': [
    { path: 'containerSecurityContext', reason: "rendered whole as the container's Kubernetes securityContext; the default shows three of its fields" },
    { path: 'serviceMonitor.selector', reason: "rendered whole as the ServiceMonitor's labels; the default shows an example label" },
  ],
};

const OPEN_ANNOTATION = /@schema\b[^\n]*\b(additionalProperties:\s*true|skipProperties:\s*true)/;

/** The comment lines directly above `line` (0-based), innermost last. */
function commentsAbove(lines: readonly string[], line: number): string {
  const collected: string[] = [];
  for (let index = line - 1; index >= 0; index -= 1) {
    const text = lines[index]!.trim();
    if (!text.startsWith('#')) break;
    collected.unshift(text);
  }
  return collected.join('\n');
}

/** The key tree of one values file. */
export function deriveKeyTree(valuesText: string): KeyTree {
  const lineCounter = new LineCounter();
  const document = parseDocument(valuesText, { lineCounter });
  if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors[0]!.message}`);
  const lines = valuesText.split('\n');
  const walk = (node: Node | null | undefined): KeyTree => {
    if (node === null || node === undefined) return '*';
    if (isSeq(node)) return '*';
    if (isScalar(node)) return node.value === null ? '*' : '=';
    if (isMap(node)) {
      if (node.items.length === 0) return '*';
      const tree: Record<string, KeyTree> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyNode = pair.key as Node;
        const start = keyNode.range?.[0] ?? 0;
        const open = OPEN_ANNOTATION.test(commentsAbove(lines, lineCounter.linePos(start).line - 1));
        tree[key] = open ? '*' : walk(pair.value as Node | null);
      }
      return tree;
    }
    return '*';
  };
  return walk(document.contents as Node | null);
}

/** Union of two trees (a parent's section of a sub-chart and the sub-chart's own defaults). */
export function mergeTrees(a: KeyTree, b: KeyTree): KeyTree {
  if (a === '*' || b === '*') return '*';
  if (a === '=') return b;
  if (b === '=') return a;
  const merged: Record<string, KeyTree> = { ...a };
  for (const [key, value] of Object.entries(b)) merged[key] = key in merged ? mergeTrees(merged[key]!, value) : value;
  return merged;
}

/** Marks `path` (dot-separated) as open in the tree. */
export function openPath(tree: KeyTree, path: string): KeyTree {
  const [head, ...rest] = path.split('.');
  if (tree === '*' || head === undefined) return tree;
  const children: Record<string, KeyTree> = tree === '=' ? {} : { ...tree };
  children[head] = rest.length === 0 ? '*' : openPath(children[head] ?? {}, rest.join('.'));
  return children;
}

/** Sorts keys recursively so committed files diff cleanly. */
export function sortTree(tree: KeyTree): KeyTree {
  if (typeof tree === 'string') return tree;
  return Object.fromEntries(
    Object.keys(tree)
      .sort()
      .map((key) => [key, sortTree(tree[key]!)]),
  );
}

/** The key paths of `values` that the tree does not know (dot-joined, `[i]` never appears: lists are open). */
export function unknownKeys(tree: KeyTree, values: unknown, prefix = ''): string[] {
  if (tree === '*' || values === null || typeof values !== 'object' || Array.isArray(values)) return [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (tree === '=') {
      unknown.push(path);
      continue;
    }
    const child = tree[key];
    if (child === undefined) unknown.push(path);
    else unknown.push(...unknownKeys(child, value, path));
  }
  return unknown;
}
