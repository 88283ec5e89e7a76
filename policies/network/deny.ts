/**
 * Forbidden flows: `"<side> -> <side>"`. A side is one of
 *
 * - `*`: anything, inside or outside the cluster;
 * - `external`, or `external:<range>` (a CIDR, an address or `first-last`): addresses outside the
 *   cluster; a connection matches when its allowed range intersects the given one;
 * - `<namespace>/<workload>` or `<namespace>/*`, when `<namespace>` is a namespace of the input;
 * - `<namespace>`: a bare word that names a namespace of the input;
 * - otherwise a label selector in kubectl syntax (`a=b,c!=d,e in (x,y),f notin (z),g,!h`), matched
 *   against the labels of each workload's namespace (the automatic `kubernetes.io/metadata.name`
 *   included) or of its pods.
 *
 * A side that matches no namespace and no workload of the input is an error naming the side and the
 * closest names and labels that exist: a typo must not turn a proof of isolation into a vacuous pass.
 * A violation carries the explanation of both sides: which policies and rules allow it.
 */
import { distance } from 'fastest-levenshtein';
import { AddressSet, CidrError, parseAddressRange } from './addresses';
import { externalAddresses, type AllowingRule, type Connection, type ConnectionExplanation, type NetworkAnalysis, type SideExplanation } from './analysis';
import type { Cluster, LabelSelector } from './cluster';
import { NetworkInputError } from './errors';
import { isExternal } from './segments';
import { describeSelector, parseSelector, selectorMatches, SelectorSyntaxError } from './selectors';

export type EndpointSelector =
  | { readonly kind: 'any' }
  | { readonly kind: 'external'; readonly addresses?: AddressSet }
  /** A label selector, or (once resolved against a cluster) a namespace name or a `namespace/workload`. */
  | { readonly kind: 'labels'; readonly text: string; readonly selector: LabelSelector }
  | { readonly kind: 'namespace'; readonly text: string; readonly name: string }
  | { readonly kind: 'workload'; readonly text: string; readonly namespace: string; readonly name: string | '*' };

export interface DenyRule {
  readonly text: string;
  readonly from: EndpointSelector;
  readonly to: EndpointSelector;
}

export interface DenyViolation {
  readonly rule: DenyRule;
  readonly connection: Connection;
  readonly explanation: ConnectionExplanation;
}

/** A bare word or `word/word` (`word/*`): a namespace or workload name when the cluster has one. */
const NAME_LIKE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?|\*))?$/;

function parseSide(text: string, whole: string): EndpointSelector {
  const side = text.trim();
  if (side === '*') return { kind: 'any' };
  if (side === 'external') return { kind: 'external' };
  if (side.startsWith('external:')) {
    try {
      return { kind: 'external', addresses: AddressSet.ofInterval(parseAddressRange(side.slice('external:'.length))) };
    } catch (error) {
      if (error instanceof CidrError) throw new NetworkInputError(`--deny "${whole}": ${error.message}`);
      throw error;
    }
  }
  if (side === '') throw new NetworkInputError(`--deny "${whole}": a side is empty (use * for anything)`);
  if (side.endsWith('/*') && NAME_LIKE.test(side)) return { kind: 'workload', text: side, namespace: side.slice(0, -2), name: '*' };
  try {
    return { kind: 'labels', text: side, selector: parseSelector(side) };
  } catch (error) {
    if (error instanceof SelectorSyntaxError) throw new NetworkInputError(`--deny "${whole}": ${error.message}`);
    throw error;
  }
}

/** Parses `"A -> B"` (syntax only: `resolveDenyRule` checks the sides against a cluster). */
export function parseDenyRule(text: string): DenyRule {
  const parts = text.split('->');
  if (parts.length !== 2)
    throw new NetworkInputError(
      `--deny "${text}": expected "<side> -> <side>" (a side: a label selector, <namespace>, <namespace>/<workload>, <namespace>/*, external[:<cidr>] or *), e.g. "platform.hospital/segment=guest -> platform.hospital/segment=medical"`,
    );
  return { text: text.trim(), from: parseSide(parts[0]!, text), to: parseSide(parts[1]!, text) };
}

/**
 * Gives each side its meaning in this cluster (a name-like word is a namespace or workload when one
 * exists) and rejects a side that matches no namespace and no workload, naming what does exist.
 */
export function resolveDenyRule(rule: DenyRule, cluster: Cluster): DenyRule {
  return { ...rule, from: resolveSide(rule.from, cluster, rule.text), to: resolveSide(rule.to, cluster, rule.text) };
}

