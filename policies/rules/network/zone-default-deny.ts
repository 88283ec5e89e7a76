import type { EstateRule } from '../../model';
import {
  isEmptySelector,
  networkAnalysisOf,
  networkEnvironments,
  NETWORK_MODEL_TYPES,
  selectorMatches,
  type NetworkPolicy,
  type PolicyRule,
} from '../../network';
import { planOf, plannedZone } from '../../plan/facts';
import { LABELS } from '../../labels';
import { firstBlock } from '../../values';
import { BOUNDARY_CONTROLS } from './controls';
import { unrestrictedPeer } from './no-open-ingress';

type Result = ReturnType<EstateRule['evaluate']>[number];

/** Network policy kinds that can undo a default deny. */
const MANIFEST_POLICY_KINDS: readonly string[] = ['NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];

/**
 * Why a rule admits every peer, or undefined: no peers, every pod of every namespace, or a whole address
 * family without exceptions (an ipBlock that excepts the hospital's ranges is judged by the flow rules).
 */
function reopening(rule: PolicyRule): string | undefined {
  if (rule.peers.length === 0) return unrestrictedPeer(rule);
  const peers = rule.peers.filter((peer) => peer.kind === 'selector' || peer.except.length === 0);
  return peers.length > 0 ? unrestrictedPeer({ ...rule, peers }) : undefined;
}

export const zoneDefaultDeny: EstateRule = {
  id: 'network/zone-default-deny',
  profile: 'platform',
  title: 'Every namespace of the plan’s default-deny zones (medical, guest) denies ingress and egress, as the effective policy set proves',
  severity: 'high',
  rationale:
    'The plan requires the medical and guest zones to allow only listed flows. That holds only if every namespace of these zones, as the plan assigns them (not as their labels say), is isolated in both directions by NetworkPolicies that select every pod, and no namespace-wide rule admits every peer again, and no AdminNetworkPolicy allows traffic past the NetworkPolicies. ' +
    'A deny policy that selects only some pods, that covers only ingress, or whose rules reopen everything does not count.',
  remediation:
    'Give the namespace a NetworkPolicy with an empty `pod_selector` and `policy_types = ["Ingress", "Egress"]` (constructs/network-isolation does), remove namespace-wide rules that admit every namespace or the whole internet, and express exceptions as narrow flows (environment `networkFlows`, plan `segments.allowedFlows`).',
  resourceTypes: [...NETWORK_MODEL_TYPES, 'kubernetes_manifest'],
  controls: { ...BOUNDARY_CONTROLS, mlps: ['8.1.2.1', ...BOUNDARY_CONTROLS.mlps], operationsPlan: 'ops-2.1' },
  planKeys: ['segments.namespaces', 'segments.defaultDenyZones'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const zones = new Set(plan.segments.defaultDenyZones);
    const results: Result[] = [];
    for (const environment of networkEnvironments(estate)) {
      const { analysis, error } = networkAnalysisOf(estate, environment);
      if (error !== undefined) {
        results.push({ resource: 'network:default-deny', environment, status: 'fail', message: `the network model cannot be read: ${error}` });
        continue;
      }
      const namespaceWide = new Map<string, NetworkPolicy[]>();
      for (const policy of analysis.cluster.policies) {
        if (!isEmptySelector(policy.podSelector)) continue;
        namespaceWide.set(policy.namespace, [...(namespaceWide.get(policy.namespace) ?? []), policy]);
      }
      let judged = 0;
      for (const namespace of analysis.cluster.namespaces) {
        const planned = plannedZone(plan, namespace.name);
        const zone = planned ?? namespace.labels[LABELS.segment];
        if (zone === undefined || !zones.has(zone)) continue;
        judged++;
        const on = {
          resource: namespace.source?.location ?? `namespace:${namespace.name}`,
          environment,
          ...(namespace.source ? { file: namespace.source.file } : {}),
        };
        const where = `namespace ${namespace.name} (${zone} zone, ${planned !== undefined ? `plan: segments.namespaces.${namespace.name}` : `label ${LABELS.segment}`}; plan: segments.defaultDenyZones)`;
        const policies = namespaceWide.get(namespace.name) ?? [];
        const problems: string[] = [];
        for (const direction of ['Ingress', 'Egress'] as const) {
          const isolating = policies.filter((p) => (direction === 'Ingress' ? p.affectsIngress : p.affectsEgress));
          if (isolating.length === 0) problems.push(`no NetworkPolicy with an empty pod_selector isolates ${direction}`);
          for (const policy of isolating)
            (direction === 'Ingress' ? policy.ingress : policy.egress).forEach((rule, index) => {
              // A namespace-wide rule on every port that admits every peer undoes the default deny.
              const why = rule.ports.length === 0 ? reopening(rule) : undefined;
              if (why)
                problems.push(`${policy.source.location} ${direction.toLowerCase()}[${index}] reopens all ${direction.toLowerCase()} for every pod: ${why}`);
            });
        }
        // AdminNetworkPolicies decide before any NetworkPolicy: an Allow that selects the namespace bypasses its default deny.
        for (const admin of analysis.cluster.adminPolicies) {
          if (!selectorMatches(admin.subject.namespaceSelector, namespace.labels)) continue;
          for (const direction of ['ingress', 'egress'] as const)
            admin[direction].forEach((rule, index) => {
              if (rule.action === 'Allow')
                problems.push(`${admin.source.location} (${admin.id}) ${direction}[${index}] allows traffic past the NetworkPolicies`);
            });
        }
        results.push(
          problems.length > 0
            ? { ...on, status: 'fail', message: `${where}: ${problems.join('; ')}` }
            : { ...on, status: 'pass', message: `${where} denies ingress and egress by default (${policies.map((p) => p.source.location).join(', ')})` },
        );
      }
      // Policies written as raw manifests are invisible to the analysis: what they allow cannot be proven either way.
      for (const manifest of estate.byType('kubernetes_manifest', environment)) {
        const kind = firstBlock(manifest.values.manifest)?.kind;
        if (typeof kind === 'string' && MANIFEST_POLICY_KINDS.includes(kind))
          results.push({
            resource: manifest.address,
            environment,
            file: manifest.file,
            status: 'fail',
            message: `${kind} written as kubernetes_manifest is not read by the network analysis: whether it reopens the ${[...zones].join(' and ')} zones cannot be proven; failing closed (write it as kubernetes_network_policy_v1)`,
          });
      }
      if (judged === 0)
        results.push({
          resource: 'network:default-deny',
          environment,
          status: 'not-applicable',
          message: `no namespace of the zones ${[...zones].join(', ')}`,
        });
    }
    return results;
  },
};
