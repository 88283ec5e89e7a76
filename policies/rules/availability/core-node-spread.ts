import { podSpecOf, SCALABLE_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { get, str } from '../../values';
import { outsideCoreScope } from './core';
import { FAIL_CLOSED } from '../workload/container-check';
import { AVAILABILITY_CONTROLS } from './core-replicas';

/** The node label every node carries with its own name: a selector on it picks single nodes. */
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

type Term = {
  match_expressions?: { key?: string; operator?: string; values?: unknown[] }[];
  match_fields?: { key?: string; operator?: string; values?: unknown[] }[];
};

/**
 * The node names the pod spec restricts its pods to, or undefined when it does not name nodes: `node_name`,
 * a `node_selector` on the hostname label, or required node affinity whose every term names hosts (terms
 * are ORed, so one term without a host restriction leaves the pods free).
 */
function hostsPinned(spec: Record<string, unknown>): string[] | 'unknown' | undefined {
  const nodeName = get(spec, 'node_name');
  if (isUnknown(nodeName)) return 'unknown';
  if (typeof nodeName === 'string' && nodeName !== '') return [nodeName];
  // Read as a map: the label contains dots, which a value path would split.
  const selector = get(spec, 'node_selector');
  if (isUnknown(selector)) return 'unknown';
  const selected =
    selector !== null && typeof selector === 'object' && !Array.isArray(selector) ? (selector as Record<string, unknown>)[HOSTNAME_LABEL] : undefined;
  if (isUnknown(selected)) return 'unknown';
  if (typeof selected === 'string') return [selected];
  const terms = get(spec, 'affinity[0].node_affinity[0].required_during_scheduling_ignored_during_execution[0].node_selector_term');
  if (isUnknown(terms)) return 'unknown';
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  const hosts = new Set<string>();
  for (const term of terms as Term[]) {
    // Within a term the requirements are ANDed: any one naming hosts (label or metadata.name field) restricts it.
    const requirements = [
      ...(term.match_expressions ?? []).map((entry) => ({ ...entry, field: entry.key === HOSTNAME_LABEL })),
      ...(term.match_fields ?? []).map((entry) => ({ ...entry, field: entry.key === 'metadata.name' })),
    ];
    const naming = requirements.filter((entry) => entry.field && entry.operator === 'In' && Array.isArray(entry.values));
    if (naming.length === 0) return undefined;
    const narrowest = naming.reduce((smallest, entry) => (entry.values!.length < smallest.values!.length ? entry : smallest));
    for (const value of narrowest.values!) if (typeof value === 'string') hosts.add(value);
  }
  return [...hosts];
}

/**
 * A core system's replicas protect it only on different nodes. Pinned to one node (by name, node
 * selector or affinity), every replica goes down with that node, and a hostname spread constraint does
 * not help: it counts only the nodes the pods may use.
 */
export const coreNodeSpread: ResourceRule = {
  id: 'availability/core-node-spread',
  profile: 'platform',
  title: 'Core clinical systems may run on more than one node',
  severity: 'high',
  rationale:
    'The plan asks the core systems to stay up 7×24 and recover within 30 minutes. Replicas that may only run on one node all stop when that node fails or is drained, and cannot be rescheduled elsewhere until it returns.',
  remediation: `Remove \`node_name\`, the \`${HOSTNAME_LABEL}\` node selector or the required node affinity that names single nodes from the core system's pod template; place it by node pool (a label many nodes carry) and spread it over \`${HOSTNAME_LABEL}\`.`,
  resourceTypes: SCALABLE_TYPES,
  controls: AVAILABILITY_CONTROLS,
  planKeys: ['clinicalSystems', 'availability.coreMinReplicas'],
  scope: 'resource',
  evaluate(resource, estate) {
    const skipped = outsideCoreScope(resource, estate, '');
    if (skipped) return skipped;
    const pod = podSpecOf(resource);
    if (!pod) return { status: 'not-applicable', message: 'no pod template' };
    const hosts = hostsPinned(pod.spec as Record<string, unknown>);
    if (hosts === 'unknown') return { status: 'fail', message: `${pod.path} node placement ${FAIL_CLOSED}` };
    if (hosts === undefined) return { status: 'pass', message: 'no placement names single nodes' };
    if (hosts.length <= 1)
      return {
        status: 'fail',
        message: `${pod.path} pins every replica to node ${hosts.map((host) => `"${str(host)}"`).join('') || '(none)'}: one node failure stops the system`,
      };
    return { status: 'pass', message: `may run on ${hosts.length} named nodes (${hosts.join(', ')})` };
  },
};