function resolveSide(side: EndpointSelector, cluster: Cluster, whole: string): EndpointSelector {
  if (side.kind === 'any' || side.kind === 'external') return side;
  const namespaceNames = new Set(cluster.namespaces.map((n) => n.name));
  const nameLike = NAME_LIKE.test(side.text);
  if (side.kind === 'workload' || (nameLike && side.text.includes('/') && namespaceNames.has(side.text.slice(0, side.text.indexOf('/'))))) {
    const [namespace, name] = side.text.split('/') as [string, string];
    if (!namespaceNames.has(namespace)) throw unmatched(whole, side.text, cluster, `no namespace "${namespace}"`);
    if (name !== '*' && !cluster.workloads.some((w) => w.namespace === namespace && (w.name === name || w.id === `${namespace}/${name}`)))
      throw unmatched(whole, side.text, cluster, `namespace "${namespace}" has no workload "${name}"`);
    return { kind: 'workload', text: side.text, namespace, name };
  }
  if (nameLike && !side.text.includes('/') && namespaceNames.has(side.text)) return { kind: 'namespace', text: side.text, name: side.text };
  if (side.kind === 'labels') {
    const matchesSomething =
      cluster.namespaces.some((n) => selectorMatches(side.selector, n.labels)) || cluster.workloads.some((w) => selectorMatches(side.selector, w.labels));
    if (!matchesSomething)
      throw unmatched(
        whole,
        side.text,
        cluster,
        nameLike && !/[=!(]/.test(side.text)
          ? 'no namespace of that name, and no namespace or pod has a label with that key'
          : `the selector ${describeSelector(side.selector)} matches no namespace and no pod`,
      );
  }
  return side;
}

const MAX_SUGGESTIONS = 5;

/** The error for a side that matches nothing, with the closest names and labels of the cluster. */
function unmatched(whole: string, side: string, cluster: Cluster, why: string): NetworkInputError {
  const suggestions = closestTo(side, cluster);
  return new NetworkInputError(
    `--deny "${whole}": the side "${side}" matches nothing in the input (${why})${suggestions.length > 0 ? `; closest that exist: ${suggestions.join(', ')}` : ''}`,
  );
}

/** Names, label keys and `key=value` pairs of the cluster closest to what the side says. */
function closestTo(side: string, cluster: Cluster): string[] {
  const pairs = new Set<string>();
  const keys = new Set<string>();
  for (const labels of [...cluster.namespaces.map((n) => n.labels), ...cluster.workloads.map((w) => w.labels)])
    for (const [key, value] of Object.entries(labels)) {
      pairs.add(`${key}=${value}`);
      keys.add(key);
    }
  const candidates = [...cluster.namespaces.map((n) => n.name), ...cluster.workloads.map((w) => w.id), ...pairs, ...keys];
  // Compare each requirement of the side with each candidate; a bare word also with label values
  // ("guest" is closest to "platform.hospital/segment=guest"), a key=value also by its key (a typo there).
  const terms = side.split(',').map((t) => t.replace(/\s+/g, ''));
  const relative = (a: string, b: string): number => distance(a, b) / Math.max(a.length, b.length, 1);
  const score = (candidate: string): number => {
    const separator = candidate.indexOf('=');
    const key = separator < 0 ? candidate : candidate.slice(0, separator);
    const value = separator < 0 ? undefined : candidate.slice(separator + 1);
    let best = Number.POSITIVE_INFINITY;
    for (const term of terms) {
      const [termKey = '', termValue] = term.replace(/^!/, '').split(/!?=|\bnotin\(|\bin\(/);
      if (termValue === undefined) best = Math.min(best, relative(term, candidate), value === undefined ? Infinity : relative(term, value));
      // key=value: the key counts most (a typo there), then the value; a bare key or name ranks below.
      else
        best = Math.min(
          best,
          value === undefined ? relative(termKey, candidate) + 0.3 : relative(termKey, key) + 0.5 * relative(termValue.replace(/\)$/, ''), value),
        );
    }
    return best;
  };
  return candidates
    .map((candidate) => ({ candidate, score: score(candidate) }))
    .filter((c) => c.score <= 0.5)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, MAX_SUGGESTIONS)
    .map((c) => c.candidate);
}

export function describeEndpointSelector(selector: EndpointSelector): string {
  if (selector.kind === 'any') return '*';
  if (selector.kind === 'external') return 'external';
  if (selector.kind === 'labels') return describeSelector(selector.selector);
  return selector.text;
}

export function endpointMatches(selector: EndpointSelector, analysis: NetworkAnalysis, endpoint: string): boolean {
  if (selector.kind === 'any') return true;
  if (selector.kind === 'external') {
    if (!isExternal(endpoint)) return false;
    // The endpoint stands for a range the connection reaches as a whole: any overlap is a flow.
    return !selector.addresses || selector.addresses.overlaps(externalAddresses(endpoint)!);
  }
  const workload = analysis.workload(endpoint);
  if (!workload) return false;
  if (selector.kind === 'namespace') return workload.namespace === selector.name;
  if (selector.kind === 'workload')
    return (
      workload.namespace === selector.namespace &&
      (selector.name === '*' || workload.name === selector.name || workload.id === `${selector.namespace}/${selector.name}`)
    );
  const namespace = analysis.namespaceOf(endpoint);
  return (namespace !== undefined && selectorMatches(selector.selector, namespace.labels)) || selectorMatches(selector.selector, workload.labels);
}

/** The connections each rule forbids; sides are resolved against the analysed cluster first (NetworkInputError when one matches nothing). */
export function findViolations(analysis: NetworkAnalysis, rules: readonly DenyRule[]): DenyViolation[] {
  const violations: DenyViolation[] = [];
  for (const parsed of rules) {
    const rule = resolveDenyRule(parsed, analysis.cluster);
    for (const connection of analysis.connections)
      if (endpointMatches(rule.from, analysis, connection.src) && endpointMatches(rule.to, analysis, connection.dst))
        violations.push({ rule: parsed, connection, explanation: analysis.explain(connection.src, connection.dst) });
  }
  return violations;
}

function describeAllowingRule(rule: AllowingRule): string {
  const peerWord = rule.direction === 'egress' ? 'to' : 'from';
  const where = `(${rule.policy.source.file}, ${rule.policy.source.location})`;
  if ('kind' in rule.policy) {
    const policy = rule.policy;
    const adminRule = (rule.direction === 'egress' ? policy.egress : policy.ingress)[rule.ruleIndex]!;
    const rank = policy.priority === undefined ? 'baseline' : `priority ${policy.priority}`;
    const verb = rule.action === 'Pass' ? 'passes to the NetworkPolicies (or the baseline)' : 'allows';
    return `${policy.kind} ${policy.name} (${rank}) ${rule.direction}[${rule.ruleIndex}] "${adminRule.name}" ${where}: ${verb} ${peerWord} ${rule.peers.join(' OR ')}; ports ${rule.ports.toString()}`;
  }
  return `NetworkPolicy ${rule.policy.id} ${rule.direction}[${rule.ruleIndex}] ${where}: ${peerWord} ${rule.peers.join(' OR ')}; ports ${rule.ports.toString()}`;
}

/** Lines explaining one side of a connection. */
export function describeSide(side: SideExplanation, direction: 'egress' | 'ingress', endpoint: string): string[] {
  if (side.external) return [`${endpoint} is outside the cluster: no policy applies to it`];
  if (side.hostNetwork) return [`${endpoint} runs on the host network: no NetworkPolicy applies to it`];
  const lines = side.allowedBy.map(describeAllowingRule);
  if (!side.isolated) {
    const undecided =
      side.adminPolicies && side.adminPolicies.length > 0 ? 'so what no AdminNetworkPolicy decided is allowed' : `so all ${direction} is allowed`;
    const baseline = side.baselineDenied ? ` except what the BaselineAdminNetworkPolicy denies (${side.baselineDenied.toString()})` : '';
    lines.push(
      `${endpoint} is not isolated for ${direction}: no NetworkPolicy with policyType ${direction === 'egress' ? 'Egress' : 'Ingress'} selects it, ${undecided}${baseline}`,
    );
  }
  return lines;
}

export function formatViolation(violation: DenyViolation): string {
  const { connection, explanation } = violation;
  return [
    `DENIED FLOW EXISTS: ${connection.src} -> ${connection.dst} (${connection.ports.toString()}) violates "${violation.rule.text}"`,
    `  allowed by the egress of ${connection.src}:`,
    ...describeSide(explanation.egress, 'egress', connection.src).map((line) => `    - ${line}`),
    `  and by the ingress of ${connection.dst}:`,
    ...describeSide(explanation.ingress, 'ingress', connection.dst).map((line) => `    - ${line}`),
  ].join('\n');
}
