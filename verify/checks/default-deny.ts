import type { V1LabelSelector, V1NetworkPolicy } from '@kubernetes/client-node';
import type { ClusterReader } from '../cluster';
import { SEGMENT_LABEL } from '../../constructs/platform-labels';
import { type CheckResult, fail, guarded, pass } from '../result';

const CHECK = 'default-deny';

/**
 * Namespaces the platform manages carry their segment label; others (kube-system, …) are not ours.
 * Every platform namespace (labelled, or declared in the environment file) denies all traffic unless another policy allows it. Judged by meaning, not by
 * name: a policy selecting every pod (empty podSelector), isolating both directions, allowing nothing.
 */
export function checkDefaultDeny(cluster: ClusterReader, declared: readonly string[]): Promise<readonly CheckResult[]> {
  return guarded(CHECK, `namespaces with ${SEGMENT_LABEL}`, async () => {
    const namespaces = await cluster.listNamespaces({ labelSelector: SEGMENT_LABEL });
    const found = new Set(namespaces.map((namespace) => namespace.metadata?.name));
    const missing = declared
      .filter((name) => !found.has(name))
      .map((name) => fail(CHECK, name, `declared in the environment file, but no namespace with label ${SEGMENT_LABEL} has this name`));
    if (namespaces.length === 0 && missing.length === 0) return [fail(CHECK, SEGMENT_LABEL, 'no namespace carries the segment label')];
    const perNamespace = await Promise.all(
      namespaces.map((namespace) => {
        const name = namespace.metadata?.name ?? '';
        return guarded(CHECK, name, async () => {
          const denying = (await cluster.listNetworkPolicies(name)).filter(isDefaultDeny);
          return [
            denying.length > 0
              ? pass(CHECK, name, `denied by ${denying.map((policy) => policy.metadata?.name).join(', ')}`)
              : fail(CHECK, name, 'no NetworkPolicy with an empty podSelector, policyTypes [Ingress, Egress] and no rules'),
          ];
        });
      }),
    );
    return [...perNamespace.flat(), ...missing];
  });
}

export function isDefaultDeny(policy: V1NetworkPolicy): boolean {
  const spec = policy.spec;
  if (!spec || !selectsEveryPod(spec.podSelector)) return false;
  const types = spec.policyTypes ?? [];
  return types.includes('Ingress') && types.includes('Egress') && (spec.ingress ?? []).length === 0 && (spec.egress ?? []).length === 0;
}

function selectsEveryPod(selector: V1LabelSelector | undefined): boolean {
  return Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0;
}
