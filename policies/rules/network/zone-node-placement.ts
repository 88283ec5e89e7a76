import { NAMESPACE_TYPES, namespaceOf, objectName, podSpecOf, WORKLOAD_TYPES } from '../../kubernetes';
import { LABELS } from '../../labels';
import { isUnknown, type Estate, type EstateRule, type Resource } from '../../model';
import { policyOptions, isProductionEnvironment } from '../../options';
import { plannedZone } from '../../plan/facts';
import { blocks, get, map, type Values } from '../../values';
import { BOUNDARY_CONTROLS } from './controls';

type Result = ReturnType<EstateRule['evaluate']>[number];
type Placement = Readonly<Record<string, string>>;

/** Whether the pod spec pins the pod to nodes carrying every label of `placement`, or why not. */
export function pinned(spec: Values, placement: Placement): { ok: true; how: string } | { ok: false; why: string } {
  const selector = map(spec, 'node_selector');
  if (isUnknown(selector)) return { ok: false, why: 'node_selector is known only after apply' };
  const missing = Object.entries(placement).filter(([key, value]) => selector[key] !== value);
  if (missing.length === 0)
    return {
      ok: true,
      how: `node_selector ${Object.entries(placement)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    };
  // Required node affinity pins only when every term (they are ORed) requires each label's value.
  const terms = blocks(get(spec, 'affinity.0.node_affinity.0.required_during_scheduling_ignored_during_execution.0.node_selector_term'));
  const termPins = (term: Values): boolean =>
    missing.every(([key, value]) =>
      blocks(term.match_expressions).some(
        (expression) =>
          expression.key === key &&
          expression.operator === 'In' &&
          Array.isArray(expression.values) &&
          expression.values.length > 0 &&
          expression.values.every((v) => v === value),
      ),
    );
  if (terms.length > 0 && terms.every(termPins)) return { ok: true, how: 'required node affinity' };
  return {
    ok: false,
    why: `neither node_selector nor a required node affinity pins ${missing.map(([k, v]) => `${k}=${v}`).join(', ')} (node_selector: ${JSON.stringify(selector)})`,
  };
}

/** The zone of a workload's namespace: the plan's; for other namespaces, their declared segment label. */
function zoneOfNamespace(estate: Estate, environment: string, namespace: unknown): string | undefined {
  const planned = plannedZone(policyOptions(estate).plan, namespace);
  if (planned !== undefined) return planned;
  const declared = NAMESPACE_TYPES.flatMap((type) => estate.byType(type, environment)).find((resource) => objectName(resource) === namespace);
  const labels = declared ? map(declared.values, 'metadata[0].labels') : undefined;
  const label = labels && !isUnknown(labels) ? labels[LABELS.segment] : undefined;
  return typeof label === 'string' ? label : undefined;
}

export const zoneNodePlacement: EstateRule = {
  id: 'network/zone-node-placement',
  profile: 'platform',
  title: 'Workloads of the medical and guest zones run only on their zone’s nodes',
  severity: 'high',
  rationale:
    'The plan separates the zones down to the nodes: a guest pod on a medical node shares its kernel, its host network and its node-level credentials with the medical workloads, which NetworkPolicies do not stop. Each workload of a zone the plan places (segments.nodePlacement) must be pinned, by node_selector or required node affinity, to nodes carrying that zone’s labels. ' +
    'Zones come from the plan; where an environment has no nodes of a zone (no workload pins that zone, outside production) there is nothing to pin to.',
  remediation:
    'Give the pod template `node_selector` with the zone’s node labels from policies/plan.yaml `segments.nodePlacement` (the stack does this from environments/<env>.yaml `nodePools`).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { ...BOUNDARY_CONTROLS, mlps: ['8.1.2.1', ...BOUNDARY_CONTROLS.mlps], operationsPlan: 'ops-2.1' },
  planKeys: ['segments.namespaces', 'segments.nodePlacement'],
  scope: 'estate',
  evaluate(estate) {
    const options = policyOptions(estate);
    const placements = options.plan.segments.nodePlacement;
    const results: Result[] = [];
    for (const environment of estate.environments) {
      const workloads: { resource: Resource; zone: string; spec: Values | undefined }[] = [];
      for (const type of WORKLOAD_TYPES)
        for (const resource of estate.byType(type, environment)) {
          const zone = zoneOfNamespace(estate, environment, namespaceOf(resource));
          if (zone !== undefined && Object.hasOwn(placements, zone)) workloads.push({ resource, zone, spec: podSpecOf(resource)?.spec });
        }
      const production = isProductionEnvironment(estate, environment);
      // A zone has nodes here when production (the plan's estate), or when any workload of the environment is pinned to them.
      const modelled = new Set(
        Object.entries(placements)
          .filter(
            ([, placement]) =>
              production ||
              WORKLOAD_TYPES.some((type) =>
                estate.byType(type, environment).some((r) => {
                  const spec = podSpecOf(r)?.spec;
                  return spec !== undefined && pinned(spec, placement).ok;
                }),
              ),
          )
          .map(([zone]) => zone),
      );
      for (const { resource, zone, spec } of workloads) {
        const on = { resource: resource.address, environment, file: resource.file };
        const name = `${String(namespaceOf(resource))}/${objectName(resource) ?? resource.address}`;
        const placement = placements[zone]!;
        const wanted = Object.entries(placement)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ');
        if (!modelled.has(zone)) {
          results.push({
            ...on,
            status: 'not-applicable',
            message: `${name}: ${environment} has no nodes of the ${zone} zone (no workload is pinned to ${wanted})`,
          });
          continue;
        }
        const verdict = spec ? pinned(spec, placement) : ({ ok: false, why: 'it has no pod spec' } as const);
        results.push(
          verdict.ok
            ? { ...on, status: 'pass', message: `${name} (${zone} zone) runs on ${zone} nodes (${verdict.how})` }
            : {
                ...on,
                status: 'fail',
                message: `${name} (${zone} zone) is not pinned to the ${zone} nodes (plan: segments.nodePlacement.${zone} = ${wanted}): ${verdict.why}`,
              },
        );
      }
    }
    return results;
  },
};
