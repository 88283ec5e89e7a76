import { NAMESPACE_TYPES, objectName } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { isEmptySelector, NETWORK_POLICY_TYPES, networkAnalysisOf, networkEnvironments } from '../../network';
import type { NetworkPolicy } from '../../network';
import { BOUNDARY_CONTROLS } from './controls';

type Result = ReturnType<EstateRule['evaluate']>[number];

export const defaultDeny: EstateRule = {
  id: 'network/default-deny',
  profile: 'generic',
  title: 'Every namespace denies ingress and egress by default',
  severity: 'high',
  rationale:
    'A boundary that allows everything unless told otherwise fails open: a new workload, or a policy that stops matching after a label change, is reachable from every segment. Denying both directions by default makes every allowed flow an explicit, reviewable decision (least privilege).',
  remediation:
    'Add to the namespace a NetworkPolicy with an empty `pod_selector` and `policy_types = ["Ingress", "Egress"]` (the network-isolation construct does this for every namespace), then allow the needed flows with narrow policies.',
  resourceTypes: [...NAMESPACE_TYPES, ...NETWORK_POLICY_TYPES],
  controls: { ...BOUNDARY_CONTROLS, operationsPlan: 'ops-2.1' },
  scope: 'estate',
  evaluate(estate) {
    const results: Result[] = [];
    for (const environment of networkEnvironments(estate)) {
      const namespaces = NAMESPACE_TYPES.flatMap((type) => estate.byType(type, environment));
      // Stryker disable next-line ConditionalExpression: only saves the analysis; without namespaces the loop below yields nothing
      if (namespaces.length === 0) continue;
      const { analysis, error } = networkAnalysisOf(estate, environment);
      // Policies that select every pod of their namespace, whatever its labels, per namespace (in the
      // cluster's order), so each namespace does not scan every policy.
      const namespaceWidePolicies = new Map<string, NetworkPolicy[]>();
      for (const policy of analysis?.cluster.policies ?? []) {
        if (!isEmptySelector(policy.podSelector)) continue;
        const list = namespaceWidePolicies.get(policy.namespace);
        if (list) list.push(policy);
        else namespaceWidePolicies.set(policy.namespace, [policy]);
      }
      for (const resource of namespaces) {
        const subject = { resource: resource.address, environment, file: resource.file };
        const name = objectName(resource);
        if (error !== undefined || name === undefined) {
          results.push({ ...subject, status: 'fail', message: error ?? 'metadata[0].name is known only after apply; failing closed' });
          continue;
        }
        // Stryker disable next-line ArrayDeclaration: without a namespace-wide policy both directions fail, whatever non-policy the fallback held
        const namespaceWide = namespaceWidePolicies.get(name) ?? [];
        const problems: string[] = [];
        for (const direction of ['Ingress', 'Egress'] as const) {
          const isolating = namespaceWide.filter((p) => (direction === 'Ingress' ? p.affectsIngress : p.affectsEgress));
          if (isolating.length === 0) problems.push(`no NetworkPolicy with an empty pod_selector isolates ${direction}`);
          // A namespace-wide rule without peers and ports allows everything: the default deny is undone.
          for (const p of isolating) {
            const rules = direction === 'Ingress' ? p.ingress : p.egress;
            rules.forEach((rule, index) => {
              if (rule.peers.length === 0 && rule.ports.length === 0)
                problems.push(`${p.source.location} ${direction.toLowerCase()}[${index}] allows all ${direction.toLowerCase()} for every pod`);
            });
          }
        }
        results.push(
          problems.length > 0
            ? { ...subject, status: 'fail', message: `namespace "${name}": ${problems.join('; ')}` }
            : {
                ...subject,
                status: 'pass',
                message: `namespace "${name}" denies ingress and egress by default (${namespaceWide.map((p) => p.source.location).join(', ')})`,
              },
        );
      }
    }
    return results;
  },
};
