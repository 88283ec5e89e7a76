import type { EstateRule } from '../../model';
import {
  describePeer,
  isEmptySelector,
  NETWORK_MODEL_TYPES,
  networkAnalysisOf,
  networkEnvironments,
  parseCidr,
  segmentOf,
  selectorMatches,
} from '../../network';
import type { NetworkPolicy, PolicyRule } from '../../network';
import { BOUNDARY_CONTROLS } from './controls';

type Result = ReturnType<EstateRule['evaluate']>[number];

/** Why a rule admits an unrestricted peer, or undefined when every peer is restricted. */
export function unrestrictedPeer(rule: PolicyRule): string | undefined {
  if (rule.peers.length === 0) return 'the rule has no from (every pod and every address)';
  for (const peer of rule.peers) {
    if (peer.kind === 'ipBlock') {
      const range = parseCidr(peer.cidr);
      // Stryker disable next-line ArithmeticOperator: a block of 2^bits addresses starts at 0, so last + first + 1 = 2^bits exactly when last - first + 1 = 2^bits
      if (range.last - range.first + 1n === 1n << (range.family === 4 ? 32n : 128n)) return `${describePeer(peer)} (the whole internet)`;
    } else if (peer.namespaceSelector && isEmptySelector(peer.namespaceSelector) && (!peer.podSelector || isEmptySelector(peer.podSelector)))
      return `${describePeer(peer)} (every pod of every namespace)`;
  }
  return undefined;
}

/** The ingress rules of a policy that admit an unrestricted peer, each with the reason. */
function unrestrictedRules(policy: NetworkPolicy): string[] {
  return policy.ingress.flatMap((rule, index) => {
    const why = unrestrictedPeer(rule);
    return why ? [`${policy.source.location} ingress[${index}]: ${why}`] : [];
  });
}

export const noOpenIngress: EstateRule = {
  id: 'network/no-open-ingress',
  profile: 'generic',
  title: 'No medical workload is reachable from an unrestricted peer',
  severity: 'high',
  rationale:
    'Medical workloads hold patient data. An ingress rule without `from`, with an empty namespace selector, or with an ipBlock of the whole internet admits every pod of every segment (guest included) or any address outside the cluster; a workload no ingress policy selects is open to all.',
  remediation:
    'Select the medical workload with an ingress policy whose peers name the allowed callers (namespace AND pod selector, or a narrow ipBlock), as the environment file’s `networkFlows` generate.',
  resourceTypes: NETWORK_MODEL_TYPES,
  controls: { ...BOUNDARY_CONTROLS, operationsPlan: 'ops-2.1' },
  scope: 'estate',
  evaluate(estate) {
    const results: Result[] = [];
    for (const environment of networkEnvironments(estate)) {
      const { analysis, error } = networkAnalysisOf(estate, environment);
      if (error !== undefined) {
        results.push({ resource: 'network:medical', environment, status: 'fail', message: `the network model cannot be read: ${error}` });
        continue;
      }
      // Ingress policies per namespace (in the cluster's order): a policy selects pods of its own
      // namespace only, so each workload is matched against those rather than every policy.
      const ingressPolicies = new Map<string, NetworkPolicy[]>();
      for (const policy of analysis.cluster.policies) {
        if (!policy.affectsIngress) continue;
        const list = ingressPolicies.get(policy.namespace);
        if (list) list.push(policy);
        else ingressPolicies.set(policy.namespace, [policy]);
      }
      // What each policy leaves open does not depend on the workload: work it out once per policy.
      const openRules = new Map<NetworkPolicy, string[]>();
      for (const workload of analysis.cluster.workloads) {
        if (segmentOf(analysis, workload.id) !== 'medical') continue;
        const resource = workload.source.location;
        const file = workload.source.file;
        const selecting = (ingressPolicies.get(workload.namespace) ?? []).filter((p) => selectorMatches(p.podSelector, workload.labels));
        if (selecting.length === 0) {
          results.push({
            resource,
            environment,
            file,
            status: 'fail',
            message: `${workload.id}: no NetworkPolicy isolates its ingress, so every pod and every address can reach it`,
          });
          continue;
        }
        const open: string[] = [];
        for (const policy of selecting) {
          let reasons = openRules.get(policy);
          // Stryker disable next-line ConditionalExpression: a memo; working a policy's open rules out again gives the same reasons
          if (!reasons) openRules.set(policy, (reasons = unrestrictedRules(policy)));
          open.push(...reasons);
        }
        results.push(
          open.length > 0
            ? { resource, environment, file, status: 'fail', message: `${workload.id} is reachable from an unrestricted peer: ${open.join('; ')}` }
            : {
                resource,
                environment,
                file,
                status: 'pass',
                message: `${workload.id}: ingress only from named peers (${selecting.map((p) => p.source.location).join(', ')})`,
              },
        );
      }
    }
    return results;
  },
};
