/**
 * Forbidden flows: `"<selector> -> <selector>"`, each side kubectl label-selector syntax over the
 * NAMESPACE labels of the endpoint (automatic `kubernetes.io/metadata.name` included), or `external`
 * / `external:<cidr>` for peers outside the cluster, or `*` for anything. A violation carries the
 * explanation of both sides: which policies and rules allow it.
 */
import { AddressSet, CidrError } from './addresses';
import type { AllowingRule, Connection, ConnectionExplanation, NetworkAnalysis, SideExplanation } from './analysis';
import type { LabelSelector } from './cluster';
import { NetworkInputError } from './errors';
import { isExternal } from './segments';
import { describeSelector, parseSelector, selectorMatches, SelectorSyntaxError } from './selectors';

export type EndpointSelector =
  | { readonly kind: 'any' }
  | { readonly kind: 'external'; readonly addresses?: AddressSet }
  | { readonly kind: 'namespace'; readonly selector: LabelSelector };

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

function parseSide(text: string, whole: string): EndpointSelector {
  const side = text.trim();
  if (side === '*') return { kind: 'any' };
  if (side === 'external') return { kind: 'external' };
  if (side.startsWith('external:')) {
    try {
      return { kind: 'external', addresses: AddressSet.ofCidr(side.slice('external:'.length)) };
    } catch (error) {
      if (error instanceof CidrError) throw new NetworkInputError(`--deny "${whole}": ${error.message}`);
      throw error;
    }
  }
  if (side === '') throw new NetworkInputError(`--deny "${whole}": a side is empty (use * for anything)`);
  try {
    return { kind: 'namespace', selector: parseSelector(side) };
  } catch (error) {
    if (error instanceof SelectorSyntaxError) throw new NetworkInputError(`--deny "${whole}": ${error.message}`);
    throw error;
  }
}

/** Parses `"A -> B"`. */
export function parseDenyRule(text: string): DenyRule {
  const parts = text.split('->');
  if (parts.length !== 2) throw new NetworkInputError(`--deny "${text}": expected "<namespace selector> -> <namespace selector>", e.g. "platform.hospital/segment=guest -> platform.hospital/segment=medical"`);
  return { text: text.trim(), from: parseSide(parts[0]!, text), to: parseSide(parts[1]!, text) };
}

export function describeEndpointSelector(selector: EndpointSelector): string {
  if (selector.kind === 'any') return '*';
  if (selector.kind === 'external') return 'external';
  return describeSelector(selector.selector);
}

export function endpointMatches(selector: EndpointSelector, analysis: NetworkAnalysis, endpoint: string): boolean {
  if (selector.kind === 'any') return true;
  if (selector.kind === 'external') {
    if (!isExternal(endpoint)) return false;
    return !selector.addresses || selector.addresses.overlaps(AddressSet.ofCidr(endpoint.slice('external:'.length)));
  }
  const namespace = analysis.namespaceOf(endpoint);
  return namespace !== undefined && selectorMatches(selector.selector, namespace.labels);
}

export function findViolations(analysis: NetworkAnalysis, rules: readonly DenyRule[]): DenyViolation[] {
  const violations: DenyViolation[] = [];
  for (const rule of rules)
    for (const connection of analysis.connections)
      if (endpointMatches(rule.from, analysis, connection.src) && endpointMatches(rule.to, analysis, connection.dst))
        violations.push({ rule, connection, explanation: analysis.explain(connection.src, connection.dst) });
  return violations;
}

function describeAllowingRule(rule: AllowingRule): string {
  const peerWord = rule.direction === 'egress' ? 'to' : 'from';
  return `NetworkPolicy ${rule.policy.id} ${rule.direction}[${rule.ruleIndex}] (${rule.policy.source.file}, ${rule.policy.source.location}): ${peerWord} ${rule.peers.join(' OR ')}; ports ${rule.ports.toString()}`;
}

/** Lines explaining one side of a connection. */
export function describeSide(side: SideExplanation, direction: 'egress' | 'ingress', endpoint: string): string[] {
  if (side.external) return [`${endpoint} is outside the cluster: no NetworkPolicy applies to it`];
  if (side.hostNetwork) return [`${endpoint} runs on the host network: no NetworkPolicy applies to it`];
  if (!side.isolated)
    return [`${endpoint} is not isolated for ${direction}: no NetworkPolicy with policyType ${direction === 'egress' ? 'Egress' : 'Ingress'} selects it, so all ${direction} is allowed`];
  return side.allowedBy.map(describeAllowingRule);
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
